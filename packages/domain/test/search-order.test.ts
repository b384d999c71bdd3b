/**
 * A search over one backend returns its users as the merge of several would: in login order,
 * case-insensitively, and paging with the cursors walks every user exactly once. The one-backend
 * path skips the merge and sort when the backend's order already is that order
 * (customer-users/facade.ts); logins that differ only in case, which only an attached OTOBO table
 * can hold, are covered by test/attach/znuny.test.ts.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createClientele } from "../src/clientele";
import { loadConfig } from "../src/config/backends";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let database: TestDatabase;
let app: Awaited<ReturnType<typeof createClientele>>;
const actor = { id: 1, login: "root@localhost" };

const LOGINS = ["b", "a-twin", "Ab", "_x", "z", "ä", "B2", "c"];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createClientele({ database, config: loadConfig(undefined) });
  await app.customers.create({ customerId: "acme", name: "Acme", valid: 1 }, actor);
  for (const [i, login] of LOGINS.entries()) {
    await app.customerUsers.create(
      {
        login,
        firstName: "Order",
        lastName: `Test${i}`,
        email: `order${i}@clientele.test`,
        customerId: "acme",
        password: "correct horse battery",
        valid: 1,
      },
      actor,
    );
  }
});
afterAll(async () => {
  await database?.drop();
});

const EXPECTED = ["_x", "a-twin", "Ab", "b", "B2", "c", "z", "ä"];

test("one backend: login order case-insensitively, the limit told truthfully", async () => {
  const all = await app.customerUsers.search({ search: "*" });
  expect(all.nodes.map((n) => n.login)).toEqual(EXPECTED);
  expect(all.limitReached).toBe(false);
  expect(all.pageInfo.hasNextPage).toBe(false);

  const cut = await app.customerUsers.search({ search: "*", limit: 3 });
  expect(cut.nodes.map((n) => n.login)).toEqual(["_x", "a-twin", "Ab"]);
  expect(cut.limitReached).toBe(true);
  expect(cut.pageInfo.hasNextPage).toBe(true);
});

test("one backend: pages of every size walk every user once, in order", async () => {
  for (const first of [1, 2, 3, 7, 8]) {
    const walked: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const result = await app.customerUsers.search({ search: "*", first, after });
      walked.push(...result.nodes.map((n) => n.login));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(walked, `first: ${first}`).toEqual(EXPECTED);
  }
});
