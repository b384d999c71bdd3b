import { seriousA11yViolations } from "../fixtures/axe";
import { expect, test } from "../fixtures/test";
import { SignInPage } from "../pages/sign-in-page";

// axe-core's WCAG 2.1 AA rules on every screen of the customer side, with data from the earlier specs
// (muted invalid rows, a form with an error shown at a field).
const screens: [name: string, path: string, ready: string][] = [
  ["customer users list", "/customer-users", "customer users found"],
  ["customer user edit", "/customer-users/jane.doe", "Edit customer user"],
  ["customer user add", "/customer-users/new", "Add customer user"],
  ["customers list", "/customers", "customers found"],
  ["customer edit", "/customers/ACME", "Customer users of this customer"],
  ["sources", "/sources", "Field map"],
];

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
      await admin.goto(path);
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
