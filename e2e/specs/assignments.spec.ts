import { seriousA11yViolations } from "../fixtures/axe";
import { expect, test } from "../fixtures/test";
import {
  AssignmentScreen,
  adminApi,
  createCustomer,
  createCustomerUser,
  createGroup,
  createService,
  setGroupSupport,
} from "../pages/assignment-screen";

// The relations of one small world, created once; the tests build on each other's saves.
test.describe.configure({ mode: "serial" });

const ids = { support: "", billing: "", vpn: "", printing: "" };

test.beforeAll(async ({ browser }) => {
  const { api, close } = await adminApi(browser);
  await createCustomer(api, "REL-A", "Relations A");
  await createCustomer(api, "REL-B", "Relations B");
  await createCustomer(api, "REL-C", "Relations C");
  await createCustomerUser(api, "rel.anna", "REL-A");
  await createCustomerUser(api, "rel.bob", "REL-B");
  ids.support = await createGroup(api, "rel-support");
  ids.billing = await createGroup(api, "rel-billing");
  ids.vpn = await createService(api, "rel-vpn");
  ids.printing = await createService(api, "rel-printing");
  await setGroupSupport(api, true);
  await close();
});

test("customer user → customers: tick an extra customer and save; the primary one is never offered", async ({
  admin,
  api,
}) => {
  const screen = new AssignmentScreen(admin);
  await screen.goto("/customer-users-customers");
  await screen.pick("Search customer users", "rel.anna");
  await expect(admin).toHaveURL(/customerUser=rel\.anna/);
  await expect(admin.getByRole("heading", { name: "Customers of rel.anna" })).toBeVisible();
  await expect(admin).toHaveTitle("rel.anna · Manage customer user ↔ customer relations · Clientele");
  await screen.filter("Filter customers").fill("REL-");
  await expect(screen.box("REL-B")).toBeVisible();
  // REL-A is rel.anna's primary customer.
  await expect(screen.box("REL-A")).toHaveCount(0);

  await screen.box("REL-B").check();
  await expect(screen.unsaved).toBeVisible();
  await expect(screen.ticked).toHaveText("1 ticked");
  await screen.save.click();
  await expect(screen.toast("Assignments of rel.anna saved.")).toBeVisible();
  await expect(screen.unsaved).toHaveCount(0);

  const data = await api<{ customerUser: { customerIds: string[] } }>(
    '{ customerUser(login: "rel.anna") { customerIds } }',
  );
  expect(data.customerUser.customerIds).toEqual(["REL-A", "REL-B"]);

  // A deep link shows the saved state.
  await admin.reload();
  await expect(screen.box("REL-B")).toBeChecked();
});

test("customer → customer users: tick a user, Save and finish goes back to the customer list", async ({
  admin,
  api,
}) => {
  const screen = new AssignmentScreen(admin);
  await screen.goto("/customer-users-customers");
  await screen.direction("By customer").click();
  await screen.pick("Search customers", "REL-C");
  await screen.filter("Filter customer users").fill("rel.");
  await screen.box("rel.bob").check();
  await screen.saveAndFinish.click();
  await expect(screen.toast("Assignments of REL-C saved.")).toBeVisible();
  await expect(admin).toHaveURL(/\/customer-users-customers\?by=customer$/);

  const data = await api<{ customer: { customerUsers: { login: string }[] } }>(
    '{ customer(customerId: "REL-C") { customerUsers { login } } }',
  );
  expect(data.customer.customerUsers.map((u) => u.login)).toEqual(["rel.bob"]);
});

test("customer user → groups: ticking RW shows RO as implied; saved as a direct grant", async ({
  admin,
  api,
}) => {
  const screen = new AssignmentScreen(admin);
  await screen.goto("/customer-users-groups");
  await screen.pick("Search customer users", "rel.anna");
  await screen.filter("Filter groups").fill("rel-");
  await screen.box("RW for rel-support").check();
  await expect(screen.box("RO for rel-support")).toBeChecked();
  await expect(screen.box("RO for rel-support")).toBeDisabled();
  await screen.save.click();
  await expect(screen.toast("Assignments of rel.anna saved.")).toBeVisible();

  const data = await api<{ customerUser: { groups: { group: { name: string }; permissions: string[] }[] } }>(
    '{ customerUser(login: "rel.anna") { groups { group { name } permissions } } }',
  );
  expect(data.customerUser.groups).toEqual([{ group: { name: "rel-support" }, permissions: ["RW"] }]);
});

