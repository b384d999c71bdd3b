import { expect, test } from "../fixtures/test";
import { adminApi } from "../pages/assignment-screen";
import { SettingsPage } from "../pages/catalog-pages";
import { DynamicFieldsPage, TicketsPage } from "../pages/ticket-pages";

test.describe.configure({ mode: "serial" });

test.afterAll(async ({ browser }) => {
  const { api, close } = await adminApi(browser);
  await api(`mutation { updateSettings(input: { dynamicFieldFromCustomerUser: false,
    dynamicFieldFromCustomerUserMapping: [] }) { dynamicFieldFromCustomerUser } }`);
  await close();
});

test("create a dynamic field, map UserRoom to it, create a ticket in the SPA and see the room", async ({
  admin,
  api,
}) => {
  await api(
    `mutation { createCustomer(input: { customerId: "E2E-TICKETS", name: "Ticket Test Ltd" }) { customerId } }`,
  );
  await api(`mutation { createCustomerUser(input: { login: "room-user", firstName: "Rita", lastName: "Room",
    email: "room-user@example.com", customerId: "E2E-TICKETS", password: "room user password 1",
    attributes: [{ attribute: "UserRoom", value: "B-204" }] }) { customerUser { login } } }`);

  // 1. The dynamic field.
  const fields = new DynamicFieldsPage(admin);
  await fields.goto();
  await fields.add.click();
  await fields.name.fill("CustomerRoom");
  await fields.label.fill("Customer room");
  await fields.saveAndFinish.click();
  await expect(fields.row("CustomerRoom")).toContainText("Customer room");
  await expect(fields.row("CustomerRoom")).toContainText("by hand");

  // 2. The mapping, with dropdowns.
  const settings = new SettingsPage(admin);
  await settings.goto();
  await settings.mappingSwitch.check();
  await settings.addMapping.click();
  await admin.getByLabel("Attribute of mapping 1").selectOption("UserRoom");
  await admin.getByLabel("Dynamic field of mapping 1").selectOption("CustomerRoom");
  await settings.save.click();
  await expect(admin.getByText("Settings saved.")).toBeVisible();

  // The customer user's page previews what a new ticket gets.
  await admin.goto("/customer-users/room-user");
  await expect(
    admin
      .getByRole("table", { name: "Dynamic fields for new tickets" })
      .getByRole("row", { name: /CustomerRoom B-204/ }),
  ).toBeVisible();

  // 3. The ticket.
  const tickets = new TicketsPage(admin);
  await tickets.goto();
  await tickets.add.click();
  await tickets.title.fill("Printer on fire");
  await tickets.customerUser.fill("room-user");
  // The mapped field is not offered for hand input.
  await expect(admin.getByText("Filled from the customer user: Customer room.")).toBeVisible();
  await expect(admin.getByLabel("Customer room")).toHaveCount(0);
  await tickets.save.click();
  await expect(admin.getByRole("heading", { name: /^Ticket \d+: Printer on fire$/ })).toBeVisible();
  await expect(tickets.value("Customer room")).toHaveText("B-204");
  await expect(admin.getByRole("table", { name: "History" })).toContainText("CustomerRoom: “” → “B-204”");

  // The list finds it.
  await tickets.goto();
  await admin.getByRole("searchbox", { name: "Search tickets" }).fill("printer");
  await admin.getByRole("searchbox", { name: "Search tickets" }).press("Enter");
  await expect(
    admin.getByRole("table", { name: "Tickets" }).getByRole("row", { name: /Printer on fire/ }),
  ).toContainText("room-user");
});
