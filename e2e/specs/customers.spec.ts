import { uniqueName } from "../fixtures/env";
import { expect, test } from "../fixtures/test";
import { CustomerForm, CustomersPage } from "../pages/customers-page";

const ACME = uniqueName("ACME").toUpperCase();
const GLOBEX = uniqueName("GLOBEX").toUpperCase();
// Customer names are unique too.
const ACME_NAME = uniqueName("Acme Corporation");

test.describe("customers", () => {
  test("create a customer", async ({ admin }) => {
    const list = new CustomersPage(admin);
    await list.goto();
    await list.addLink.click();

    const form = new CustomerForm(admin);
    // Required fields are checked before anything is sent.
    await form.save.click();
    await expect(form.field("Customer ID")).toHaveAccessibleDescription("This field is required.");

    await form.fill({
      "Customer ID": ACME,
      Customer: ACME_NAME,
      City: "Amsterdam",
      Country: "Netherlands",
    });
    await form.save.click();
    await expect(admin.getByText(`Customer ${ACME} added.`)).toBeVisible();
    await expect(admin).toHaveURL(new RegExp(`/customers/${ACME}$`));
    await expect(form.users.getByText("No customer user belongs to this customer yet.")).toBeVisible();

    await list.goto();
    await expect(list.row(ACME)).toContainText(ACME_NAME);
  });

  test("a duplicate customer id is shown at the field and the input is kept", async ({ admin, api }) => {
    const customerId = uniqueName("TAKEN").toUpperCase();
    await api("mutation($i: CustomerInput!) { createCustomer(input: $i) { customerId } }", {
      i: { customerId, name: uniqueName("Taken") },
    });
    await admin.goto("/customers/new");
    const form = new CustomerForm(admin);
    const name = uniqueName("Another Acme");
    await form.fill({ "Customer ID": customerId, Customer: name });
    await form.saveAndFinish.click();
    await expect(form.field("Customer ID")).toHaveAccessibleDescription(/.+/);
    await expect(admin).toHaveURL(/\/customers\/new$/);
    await expect(form.field("Customer")).toHaveValue(name);
  });

  test("a second customer, saved and finished", async ({ admin }) => {
    await admin.goto("/customers/new");
    const form = new CustomerForm(admin);
    await form.fill({ "Customer ID": GLOBEX, Customer: uniqueName("Globex Inc.") });
    await form.saveAndFinish.click();
    await expect(admin).toHaveURL(/\/customers$/);
    await expect(new CustomersPage(admin).row(GLOBEX)).toBeVisible();
  });
});
