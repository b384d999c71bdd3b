import { readFile } from "node:fs/promises";
import { seriousA11yViolations } from "../fixtures/axe";
import { fillDirectory } from "../fixtures/ldap";
import { expect, test } from "../fixtures/test";
import { createCustomer, createCustomerUser } from "../pages/assignment-screen";
import { CustomerUsersPage } from "../pages/customer-users-page";

/**
 * The Data protection section of the customer-user page: the export downloads the person's data as
 * JSON; anonymising asks for the login to be typed, then opens the user under its new login, and the
 * old login is found nowhere. Independent of the other specs: it makes its own customer and user.
 */
test("export downloads JSON; anonymise needs the typed login, then the old login is not found", async ({
  admin,
  api,
}) => {
  const suffix = Date.now().toString(36);
  const customerId = await createCustomer(api, `GDPR-${suffix}`, `Data Protection ${suffix}`);
  const login = await createCustomerUser(api, `gunda.${suffix}`, customerId);

  await admin.goto(`/customer-users/${login}`);
  const section = admin.getByRole("region", { name: "Data protection" });
  const [download] = await Promise.all([
    admin.waitForEvent("download"),
    section.getByRole("button", { name: "Export personal data" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`customer-user-${login}.json`);
  const exported = JSON.parse(await readFile((await download.path())!, "utf8")) as {
    login: string;
    fields: Record<string, string>;
  };
  expect(exported.login).toBe(login);
  expect(exported.fields.UserEmail).toBe(`${login}@relations.example`);
  await expect(admin.getByText(`Personal data of ${login} downloaded.`)).toBeVisible();

  await section.getByRole("button", { name: "Anonymise…" }).click();
  const dialog = admin.getByRole("dialog", { name: `Anonymise ${login}?` });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Anonymise", exact: true });
  const typed = dialog.getByLabel(`Type ${login} to confirm`);
  await expect(confirm).toBeDisabled();
  await typed.fill(login.toUpperCase());
  await expect(confirm).toBeDisabled();
  // Cancelling keeps everything as it was.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await section.getByRole("button", { name: "Anonymise…" }).click();
  await expect(typed).toHaveValue("");
  expect(await seriousA11yViolations(admin)).toEqual([]);
  await typed.fill(login);
  await expect(confirm).toBeEnabled();
  await confirm.click();

  await expect(admin.getByText(/Anonymised\. The new login is anonymised-[0-9a-f]{16}\./)).toBeVisible();
  await expect(admin).toHaveURL(/\/customer-users\/anonymised-[0-9a-f]{16}$/);
  const newLogin = decodeURIComponent(new URL(admin.url()).pathname.split("/").pop()!);
  await expect(admin.getByRole("heading", { level: 1 })).toContainText(newLogin);
  await expect(admin.getByLabel("Email")).toHaveValue(`${newLogin}@anonymised.invalid`);

  const list = new CustomerUsersPage(admin);
  await list.goto(login);
  await expect(admin.getByText(`No customer user matches “${login}”.`)).toBeVisible();
  await list.goto(newLogin);
  await expect(list.row(newLogin)).toBeVisible();
  const gone = await api<{ customerUser: unknown }>(
    `query($l: String!) { customerUser(login: $l) { login } }`,
    {
      l: login,
    },
  );
  expect(gone.customerUser).toBeNull();
});

test("a directory user cannot be anonymised here: the button says to do it in the directory", async ({
  admin,
}) => {
  const login = "ldap-anna";
  await fillDirectory();
  await admin.goto(`/customer-users/${login}`);
  const section = admin.getByRole("region", { name: "Data protection" });
  const anonymise = section.getByRole("button", { name: "Anonymise…" });
  await expect(anonymise).toBeDisabled();
  await expect(anonymise).toHaveAccessibleDescription(
    /read-only: anonymise this person in the directory itself/,
  );
  await expect(section.getByRole("button", { name: "Export personal data" })).toBeEnabled();
  expect(await seriousA11yViolations(admin)).toEqual([]);
});