test("group → customer users: filter, tick RO, save", async ({ admin, api }) => {
  const screen = new AssignmentScreen(admin);
  await screen.goto("/customer-users-groups?by=group");
  await screen.pick("Search groups", "rel-billing");
  await screen.filter("Filter customer users").fill("rel.bob");
  await expect(screen.shown).toHaveText("1 shown");
  await screen.box("RO for rel.bob").check();
  await screen.save.click();
  await expect(screen.toast("Assignments of rel-billing saved.")).toBeVisible();

  const data = await api<{
    group: { customerUsers: { customerUser: { login: string }; permissions: string[] }[] };
  }>("query($id: ID!) { group(id: $id) { customerUsers { customerUser { login } permissions } } }", {
    id: ids.billing,
  });
  expect(data.group.customerUsers).toEqual([{ customerUser: { login: "rel.bob" }, permissions: ["RO"] }]);
});

test("customer → groups: same-customer grant, then one in the other-customers context", async ({
  admin,
  api,
}) => {
  const screen = new AssignmentScreen(admin);
  await screen.goto("/customers-groups");
  await screen.pick("Search customers", "REL-A");
  await screen.filter("Filter groups").fill("rel-");
  await screen.box("RW for rel-billing").check();
  await screen.save.click();
  await expect(screen.toast("Assignments of REL-A saved.")).toBeVisible();

  await admin.getByLabel("Show the “other customers” context").check();
  await screen.box("RO (other customers) for rel-support").check();
  // The same-customer grant is still there, now in its labelled column.
  await expect(screen.box("RW (same customer) for rel-billing")).toBeChecked();
  await expect(screen.unsaved).toBeVisible();
  await screen.save.click();
  await expect(screen.noChanges).toBeVisible();

  const data = await api<{
    customer: { groups: { group: { name: string }; permissions: string[]; context: string }[] };
  }>('{ customer(customerId: "REL-A") { groups { group { name } permissions context } } }');
  expect(data.customer.groups).toEqual(
    expect.arrayContaining([
      { group: { name: "rel-billing" }, permissions: ["RW"], context: "SAME_CUSTOMER" },
      { group: { name: "rel-support" }, permissions: ["RO"], context: "OTHER_CUSTOMERS" },
    ]),
  );
  expect(data.customer.groups).toHaveLength(2);
});

test("group → customers: select all shown, then untick one", async ({ admin, api }) => {
  const screen = new AssignmentScreen(admin);
  await screen.goto(`/customers-groups?group=${ids.support}`);
  await screen.filter("Filter customers").fill("REL-");
  await expect(screen.shown).toHaveText("3 shown");
  // REL-A already has an "other customers" grant here, so both contexts are shown.
  await screen.selectAllShown("RO (same customer)").check();
  await expect(screen.ticked).toHaveText("3 ticked");
  await screen.box("RO (same customer) for REL-C").uncheck();
  await expect(screen.ticked).toHaveText("2 ticked");
  await screen.save.click();
  await expect(screen.toast("Assignments of rel-support saved.")).toBeVisible();

  const data = await api<{
    group: { customers: { customer: { customerId: string }; permissions: string[]; context: string }[] };
  }>("query($id: ID!) { group(id: $id) { customers { customer { customerId } permissions context } } }", {
    id: ids.support,
  });
  const same = data.group.customers.filter((c) => c.context === "SAME_CUSTOMER");
  expect(same.map((c) => c.customer.customerId).sort()).toEqual(["REL-A", "REL-B"]);
  // REL-A's other-customers grant from the previous test is kept: the screen saves the whole set.
  expect(data.group.customers).toContainEqual({
    customer: { customerId: "REL-A" },
    permissions: ["RO"],
    context: "OTHER_CUSTOMERS",
  });
});

test("customer user → services and service → customer users", async ({ admin, api }) => {
  const screen = new AssignmentScreen(admin);
  await screen.goto("/customer-users-services");
  await screen.pick("Search customer users", "rel.anna");
  await screen.box("rel-vpn").check();
  await screen.save.click();
  await expect(screen.toast("Assignments of rel.anna saved.")).toBeVisible();

  await screen.direction("By service").click();
  await screen.pick("Search services", "rel-printing");
  await screen.filter("Filter customer users").fill("rel.");
  await screen.box("rel.bob").check();
  await screen.box("rel.anna").check();
  await screen.save.click();
  await expect(screen.toast("Assignments of rel-printing saved.")).toBeVisible();

  const data = await api<{ a: { services: { name: string }[] }; b: { services: { name: string }[] } }>(
    '{ a: customerUser(login: "rel.anna") { services { name } } b: customerUser(login: "rel.bob") { services { name } } }',
  );
  expect(data.a.services.map((s) => s.name).sort()).toEqual(["rel-printing", "rel-vpn"]);
  expect(data.b.services.map((s) => s.name)).toEqual(["rel-printing"]);
});

