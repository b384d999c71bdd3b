import { expect, test } from "../fixtures/test";
import { AssignmentScreen, adminApi, createGroup, setGroupSupport } from "../pages/assignment-screen";

// 10,000 customer users in one group's matrix: no cap, only the rows in view in the DOM, and the server
// searched for anything beyond the first page.
test.describe.configure({ mode: "serial" });

let groupId = "";

test.beforeAll(async ({ browser }) => {
  const { databaseUrl } = await import("../fixtures/env");
  const postgres = (await import("postgres")).default;
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  // One statement each; through the API this would take minutes.
  await sql`
    insert into customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
    values ('BIG', 'Big Customer', 1, now(), 1, now(), 1)`;
  await sql`
    insert into customer_user (login, email, customer_id, first_name, last_name, valid_id,
                               create_time, create_by, change_time, change_by)
    select 'big' || lpad(g::text, 5, '0'), 'big' || g || '@big.example', 'BIG', 'Big', 'User ' || g, 1,
           now(), 1, now(), 1
    from generate_series(1, 10000) as g`;
  await sql.end();
  const { api, close } = await adminApi(browser);
  groupId = await createGroup(api, "big-group");
  await setGroupSupport(api, true);
  await close();
});

test.afterAll(async ({ browser }) => {
  const { api, close } = await adminApi(browser);
  await setGroupSupport(api, false);
  await close();
});

test("a group's matrix over 10,000 customer users: virtualised, searchable beyond the first page, all savable", async ({
  admin,
  api,
}) => {
  test.setTimeout(180_000);
  const screen = new AssignmentScreen(admin);
  await screen.goto(`/customer-users-groups?group=${groupId}`);
  await screen.filter("Filter customer users").fill("big");
  await expect(screen.shown).toHaveText("1,000 shown");
  await expect(admin.getByText(/^Only the first 1,000 customer users are shown; more match/)).toBeVisible();
  // Only the rows in view are rendered.
  const region = admin.getByRole("region", { name: "Customer users in group big-group" });
  await expect(region.getByRole("table")).toHaveAttribute("aria-rowcount", "1001");
  expect(await region.getByRole("row").count()).toBeLessThan(60);

  // A user far beyond the first page is found by the server.
  await screen.filter("Filter customer users").fill("big09999");
  await expect(screen.shown).toHaveText("1 shown");
  await screen.box("RW for big09999").check();

  // Everything: load pages until the server says there is no more, then tick all shown.
  await screen.filter("Filter customer users").fill("big");
  const more = admin.getByRole("button", { name: "Load 1,000 more" });
  for (let page = 2; page <= 10; page += 1) {
    await more.click();
    await expect(screen.shown).toHaveText(`${(page * 1000).toLocaleString("en")} shown`);
  }
  await expect(more).toHaveCount(0);
  expect(await region.getByRole("row").count()).toBeLessThan(60);
  await region.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(screen.box("RO for big10000")).toBeVisible();

  await screen.selectAllShown("RO").check();
  await expect(screen.ticked).toHaveText("10,000 ticked");
  await screen.save.click();
  await expect(screen.noChanges).toBeVisible({ timeout: 120_000 });

  const data = await api<{ group: { customerUsers: { permissions: string[] }[] } }>(
    "query($id: ID!) { group(id: $id) { customerUsers { permissions } } }",
    { id: groupId },
  );
  expect(data.group.customerUsers).toHaveLength(10_000);
  // The one ticked RW before keeps RW; select-all added RO to every row.
  expect(data.group.customerUsers.filter((g) => g.permissions.includes("RW"))).toHaveLength(1);
});
