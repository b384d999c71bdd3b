import { uniqueName } from "../fixtures/env";
import { graphql } from "../fixtures/graphql-client";
import { expect, test } from "../fixtures/test";
import { adminApi, createCustomer } from "../pages/assignment-screen";
import { CustomerUserForm } from "../pages/customer-user-form";
import { CustomerUsersPage } from "../pages/customer-users-page";

// This spec's own customer and users; the tests of the serial block build on each other.
const ACME = uniqueName("ACME").toUpperCase();
const JANE = uniqueName("jane.doe");
const JOHN = uniqueName("john.doe");
const path = (login: string) => new RegExp(`/customer-users/${login.replace(/\./g, "\\.")}$`);

const AUTHENTICATE =
  "mutation($l: String!, $p: String!) { authenticateCustomerUser(login: $l, password: $p) { login } }";

test.describe
  .serial("customer users", () => {
    let generated = "";

    test.beforeAll(async ({ browser }) => {
      const { api, close } = await adminApi(browser);
      await createCustomer(api, ACME, uniqueName("Acme Corporation"));
      await close();
    });

    test("create a customer user with a generated password, which then signs in", async ({
      admin,
      request,
    }) => {
      const list = new CustomerUsersPage(admin);
      await list.goto();
      await list.addLink.click();
      await expect(admin).toHaveURL(/\/customer-users\/new$/);

      const form = new CustomerUserForm(admin);
      await expect(form.field("Password")).toHaveAccessibleDescription("Leave empty to generate one.");
      await form.fill({
        "First name": "Jane",
        "Last name": "Doe",
        Username: JANE,
        Email: `${JANE}@acme.example`,
      });
      await form.pickCustomer(ACME.toLowerCase(), ACME);
      await expect(form.customerId).toHaveValue(ACME);
      await form.save.click();

      await expect(form.generatedPassword).toBeVisible();
      generated = await form.readGeneratedPassword();
      expect(generated.length).toBeGreaterThanOrEqual(12);
      await expect(
        form.generatedPassword.getByRole("button", { name: "Copy the generated password" }),
      ).toBeVisible();
      await form.generatedPassword.getByRole("button", { name: "Continue" }).click();
      await expect(admin).toHaveURL(path(JANE));
      // Shown once: the edit page never shows it again.
      await expect(admin.getByText(generated)).toHaveCount(0);

      // Integrators call it with a session or API token; `request` has neither and is refused.
      const anonymous = await graphql(request, AUTHENTICATE, { l: JANE, p: generated });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(anonymous.data ?? null).toBeNull();
      // `admin.request` shares the admin's session cookie.
      const ok = await graphql<{ authenticateCustomerUser: { login: string } | null }>(
        admin.request,
        AUTHENTICATE,
        {
          l: JANE,
          p: generated,
        },
      );
      expect(ok.data?.authenticateCustomerUser?.login).toBe(JANE);
      const wrong = await graphql<{ authenticateCustomerUser: unknown }>(admin.request, AUTHENTICATE, {
        l: JANE,
        p: `${generated}x`,
      });
      expect(wrong.data?.authenticateCustomerUser).toBeNull();
    });

    test("edit and Save and finish", async ({ admin }) => {
      const list = new CustomerUsersPage(admin);
      // Searched: the list shows the first 1000 of all users, which other specs may fill.
      await list.goto(JANE);
      await list.open(JANE);
      const form = new CustomerUserForm(admin);
      await expect(form.field("First name")).toHaveValue("Jane");
      await form.fill({ City: "Utrecht", Phone: "+31 30 123 4567" });
      await form.saveAndFinish.click();
      // Back to the list as it was left, search included.
      await expect(admin).toHaveURL(new RegExp(`/customer-users\\?search=${JANE.replace(/\./g, "\\.")}$`));
      await expect(admin.getByText(`Customer user ${JANE} saved.`)).toBeVisible();

      await list.open(JANE);
      await expect(form.field("City")).toHaveValue("Utrecht");
      await expect(form.field("Phone")).toHaveValue("+31 30 123 4567");
    });

    test("client-side rules: required marks and OTOBO's lengths, before anything is sent", async ({
      admin,
    }) => {
      await admin.goto(`/customer-users/${JANE}`);
      const form = new CustomerUserForm(admin);
      await form.fill({ "Last name": "", "Title or salutation": "x".repeat(51) });
      await form.save.click();
      await expect(form.field("Last name")).toHaveAccessibleDescription("This field is required.");
      await expect(form.field("Title or salutation")).toHaveAccessibleDescription("At most 50 characters.");
      // The first invalid field in form order takes the focus.
      await expect(form.field("Title or salutation")).toBeFocused();
    });

    test("a duplicate email is shown at the Email field and the typed input is kept", async ({ admin }) => {
      await admin.goto("/customer-users/new");
      const form = new CustomerUserForm(admin);
      await form.fill({
        "First name": "John",
        "Last name": "Doe",
        Username: JOHN,
        Email: `${JANE.toUpperCase()}@acme.example`,
        City: "Rotterdam",
      });
      await form.pickCustomerWithKeyboard(ACME);
      await expect(form.customerId).toHaveValue(ACME);
      await form.customerId.press("Enter");
      await expect(form.field("Email")).toHaveAccessibleDescription(/.+/);
      await expect(form.field("Email")).toBeFocused();
      await expect(admin).toHaveURL(/\/customer-users\/new$/);
      await expect(form.field("Email")).toHaveValue(`${JANE.toUpperCase()}@acme.example`);
      await expect(form.field("City")).toHaveValue("Rotterdam");
      await expect(form.field("Username")).toHaveValue(JOHN);

      // Fixing the field and saving again works, with a password chosen by the admin this time.
      await form.fill({ Email: `${JOHN}@acme.example`, Password: "Correct-Horse-42" });
      await form.saveAndFinish.click();
      await expect(admin).toHaveURL(/\/customer-users$/);
      const list = new CustomerUsersPage(admin);
      await list.goto(JOHN);
      await expect(list.row(JOHN)).toBeVisible();
    });

    test("set invalid: the row is muted and says so, and the user can no longer sign in", async ({
      admin,
    }) => {
      await admin.goto(`/customer-users/${JANE}`);
      const form = new CustomerUserForm(admin);
      await form.valid.selectOption({ label: "invalid" });
      await form.save.click();
      await expect(admin.getByText(`Customer user ${JANE} saved.`)).toBeVisible();
      await expect(form.valid).toHaveValue("INVALID");

      const list = new CustomerUsersPage(admin);
      await list.goto(`${JANE} OR ${JOHN}`);
      const row = list.row(JANE);
      await expect(row).toHaveClass(/row-muted/);
      await expect(row).toContainText("invalid");
      await expect(list.row(JOHN)).not.toHaveClass(/row-muted/);

      const denied = await graphql<{ authenticateCustomerUser: unknown }>(admin.request, AUTHENTICATE, {
        l: JANE,
        p: generated,
      });
      expect(denied.data?.authenticateCustomerUser).toBeNull();
    });

    test("the customer's edit page lists its customer users", async ({ admin }) => {
      await admin.goto(`/customers/${ACME}`);
      const users = admin.getByRole("table", { name: "Customer users of this customer" });
      await expect(users.getByRole("link", { name: JANE })).toBeVisible();
      await expect(users.getByRole("link", { name: JOHN })).toBeVisible();
      await users.getByRole("link", { name: JOHN }).click();
      await expect(admin).toHaveURL(path(JOHN));
    });
  });
