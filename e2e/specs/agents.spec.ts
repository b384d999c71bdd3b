import { seriousA11yViolations } from "../fixtures/axe";
import { expect, test } from "../fixtures/test";
import { AppFrame } from "../pages/app-frame";
import { SignInPage } from "../pages/sign-in-page";

test.describe.configure({ mode: "serial" });

let readerPassword = "";

test("an admin adds a read-only agent and gets the generated password once", async ({ admin }) => {
  await admin.goto("/customers");
  await new AppFrame(admin).navLink("Agents").click();
  await expect(admin.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();
  await admin.getByRole("link", { name: "Add agent" }).click();

  const form = admin.getByRole("form", { name: "Agent" });
  await form.getByLabel("Login").fill("e2e.reader");
  await form.getByLabel("First name").fill("Erik");
  await form.getByLabel("Last name").fill("Reader");
  await form.getByLabel("Role").selectOption({ label: "Read-only" });
  await form.getByRole("button", { name: "Save and finish" }).click();

  const shown = admin.getByRole("dialog", { name: "Generated password" });
  await expect(shown).toBeVisible();
  await expect(shown.getByRole("button", { name: "Copy the generated password" })).toBeVisible();
  readerPassword = (await shown.locator("code").textContent()) ?? "";
  expect(readerPassword).toHaveLength(20);
  await shown.getByRole("button", { name: "Continue" }).click();

  await expect(admin).toHaveURL(/\/agents$/);
  const row = admin.getByRole("row").filter({ hasText: "e2e.reader" });
  await expect(row).toContainText("Erik Reader");
  await expect(row).toContainText("Read-only");
});

test("an admin creates an API token, sees it once, and revokes it after confirming", async ({ admin }) => {
  await admin.goto("/agents");
  const create = admin.getByRole("form", { name: "Create token" });
  await create.getByLabel("Name").fill("e2e ticket system");
  await create.getByRole("button", { name: "Create token" }).click();
  const shown = admin.getByRole("dialog", { name: "Token “e2e ticket system”" });
  await expect(shown).toBeVisible();
  await expect(shown.getByRole("button", { name: "Copy the token" })).toBeVisible();
  expect(((await shown.locator("code").textContent()) ?? "").length).toBeGreaterThan(30);
  await shown.getByRole("button", { name: "Continue" }).click();

  const tokens = admin.getByRole("table", { name: "API tokens" });
  const row = tokens.getByRole("row").filter({ hasText: "e2e ticket system" });
  await expect(row).toContainText("Read-only");
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: "Revoke token e2e ticket system" }).click();
  const confirm = admin.getByRole("alertdialog", { name: "Revoke" });
  await expect(confirm).toContainText("e2e ticket system");
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
});

test("the agents screens pass axe's WCAG 2.1 AA rules", async ({ admin }) => {
  await admin.goto("/agents");
  await expect(admin.getByRole("table", { name: "API tokens" }).getByText("e2e ticket system")).toBeVisible();
  expect(await seriousA11yViolations(admin)).toEqual([]);
  await admin.goto("/agents/new");
  await admin.getByRole("button", { name: "Save", exact: true }).click();
  await expect(admin.getByText("This field is required.").first()).toBeVisible();
  expect(await seriousA11yViolations(admin)).toEqual([]);
});

test("the read-only agent signs in and sees the screens without Save", async ({ page }) => {
  expect(readerPassword).not.toBe("");
  const signIn = new SignInPage(page);
  await signIn.goto("/agents");
  await signIn.signIn("e2e.reader", readerPassword);
  await expect(page.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "e2e.reader" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add agent" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Create token" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);

  // An agent's form and a group's form: readable, nothing to save.
  await page.getByRole("link", { name: "root@localhost" }).click();
  await expect(page.getByRole("form", { name: "Agent" }).getByLabel("Login")).toHaveValue("root@localhost");
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByText("Your role is read-only, so there is nothing to save here.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Set password" })).toHaveCount(0);

  await page.goto("/groups/new");
  await expect(page.getByRole("form", { name: "Group" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save and finish" })).toHaveCount(0);

  // A screen that still offers Save explains the refusal in the agent's language.
  await page.goto("/settings");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("form", { name: "Settings" }).getByRole("alert")).toContainText(
    "Your role is read-only: you may look at everything here, but not change it.",
  );
});
