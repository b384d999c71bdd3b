import { seriousA11yViolations } from "../fixtures/axe";
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

test("the ticket and dynamic-field screens and the backfill panel pass axe's WCAG 2.1 AA rules", async ({
  admin,
}) => {
  const screens: [path: string, ready: RegExp][] = [
    ["/tickets", /tickets? found/],
    ["/tickets/new", /^Add ticket$/],
    ["/dynamic-fields", /dynamic fields?$/],
    ["/dynamic-fields/new", /^Add dynamic field$/],
    ["/settings", /^Fill existing tickets$/],
  ];
  for (const [path, ready] of screens) {
    await admin.goto(path);
    await expect(admin.getByText(ready).first()).toBeVisible();
    expect(await seriousA11yViolations(admin), path).toEqual([]);
  }
  await admin.goto("/tickets");
  await admin.getByRole("link", { name: /^\d+$/ }).first().click();
  await expect(admin.getByRole("table", { name: "History" })).toBeVisible();
  expect(await seriousA11yViolations(admin), "a ticket's page").toEqual([]);
});

test("the backfill fills an older ticket after the room changed, with progress", async ({ admin, api }) => {
  await api(
    `mutation { updateCustomerUser(login: "room-user", input: { attributes: [{ attribute: "UserRoom", value: "C-301" }] }) { login } }`,
  );
  await admin.goto("/settings");
  await admin.getByLabel("Tickets of").selectOption("CUSTOMER_USER");
  await admin.getByLabel("Customer user", { exact: true }).fill("room-user");
  await admin.getByRole("button", { name: "Start" }).click();
  await expect(admin.getByText(/^Job \d+: done$/)).toBeVisible();
  await expect(admin.getByText("1 of 1 tickets: 1 updated, 0 already matching")).toBeVisible();
  await expect(admin.getByRole("progressbar", { name: "Backfill progress" })).toHaveAttribute("value", "1");
  await admin.goto("/tickets");
  await admin.getByRole("link", { name: /^\d+$/ }).first().click();
  await expect(new TicketsPage(admin).value("Customer room")).toHaveText("C-301");
});
