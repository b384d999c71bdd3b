import { expect, test } from "../fixtures/test";
import { AssignmentScreen, adminApi, setGroupSupport } from "../pages/assignment-screen";
import { SettingsPage } from "../pages/catalog-pages";

test.describe.configure({ mode: "serial" });

test.afterAll(async ({ browser }) => {
  // Later specs expect OTOBO's defaults again.
  const { api, close } = await adminApi(browser);
  await api(`mutation { updateSettings(input: {
    customerGroupSupport: false, customerGroupAlwaysGroups: ["users"], customerGroupCompanyAlwaysGroups: ["users"],
    customerGroupOtherCustomersContext: false, defaultServicesMode: UNION,
    dynamicFieldFromCustomerUser: false, dynamicFieldFromCustomerUserMapping: [] }) { customerGroupSupport } }`);
  await close();
});

test("the group screens say the feature is off and enable it with one click", async ({ admin, api }) => {
  await setGroupSupport(api, false);
  await admin.goto("/customers-groups?customer=ANY");
  await expect(admin.getByRole("heading", { name: "Customer group support is switched off" })).toBeVisible();
  // No matrix while it would have no effect.
  await expect(admin.getByRole("checkbox")).toHaveCount(0);

  await admin.getByRole("button", { name: "Enable customer group support" }).click();
  await expect(admin.getByText("Customer group support is on.")).toBeVisible();
  await expect(new AssignmentScreen(admin).direction("By customer")).toBeVisible();
  const data = await api<{ settings: { customerGroupSupport: boolean } }>(
    "{ settings { customerGroupSupport } }",
  );
  expect(data.settings.customerGroupSupport).toBe(true);

  // The other group screen sees it too.
  await admin.goto("/customer-users-groups");
  await expect(admin.getByRole("searchbox", { name: "Search customer users" })).toBeVisible();
});

test("settings: group support, always-groups, the default-services mode and a dynamic-field mapping", async ({
  admin,
  api,
}) => {
  // The mapping offers existing ticket fields only.
  await api(
    `mutation { createDynamicField(input: { name: "CustomerEmail", label: "Customer email" }) { id } }`,
  );
  const settings = new SettingsPage(admin);
  await settings.goto();
  await expect(settings.groupSupport).toBeChecked();
  await settings.groupSupport.uncheck();
  await expect(admin.getByText(/^Off \(OTOBO's default\)/)).toBeVisible();
  await settings.groupSupport.check();

  await settings.alwaysGroup("Always-groups", "stats").check();
  await settings.alwaysGroup("Company always-groups", "users").uncheck();
  await settings.otherContext.check();
  await settings.mode(/^Default services only without own services/).check();
  await settings.mappingSwitch.check();
  await settings.addMapping.click();
  await admin.getByLabel("Attribute of mapping 1").selectOption("UserEmail");
  await admin.getByLabel("Dynamic field of mapping 1").selectOption("CustomerEmail");
  await settings.save.click();
  await expect(admin.getByText("Settings saved.")).toBeVisible();

  const data = await api<{ settings: Record<string, unknown> }>(
    `{ settings { customerGroupSupport customerGroupAlwaysGroups customerGroupCompanyAlwaysGroups
       customerGroupOtherCustomersContext defaultServicesMode dynamicFieldFromCustomerUser
       dynamicFieldFromCustomerUserMapping { attribute dynamicField } } }`,
  );
  expect(data.settings).toEqual({
    customerGroupSupport: true,
    customerGroupAlwaysGroups: ["users", "stats"],
    customerGroupCompanyAlwaysGroups: [],
    customerGroupOtherCustomersContext: true,
    defaultServicesMode: "FALLBACK",
    dynamicFieldFromCustomerUser: true,
    dynamicFieldFromCustomerUserMapping: [{ attribute: "UserEmail", dynamicField: "CustomerEmail" }],
  });

  // A reload shows what was saved.
  await admin.reload();
  await expect(settings.alwaysGroup("Always-groups", "stats")).toBeChecked();
  await expect(settings.mode(/^Default services only without own services/)).toBeChecked();
  await expect(admin.getByLabel("Dynamic field of mapping 1")).toHaveValue("CustomerEmail");
});

test("a refused setting is named and nothing is lost", async ({ admin, api }) => {
  const settings = new SettingsPage(admin);
  await settings.goto();
  // The group disappears from under the form: it is renamed elsewhere.
  const created = await api<{ createGroup: { id: string } }>(
    'mutation { createGroup(input: { name: "settings-temp" }) { id } }',
  );
  await admin.reload();
  await settings.alwaysGroup("Always-groups", "settings-temp").check();
  await api('mutation($id: ID!) { updateGroup(id: $id, input: { name: "settings-renamed" }) { id } }', {
    id: created.createGroup.id,
  });
  await settings.save.click();
  await expect(admin.getByText(/^Settings not saved: .*settings-temp/)).toBeVisible();
  await expect(settings.alwaysGroup("Always-groups", "settings-temp")).toBeChecked();
});
