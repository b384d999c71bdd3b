import { expect, test } from "../fixtures/test";
import {
  AssignmentScreen,
  adminApi,
  createCustomer,
  createCustomerUser,
  createService,
} from "../pages/assignment-screen";
import { CatalogForm, CatalogListPage } from "../pages/catalog-pages";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  const { api, close } = await adminApi(browser);
  await createCustomer(api, "SVC-CO", "Service Company");
  await createCustomerUser(api, "svc.user", "SVC-CO");
  await createService(api, "svc-default");
  await createService(api, "svc-explicit");
  await close();
});

test("add a service, then set it invalid: the list shows it muted", async ({ admin }) => {
  const list = new CatalogListPage(admin, "services");
  await list.goto();
  await list.add.click();
  const form = new CatalogForm(admin);
  await form.save.click();
  await expect(form.name).toHaveAccessibleDescription("This field is required.");
  await form.name.fill("svc-backup");
  await form.comment.fill("Nightly backups");
  await form.save.click();
  await expect(admin.getByText("Service svc-backup added.")).toBeVisible();
  await expect(admin).toHaveURL(/\/services\/\d+$/);

  await form.valid.selectOption({ label: "invalid" });
  await form.saveAndFinish.click();
  await expect(admin).toHaveURL(/\/services$/);
  await expect(list.row("svc-backup")).toHaveClass(/row-muted/);
  await expect(list.row("svc-backup")).toContainText("invalid");
});

test("a duplicate service name is refused at the field", async ({ admin }) => {
  await admin.goto("/services/new");
  const form = new CatalogForm(admin);
  await form.name.fill("svc-backup");
  await form.save.click();
  await expect(form.name).toHaveAccessibleDescription(/svc-backup/);
  await expect(admin).toHaveURL(/\/services\/new$/);
});

test("edit default services and see them in a user's effective services", async ({ admin, api }) => {
  const list = new CatalogListPage(admin, "services");
  await list.goto();
  await admin.getByRole("link", { name: "Edit default services" }).click();
  await expect(admin).toHaveURL(/\/services\/defaults$/);
  const screen = new AssignmentScreen(admin);
  await screen.filter("Filter services").fill("svc-");
  await screen.box("svc-default").check();
  await screen.save.click();
  await expect(screen.noChanges).toBeVisible();
  await expect(list.page.getByText("Assignments of Default services saved.")).toBeVisible();

  const data = await api<{ defaultServices: { name: string }[] }>("{ defaultServices { name } }");
  expect(data.defaultServices.map((s) => s.name)).toContain("svc-default");

  await admin.goto("/customer-users/svc.user");
  const services = admin.getByRole("list", { name: "Effective services" });
  await expect(services.getByRole("listitem").filter({ hasText: "svc-default" })).toContainText(
    "default service",
  );

  // With an explicit service as well, UNION mode keeps the default one and marks the other as assigned.
  await admin.getByRole("link", { name: "Services of this customer user" }).click();
  await screen.box("svc-explicit").check();
  await screen.saveAndFinish.click();
  await expect(admin).toHaveURL(/\/customer-users\/svc\.user$/);
  await expect(services.getByRole("listitem").filter({ hasText: "svc-explicit" })).toContainText("assigned");
  await expect(services.getByRole("listitem").filter({ hasText: "svc-default" })).toBeVisible();
});