test("unsaved ticks are guarded: leaving asks first, staying keeps them", async ({ admin }) => {
  const screen = new AssignmentScreen(admin);
  await screen.goto("/customer-users-groups?customerUser=rel.bob");
  await screen.filter("Filter groups").fill("rel-");
  await screen.box("RO for rel-support").check();
  await expect(screen.unsaved).toBeVisible();

  await admin
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Groups", exact: true })
    .click();
  await expect(screen.leaveDialog).toBeVisible();
  await screen.leaveDialog.getByRole("button", { name: "Stay on this page" }).click();
  await expect(screen.leaveDialog).toBeHidden();
  await expect(admin).toHaveURL(/customerUser=rel\.bob/);
  await expect(screen.box("RO for rel-support")).toBeChecked();

  // Picking another item on the left is a navigation too.
  await screen.pick("Search customer users", "rel.anna");
  await expect(screen.leaveDialog).toBeVisible();
  await screen.leaveDialog.getByRole("button", { name: "Leave without saving" }).click();
  await expect(admin).toHaveURL(/customerUser=rel\.anna/);
  await expect(screen.unsaved).toHaveCount(0);
});

test("a refused save names the problem and keeps the ticks", async ({ admin, api }) => {
  const screen = new AssignmentScreen(admin);
  await screen.goto("/customer-users-customers?customer=REL-C");
  await screen.filter("Filter customer users").fill("rel.");
  await screen.box("rel.anna").check();
  // Meanwhile the customer is renamed elsewhere, so the save names a customer that no longer exists.
  await api(
    'mutation { updateCustomer(customerId: "REL-C", input: { customerId: "REL-C2" }) { customerId } }',
  );
  await screen.save.click();
  await expect(screen.toast(/The assignments of REL-C were not saved: .*REL-C/)).toBeVisible();
  await expect(screen.box("rel.anna")).toBeChecked();
  await expect(screen.unsaved).toBeVisible();
  await api(
    'mutation { updateCustomer(customerId: "REL-C2", input: { customerId: "REL-C" }) { customerId } }',
  );
});

test("the effective permissions widget explains a permission granted via the user's customer", async ({
  admin,
}) => {
  await admin.goto("/customer-users/rel.anna");
  const widget = admin.getByRole("region", { name: "Effective permissions" });
  const table = widget.getByRole("table", { name: "Effective permissions" });
  // rel-billing RW comes from REL-A (customers ↔ groups test), rel-support from the direct grant.
  await expect(table.getByRole("row", { name: /rel-billing/ })).toContainText("via customer REL-A");
  await expect(table.getByRole("row", { name: /rel-support/ })).toContainText("direct");
  await expect(table.getByRole("row", { name: /^users/ })).toContainText("always-group");

  // The links lead to this user's assignment screens, and Save and finish comes back here.
  await widget.getByRole("link", { name: "Groups of this customer user" }).click();
  await expect(admin).toHaveURL(/\/customer-users-groups\?customerUser=rel\.anna/);
  const screen = new AssignmentScreen(admin);
  // The URL changes before the lazily loaded screen replaces the form, which has a Save and finish too.
  await expect(screen.ticked).toBeVisible();
  await screen.saveAndFinish.click();
  await expect(admin).toHaveURL(/\/customer-users\/rel\.anna$/);
});

test("every screen of this area passes axe's WCAG 2.1 AA rules, with data and unsaved ticks", async ({
  admin,
}) => {
  const screens = [
    ["/groups", "Group management"],
    [`/groups/${ids.support}`, "Edit group: rel-support"],
    ["/services", "Service management"],
    ["/services/defaults", "Services every customer user gets"],
    ["/settings", "Settings"],
    ["/customer-users-customers?customerUser=rel.anna", "Customers of rel.anna"],
    ["/customer-users-groups?customerUser=rel.anna", "Groups of rel.anna"],
    [`/customers-groups?group=${ids.support}`, "Customers in group rel-support"],
    [`/customer-users-services?service=${ids.printing}`, "Customer users with service rel-printing"],
    ["/customer-users/rel.anna", "Effective services"],
  ] as const;
  for (const [path, ready] of screens) {
    await admin.goto(path);
    // Exact: "Settings" is also part of the navigation's "Ticket Settings" heading.
    await expect(admin.getByRole("heading", { name: ready, exact: true })).toBeVisible();
    expect(await seriousA11yViolations(admin), path).toEqual([]);
  }
  // The matrix with an implied RO, a mixed "select all" and the unsaved flag.
  const screen = new AssignmentScreen(admin);
  await screen.goto("/customer-users-groups?customerUser=rel.bob");
  await screen.box("RW for rel-billing").check();
  await expect(screen.unsaved).toBeVisible();
  expect(await seriousA11yViolations(admin)).toEqual([]);
});
