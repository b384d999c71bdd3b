import type { Locator, Page } from "@playwright/test";
import { seriousA11yViolations } from "../fixtures/axe";
import { ADMIN_LOGIN } from "../fixtures/env";
import { expect, test } from "../fixtures/test";
import { makeUiData, switchGroupSupportOn } from "../fixtures/ui-data";
import { AppFrame } from "../pages/app-frame";

const leaveDialog = (page: Page): Locator => page.getByRole("dialog", { name: "Leave without saving?" });

/** Edits a field, then checks that leaving asks first. */
async function expectGuarded(page: Page, field: Locator, value: string, hasCancel: boolean): Promise<void> {
  await field.fill(value);
  await expectAsks(page, () => expect(field).toHaveValue(value), hasCancel);
}

/** After an edit: a menu link, Cancel (if any) and Back all ask; Stay keeps the edit, Leave goes. */
async function expectAsks(page: Page, stillEdited: () => Promise<void>, hasCancel: boolean): Promise<void> {
  const frame = new AppFrame(page);
  const here = page.url();

  await frame.navLink("Sources").click();
  const dialog = leaveDialog(page);
  await expect(dialog).toBeVisible();
  // The keyboard stays on the dialog's two choices.
  const stay = dialog.getByRole("button", { name: "Stay on this page" });
  await expect(stay).toBeFocused();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  expect(await seriousA11yViolations(page)).toEqual([]);
  await stay.click();
  await expect(dialog).toBeHidden();
  expect(page.url()).toBe(here);
  await stillEdited();

  if (hasCancel) {
    await page.getByRole("link", { name: "Cancel" }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Stay on this page" }).click();
    await stillEdited();
  }

  await page.goBack();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Leave without saving" }).click();
  await expect(dialog).toBeHidden();
  expect(page.url()).not.toBe(here);
}

async function openFromList(page: Page, list: string, link: string): Promise<void> {
  await page.goto(list);
  await page.getByRole("table").getByRole("link", { name: link, exact: true }).click();
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeVisible();
}

test.describe("unsaved edits are never lost silently", () => {
  test("customer-user form", async ({ admin, api }) => {
    const d = await makeUiData(api, "guard-cu");
    // Opened inside the app, so that Back is the app's own navigation.
    await openFromList(admin, `/customer-users?search=${encodeURIComponent(d.login)}`, d.login);
    await expectGuarded(admin, admin.getByLabel("First name", { exact: true }), "Changed", true);
  });

  test("customer form", async ({ admin, api }) => {
    const d = await makeUiData(api, "guard-c");
    await openFromList(admin, `/customers?search=${encodeURIComponent(d.customerId)}`, d.customerId);
    await expectGuarded(admin, admin.getByLabel("City", { exact: true }), "Changed", true);
  });

  test("group form", async ({ admin, api }) => {
    const d = await makeUiData(api, "guard-g");
    await openFromList(admin, "/groups", d.groupName);
    await expectGuarded(admin, admin.getByLabel("Comment", { exact: true }), "Changed", true);
  });

  test("service form", async ({ admin, api }) => {
    const d = await makeUiData(api, "guard-s");
    await openFromList(admin, "/services", `ui-service-${d.groupName.replace(/^ui-group-/, "")}`);
    await expectGuarded(admin, admin.getByLabel("Comment", { exact: true }), "Changed", true);
  });

  test("Settings", async ({ admin }) => {
    await admin.goto("/customers");
    await new AppFrame(admin).navLink("Settings").click();
    const box = admin.getByRole("main").getByRole("checkbox").first();
    await expect(box).toBeVisible();
    const was = await box.isChecked();
    await box.setChecked(!was);
    await expectAsks(admin, () => expect(box).toBeChecked({ checked: !was }), false);
  });

  test("a saved form leaves without asking", async ({ admin, api }) => {
    const d = await makeUiData(api, "guard-ok");
    await admin.goto(`/groups/${d.groupId}`);
    await admin.getByLabel("Comment", { exact: true }).fill("Saved comment");
    await admin.getByRole("button", { name: "Save and finish" }).click();
    await expect(admin).toHaveURL(/\/groups$/);
    await expect(leaveDialog(admin)).toBeHidden();
  });
});

test.describe("the list keeps the admin's place", () => {
  test("search and sort survive open, Cancel, Save and finish and Back; rows open on click and Enter", async ({
    admin,
    api,
  }) => {
    const d = await makeUiData(api, "place");
    const search = d.login.replace(/^ui-/, "");
    await admin.goto(`/customer-users?search=${encodeURIComponent(search)}`);
    const table = admin.getByRole("table", { name: "Customer user management" });
    // Each click waits for the URL it causes: a second click before the first one's render is lost.
    await table.getByRole("button", { name: "Email" }).click();
    await expect(admin).toHaveURL(/sort=UserEmail/);
    await table.getByRole("button", { name: "Email" }).click();
    await expect(admin).toHaveURL(/sort=-UserEmail/);
    const listUrl = admin.url();

    // A click anywhere on the row opens it.
    await table.getByRole("row").filter({ hasText: d.login }).getByRole("cell").nth(2).click();
    await expect(admin).toHaveURL(new RegExp(`/customer-users/${d.login}$`));
    await admin.getByRole("link", { name: "Cancel" }).click();
    await expect(admin).toHaveURL(listUrl);
    await expect(table.getByRole("columnheader", { name: "Email" })).toHaveAttribute(
      "aria-sort",
      "descending",
    );

    // Keyboard: Enter on the row's link opens it; focus lands in the new page, not on <body>.
    await table.getByRole("link", { name: d.login, exact: true }).focus();
    await admin.keyboard.press("Enter");
    await expect(admin).toHaveURL(new RegExp(`/customer-users/${d.login}$`));
    expect(await admin.evaluate(() => document.activeElement !== document.body)).toBe(true);
    await admin.getByLabel("First name", { exact: true }).fill("Adaeze");
    await admin.getByRole("button", { name: "Save and finish" }).click();
    await expect(admin).toHaveURL(listUrl);
    await expect(table).toContainText("Adaeze");

    await table.getByRole("link", { name: d.customerId, exact: true }).click();
    await expect(admin).toHaveURL(new RegExp(`/customers/${d.customerId}$`));
    await expect(admin.getByRole("link", { name: "Groups of this customer" })).toHaveAttribute(
      "href",
      `/customers-groups?customer=${d.customerId}`,
    );
    await admin.goBack();
    await expect(admin).toHaveURL(listUrl);
  });
});

test.describe("sign-in", () => {
  test("an empty submit marks the fields; a failed sign-in keeps focus in the form", async ({ page }) => {
    await page.goto("/sign-in");
    const login = page.getByLabel("Login", { exact: true });
    const password = page.getByLabel("Password", { exact: true });
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(login).toHaveAccessibleDescription("This field is required.");
    await expect(password).toHaveAccessibleDescription("This field is required.");
    await expect(login).toBeFocused();
    await expect(page.getByText("login or password is wrong")).toHaveCount(0);

    // An account of its own, so that the failure counts against nobody else's sign-in.
    await login.fill(`nobody-${ADMIN_LOGIN}`);
    await password.fill("definitely-not-the-password");
    await password.press("Enter");
    await expect(page.getByText("Sign-in failed: login or password is wrong.")).toBeVisible();
    await expect(password).toBeFocused();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

test.describe("history", () => {
  test("an edit shows in the record's History: who, what, before → after", async ({ admin, api }) => {
    const d = await makeUiData(api, "hist");
    await admin.goto(`/customer-users/${encodeURIComponent(d.login)}`);
    const history = admin.getByRole("region", { name: "History" });
    await expect(history.getByRole("cell", { name: "Created" })).toBeVisible();
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await admin.getByLabel("City", { exact: true }).fill("Enugu");
    await admin.getByRole("button", { name: "Save", exact: true }).click();
    const changed = history.getByRole("row").filter({ hasText: "Changed" });
    await expect(changed).toContainText("root@localhost");
    await expect(changed.getByRole("insertion")).toHaveText("Enugu");

    // Groups keep a history too, paged twenty at a time.
    for (let i = 0; i < 21; i++) {
      await api(`mutation($id: ID!, $c: String) { updateGroup(id: $id, input: { comment: $c }) { id } }`, {
        id: d.groupId,
        c: `comment ${i}`,
      });
    }
    await admin.goto(`/groups/${d.groupId}`);
    const groupHistory = admin.getByRole("region", { name: "History" });
    await expect(groupHistory.getByRole("row")).toHaveCount(21);
    await expect(groupHistory.getByRole("row").nth(1)).toContainText("comment 20");
    await groupHistory.getByRole("button", { name: "Older" }).click();
    await expect(groupHistory.getByRole("cell", { name: "Created" })).toBeVisible();
    await expect(groupHistory.getByRole("button", { name: "Older" })).toBeDisabled();
  });
});

test.describe("matrices", () => {
  test("a grant the user has via its customer is said on the row; Save waits for a change", async ({
    admin,
    api,
  }) => {
    const d = await makeUiData(api, "inherit");
    await switchGroupSupportOn(api);
    await api(
      `mutation($c: String!, $g: [GroupGrantInput!]!) { setCustomerGroups(customerId: $c, grants: $g) { customerId } }`,
      { c: d.customerId, g: [{ groupId: d.groupId, permissions: ["RO"] }] },
    );
    await admin.goto(`/customer-users-groups?customerUser=${encodeURIComponent(d.login)}`);
    await admin.getByRole("searchbox", { name: "Filter groups" }).fill(d.groupName);
    const row = admin.getByRole("region").getByRole("row").filter({ hasText: d.groupName });
    await expect(row).toContainText(`already has: RO via customer ${d.customerId}`);
    const save = admin.getByRole("button", { name: "Save", exact: true });
    await expect(save).toBeDisabled();
    await row.getByRole("checkbox", { name: `RW for ${d.groupName}` }).check();
    await expect(save).toBeEnabled();
  });

  test("from the group's side too, a user's grant via its customer is said on its row", async ({
    admin,
    api,
  }) => {
    const d = await makeUiData(api, "inheritg");
    await switchGroupSupportOn(api);
    await api(
      `mutation($c: String!, $g: [GroupGrantInput!]!) { setCustomerGroups(customerId: $c, grants: $g) { customerId } }`,
      { c: d.customerId, g: [{ groupId: d.groupId, permissions: ["RO"] }] },
    );
    await admin.goto(`/customer-users-groups?group=${encodeURIComponent(d.groupId)}`);
    await admin.getByRole("searchbox", { name: "Filter customer users" }).fill(d.login);
    const row = admin.getByRole("region").getByRole("row").filter({ hasText: d.login });
    await expect(row).toContainText("already has: RO via a customer or an always-group");
    await expect(row.getByRole("checkbox", { name: `RO for ${d.login}` })).not.toBeChecked();
    // A direct RO makes the note go: the box says it now.
    await row.getByRole("checkbox", { name: `RO for ${d.login}` }).check();
    await admin.getByRole("button", { name: "Save", exact: true }).click();
    await expect(row.getByRole("checkbox", { name: `RO for ${d.login}` })).toBeChecked();
    await expect(row).not.toContainText("already has");
  });
});
