import { uniqueName } from "../fixtures/env";
import { expect, test } from "../fixtures/test";
import { CustomerUsersPage } from "../pages/customer-users-page";

test.describe("more customer users than the list limit", () => {
  // This spec's own 1,100 users, all with logins that start with the prefix.
  const prefix = uniqueName("bulk").replace("-", "");

  test.beforeAll(async () => {
    const { databaseUrl } = await import("../fixtures/env");
    const postgres = (await import("postgres")).default;
    const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
    const customerId = prefix.toUpperCase();
    // One statement each: the API would take minutes for the same.
    await sql`
      insert into customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
      values (${customerId}, 'Bulk Customer', 1, now(), 1, now(), 1)`;
    await sql`
      insert into customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
      select ${prefix} || lpad(g::text, 4, '0'), ${prefix} || g || '@bulk.example', ${customerId}, 'Bulk', 'User ' || g,
             case when g % 10 = 0 then 2 else 1 end, now(), 1, now(), 1
      from generate_series(1, 1100) as g`;
    await sql.end();
  });

  test("the list says the limit cut it, stays smooth, loads the next page, and a narrower search lifts the notice", async ({
    admin,
  }) => {
    const list = new CustomerUsersPage(admin);
    await list.goto(`${prefix}*`);
    // A thousand users over the wire: allow for a busy CI machine.
    await expect(list.count).toHaveText("1000 customer users found", { timeout: 30_000 });
    await expect(list.limitNotice).toContainText("Only the first 1,000 results are shown");

    // Virtualised: a thousand rows, only the visible ones in the DOM.
    await expect(list.table).toHaveAttribute("aria-rowcount", "1001");
    const rendered = await list.table.getByRole("row").count();
    expect(rendered).toBeLessThan(100);

    // Scrolling to the end shows the last of the 1000 (sorted by login).
    const region = admin.getByRole("region", { name: "Customer user management" });
    await region.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect(list.row(`${prefix}1000`)).toBeVisible();
    await expect(list.row(`${prefix}1000`)).toHaveClass(/row-muted/);

    // Keyboard: the scrolling list is focusable and scrolls with the keys.
    await region.focus();
    await admin.keyboard.press("Home");
    await expect(list.row(`${prefix}0001`)).toBeVisible();

    // Load more: the page after the first one's cursor is appended, the first thousand stay as they are.
    await list.searchFor(`${prefix}*`);
    await expect(list.count).toHaveText("1000 customer users found");
    await expect(list.loadMore).toHaveText("Load 1,000 more");
    await list.loadMore.click();
    await expect(list.count).toHaveText("1100 customer users found");
    await expect(list.limitNotice).toHaveCount(0);
    await expect(list.loadMore).toHaveCount(0);
    await expect(list.table).toHaveAttribute("aria-rowcount", "1101");
    await region.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect(list.row(`${prefix}1100`)).toBeVisible();

    await list.searchFor(`${prefix}10*`);
    await expect(list.count).toHaveText("100 customer users found");
    await expect(list.limitNotice).toHaveCount(0);
  });
});
