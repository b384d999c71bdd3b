import { expect, test } from "../fixtures/test";
import { CatalogForm, CatalogListPage } from "../pages/catalog-pages";

test("add a group, rename it, set it invalid: the list shows it muted with links to its assignments", async ({
  admin,
}) => {
  const list = new CatalogListPage(admin, "groups");
  await list.goto();
  // The groups every OTOBO database starts with.
  await expect(list.row("users")).toBeVisible();
  await list.add.click();
  const form = new CatalogForm(admin);
  await form.name.fill("grp-sales");
  await form.comment.fill("Sales questions");
  await form.save.click();
  await expect(admin.getByText("Group grp-sales added.")).toBeVisible();
  await expect(admin).toHaveURL(/\/groups\/\d+$/);

  await form.name.fill("grp-presales");
  await form.valid.selectOption({ label: "invalid-temporarily" });
  await form.saveAndFinish.click();
  await expect(admin.getByText("Group grp-presales saved.")).toBeVisible();
  await expect(admin).toHaveURL(/\/groups$/);
  const row = list.row("grp-presales");
  await expect(row).toHaveClass(/row-muted/);
  await expect(row).toContainText("invalid-temporarily");

  await row.getByRole("link", { name: "Customer users of group grp-presales" }).click();
  await expect(admin).toHaveURL(/\/customer-users-groups\?group=\d+$/);
});

test("a duplicate group name is refused at the field and the input is kept", async ({ admin }) => {
  await admin.goto("/groups/new");
  const form = new CatalogForm(admin);
  await form.name.fill("users");
  await form.comment.fill("kept");
  await form.save.click();
  await expect(form.name).toHaveAccessibleDescription(/users/);
  await expect(form.comment).toHaveValue("kept");
});
