import { EMPTY_BASE_URL } from "../fixtures/env";
import { expect, test } from "../fixtures/test";
import { CustomerUsersPage } from "../pages/customer-users-page";

// On the run's second server, whose database no spec writes to: no customer exists there.
test.use({ baseURL: EMPTY_BASE_URL });

test("adding a customer user is refused until a customer exists, with the reason and a way out", async ({
  admin,
}) => {
  const list = new CustomerUsersPage(admin);
  await list.goto();
  await expect(list.addButtonDisabled).toBeDisabled();
  await expect(list.addButtonDisabled).toHaveAccessibleDescription(/there is no customer yet/);
  await expect(list.table.getByText("There are no customer users yet.")).toBeVisible();

  // A deep link to the form says the same instead of offering a form that cannot be saved.
  await admin.goto("/customer-users/new");
  await expect(admin.getByRole("alert")).toContainText("Add a customer first");
  await admin.getByRole("link", { name: "Add customer" }).click();
  await expect(admin).toHaveURL(/\/customers\/new$/);
});
