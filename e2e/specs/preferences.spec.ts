import { directoryServer, directoryUsersLdif } from "../fixtures/ldap";
import { expect, test } from "../fixtures/test";

/**
 * The Preferences section of the customer-user edit page, for a directory user: LDAP backends are
 * read-only, yet preferences live in the database by login and stay editable.
 */
const LOGIN = "ldap-anna";
const READ = `query($l: String!) { customerUser(login: $l) { readOnly preferences { key value } } }`;

test("set language, time zone and a free preference for an LDAP user; a refused key shows at its row", async ({
  admin,
  api,
}) => {
  // The LDAP spec fills the directory; run on its own, this spec does.
  const found = await api<{ customerUser: unknown }>(`{ customerUser(login: "${LOGIN}") { login } }`);
  if (!found.customerUser) await (await directoryServer()).add(directoryUsersLdif());
  await api(`mutation { setCustomerUserPreferences(login: "${LOGIN}", preferences: []) { login } }`);
  await admin.goto(`/customer-users/${LOGIN}`);
  const section = admin.getByRole("region", { name: "Preferences" });
  await expect(section.getByLabel("Language")).toHaveValue("");
  await section.getByLabel("Language").selectOption("nl");
  await section.getByLabel("Time zone").selectOption("Europe/Amsterdam");
  await section.getByRole("button", { name: "Add preference" }).click();
  await section.getByLabel("Key of preference 1").fill("UserEmail");
  await section.getByLabel("Value of preference 1").fill("25");
  await section.getByRole("button", { name: "Save preferences" }).click();
  await expect(section.getByRole("row").filter({ hasText: "customer-user data" })).toBeVisible();

  await section.getByLabel("Key of preference 1").fill("UserShowTickets");
  await section.getByRole("button", { name: "Save preferences" }).click();
  await expect(admin.getByText("Preferences saved.")).toBeVisible();

  const data = await api<{ customerUser: { readOnly: boolean; preferences: unknown[] } }>(READ, { l: LOGIN });
  expect(data.customerUser).toEqual({
    readOnly: true,
    preferences: [
      { key: "UserLanguage", value: "nl" },
      { key: "UserShowTickets", value: "25" },
      { key: "UserTimeZone", value: "Europe/Amsterdam" },
    ],
  });
  // Reloaded, the page shows what was stored.
  await admin.reload();
  await expect(section.getByLabel("Language")).toHaveValue("nl");
  await expect(section.getByLabel("Key of preference 1")).toHaveValue("UserShowTickets");

  await api(`mutation { setCustomerUserPreferences(login: "${LOGIN}", preferences: []) { login } }`);
});
