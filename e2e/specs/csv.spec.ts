import { readFile } from "node:fs/promises";
import { seriousA11yViolations } from "../fixtures/axe";
import { expect, test } from "../fixtures/test";
import { ImportPage } from "../pages/import-page";

test.describe.configure({ mode: "serial" });

// Its own data: a customer and customer users whose names no other spec uses.
const stamp = Date.now().toString(36);
const customer = `CSV-${stamp}`.toUpperCase();
const login = (n: number) => `csv.${stamp}.${n}`;

test("import customers, then customer users: check first, progress to done, credentials once", async ({
  admin,
}) => {
  const screen = new ImportPage(admin);
  await screen.goto("customers");
  await screen.choose("customers.csv", `CustomerID,CustomerCompanyName\n${customer},CSV Company ${stamp}\n`);
  await screen.start.click();
  await expect(admin.getByRole("status").filter({ hasText: "1 of 1 rows done: 1 created" })).toBeVisible();

  await screen.kind.selectOption({ label: "Customer users" });
  const header = "UserLogin,UserFirstname,UserLastname,UserEmail,UserCustomerID,UserRoom";
  await screen.choose(
    "users.csv",
    `${header}\n${login(1)},Ada,One,${login(1)}@example.com,${customer},R-1\n${login(2)},Bo,Two,not-an-email,${customer},\n`,
  );
  await screen.check.click();
  await expect(admin.getByRole("status").filter({ hasText: "2 rows checked, 1 errors." })).toBeVisible();
  const errorRow = screen.errorTable.getByRole("row").filter({ hasText: "UserEmail" });
  await expect(errorRow).toContainText("3");
  await expect(errorRow).toContainText("not a valid email address");
  await expect(screen.errorReport).toBeVisible();

  await screen.choose(
    "users.csv",
    `${header}\n${login(1)},Ada,One,${login(1)}@example.com,${customer},R-1\n${login(2)},Bo,Two,${login(2)}@example.com,${customer},"R-2\nwing B"\n`,
  );
  await screen.check.click();
  await expect(admin.getByRole("status").filter({ hasText: "2 rows checked, 0 errors." })).toBeVisible();
  await screen.start.click();
  await expect(admin.getByText("done", { exact: true })).toBeVisible();
  await expect(admin.getByRole("status").filter({ hasText: "2 of 2 rows done: 2 created" })).toBeVisible();
  await expect(screen.progress).toHaveAttribute("value", "2");

  const download = admin.waitForEvent("download");
  await screen.credentials.click();
  const credentials = await readFile((await (await download).path())!, "utf8");
  expect(credentials).toMatch(
    new RegExp(`^UserLogin,UserPassword\\r\\n${login(1).replace(/\./g, "\\.")},\\S{20}\\r\\n`),
  );
  await expect(
    admin.getByText("The new passwords were downloaded; they are not offered again."),
  ).toBeVisible();
  const again = await admin.request.get(
    `/api/import/${new URL(admin.url()).searchParams.get("job")}/credentials.csv`,
  );
  expect(again.status()).toBe(410);

  // After a reload (no toast on the way in) the job is still shown; the screen passes axe.
  await admin.reload();
  await expect(admin.getByRole("status").filter({ hasText: "2 of 2 rows done: 2 created" })).toBeVisible();
  expect(await seriousA11yViolations(admin)).toEqual([]);
});

test("export the current search from the customer-user list", async ({ admin }) => {
  await admin.goto(`/customer-users?search=${encodeURIComponent(`csv.${stamp}.*`)}`);
  const download = admin.waitForEvent("download");
  await admin.getByRole("link", { name: "Export this search (CSV)" }).click();
  const text = await readFile((await (await download).path())!, "utf8");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toContain("UserRoom");
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([login(1), login(2)]);
  expect(text).toContain('"R-2\nwing B"');
});
