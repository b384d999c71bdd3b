import { ADMIN_LOGIN, ADMIN_PASSWORD } from "../fixtures/env";
import { expect, test } from "../fixtures/test";
import { AppFrame } from "../pages/app-frame";
import { SignInPage } from "../pages/sign-in-page";

test.describe("sign-in", () => {
  test("a signed-out visitor sees only the sign-in page, and a deep link survives signing in", async ({
    page,
  }) => {
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fcustomers$/);
    await expect(page.getByRole("navigation")).toHaveCount(0);

    const signIn = new SignInPage(page);
    await signIn.signIn(ADMIN_LOGIN, ADMIN_PASSWORD);
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.getByRole("heading", { name: "Customer management" })).toBeVisible();
  });

  test("a wrong password is refused with a message and the form keeps the login", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(ADMIN_LOGIN, "not-the-password");
    await expect(signIn.failure).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(signIn.login).toHaveValue(ADMIN_LOGIN);
  });

  test("after 5 failed sign-ins for a login the page says how long to wait", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    // A login nobody has: the admin's own account stays usable for the other specs.
    const answered = () =>
      page.waitForResponse((r) => r.url().endsWith("/graphql") && r.request().method() === "POST");
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = answered();
      await signIn.signIn("nobody@localhost", `guess-${attempt}`);
      await response;
      await expect(signIn.failure).toBeVisible();
    }
    await signIn.signIn("nobody@localhost", "guess-6");
    // The wait counts down from 60 s, so a slow run may see a second or two less.
    await expect(page.getByRole("alert")).toHaveText(
      /^Too many failed sign-ins\. Try again in [1-6]?\d seconds\.$/,
    );
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("signing out ends the session", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(ADMIN_LOGIN, ADMIN_PASSWORD);
    const frame = new AppFrame(page);
    await expect(frame.navLink("Customer users")).toBeVisible();
    await frame.signOut.click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/customer-users");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("an expired session sends the admin to sign-in, and back to the same page after signing in", async ({
    admin,
    context,
  }) => {
    await admin.goto("/customers");
    await expect(admin.getByRole("heading", { name: "Customer management" })).toBeVisible();
    await context.clearCookies();
    await new AppFrame(admin).navLink("Customer users").click();
    await expect(admin).toHaveURL(/\/sign-in\?next=%2Fcustomer-users$/);

    await new SignInPage(admin).signIn(ADMIN_LOGIN, ADMIN_PASSWORD);
    await expect(admin).toHaveURL(/\/customer-users$/);
  });
});
