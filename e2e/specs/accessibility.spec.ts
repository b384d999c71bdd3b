import { seriousA11yViolations } from "../fixtures/axe";
import { expect, test } from "../fixtures/test";
import { makeUiData, type UiData } from "../fixtures/ui-data";
import { adminApi } from "../pages/assignment-screen";
import { SignInPage } from "../pages/sign-in-page";

// axe-core's WCAG 2.1 AA rules on every screen of the customer side, with this spec's own data: a
// customer with a valid and an invalid (muted) user.
const screens: [name: string, path: (data: UiData) => string, ready: string | RegExp][] = [
  ["customer users list", (data) => `/customer-users?search=${data.login}`, "customer users found"],
  ["customer user edit", (data) => `/customer-users/${data.login}`, "Edit customer user"],
  ["customer user add", () => "/customer-users/new", "Add customer user"],
  ["customers list", () => "/customers", /customers? found/],
  ["customer edit", (data) => `/customers/${data.customerId}`, "Customer users of this customer"],
  ["sources", () => "/sources", "Field map"],
];

let data: UiData;

test.beforeAll(async ({ browser }) => {
  const { api, close } = await adminApi(browser);
  data = await makeUiData(api, "a11y");
  await api("mutation($i: CustomerUserInput!) { createCustomerUser(input: $i) { customerUser { login } } }", {
    i: {
      login: `${data.login}-invalid`,
      firstName: "Ina",
      lastName: "Valid",
      email: `${data.login}-invalid@example.com`,
      customerId: data.customerId,
      password: "a-long-password-1",
      valid: "INVALID",
    },
  });
  await close();
});

test.describe("accessibility", () => {
  test("the sign-in page, also with its error", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto("/sign-in");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await signIn.signIn("root@localhost", "wrong");
    await expect(signIn.failure).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  for (const [name, path, ready] of screens) {
    test(`the ${name} screen`, async ({ admin }) => {
      await admin.goto(path(data));
      await expect(admin.getByText(ready).first()).toBeVisible();
      expect(await seriousA11yViolations(admin)).toEqual([]);
    });
  }

  test("a form showing errors at its fields", async ({ admin }) => {
    await admin.goto("/customer-users/new");
    await admin.getByRole("button", { name: "Save", exact: true }).click();
    await expect(admin.getByText("This field is required.").first()).toBeVisible();
    expect(await seriousA11yViolations(admin)).toEqual([]);
  });
});
