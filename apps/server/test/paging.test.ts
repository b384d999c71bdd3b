import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, ok, startTestServer, type TestServer } from "./helpers";

/**
 * Cursor paging over HTTP (docs/api.md §Paging): customerUsers and customers walked page by page
 * give exactly the one-page list, the nested lists page the same way, and a cursor this server did
 * not hand out is BAD_USER_INPUT naming `after`. Runs on PostgreSQL and on PGlite.
 */

interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}
interface Page<T> {
  nodes: T[];
  limit: number;
  limitReached: boolean;
  pageInfo: PageInfo;
}

let t: TestServer;
const USERS = 230;
const CUSTOMERS = 57;

/** Mixed case, so the order is the case-insensitive one and not the bytes of the stored login. */
const loginOf = (i: number) => `${i % 3 === 0 ? "User" : "user"}-${String(i).padStart(4, "0")}`;
const customerOf = (i: number) => `Cust-${String(i).padStart(3, "0")}`;
const audit = sql`now(), 1, now(), 1`;

let groupId: string;
let serviceId: string;

beforeAll(async () => {
  t = await startTestServer({ config: { backends: [{ module: "db" }] } });
  const db = t.database.db;
  await db.execute(sql`INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
    SELECT 'Cust-' || lpad(g::text, 3, '0'), 'Customer ' || g, 1, ${audit} FROM generate_series(1, ${CUSTOMERS}) g`);
  await db.execute(sql`INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
    VALUES ('ACME', 'Acme', 1, ${audit}), ('acme-b', 'Acme B', 1, ${audit}), ('_first', 'Underscore', 1, ${audit})`);
  const values = Array.from(
    { length: USERS },
    (_, k) =>
      sql`(${loginOf(k + 1)}, ${`u${k + 1}@example.com`}, ${k < 25 ? "ACME" : customerOf(1 + (k % CUSTOMERS))}, 'U', ${`N${k + 1}`}, 1, ${audit})`,
  );
  await db.execute(sql`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
    VALUES ${sql.join(values, sql`, `)}`);
  // ACME's list: 25 primary users plus 10 assigned as an extra customer (users of other customers).
  const extra = Array.from({ length: 10 }, (_, k) => sql`(${loginOf(100 + k * 7)}, 'ACME', ${audit})`);
  await db.execute(sql`INSERT INTO customer_user_customer (user_id, customer_id, create_time, create_by, change_time, change_by)
    VALUES ${sql.join(extra, sql`, `)}`);
  groupId = ok(
    await t.gql<{ createGroup: { id: string } }>(`mutation { createGroup(input: { name: "paged" }) { id } }`),
  ).createGroup.id;
  ok(
    await t.gql(
      `mutation($g: ID!, $grants: [CustomerUserGrantInput!]!) { setGroupCustomerUsers(groupId: $g, grants: $grants) { id } }`,
      {
        g: groupId,
        grants: Array.from({ length: 40 }, (_, k) => ({ login: loginOf(k * 5 + 1), permissions: ["RO"] })),
      },
    ),
  );
  ok(
    await t.gql(
      `mutation($g: ID!, $grants: [CustomerGrantInput!]!) { setGroupCustomers(groupId: $g, grants: $grants) { id } }`,
      {
        g: groupId,
        grants: Array.from({ length: 23 }, (_, k) => ({
          customerId: customerOf(k * 2 + 1),
          permissions: ["RW"],
        })),
      },
    ),
  );
  serviceId = ok(
    await t.gql<{ createService: { id: string } }>(
      `mutation { createService(input: { name: "paged" }) { id } }`,
    ),
  ).createService.id;
  ok(
    await t.gql(
      `mutation($s: ID!, $l: [String!]!) { setServiceCustomerUsers(serviceId: $s, logins: $l) { id } }`,
      {
        s: serviceId,
        l: Array.from({ length: 31 }, (_, k) => loginOf(230 - k * 3)),
      },
    ),
  );
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** Follows endCursor until hasNextPage is false; returns every key in the order seen. */
async function walk<T>(
  fetchPage: (after: string | null) => Promise<{ nodes: T[]; pageInfo: PageInfo }>,
  keyOf: (node: T) => string,
  first: number,
): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page = await fetchPage(after);
    pages++;
    expect(page.nodes.length).toBeLessThanOrEqual(first);
    keys.push(...page.nodes.map(keyOf));
    if (!page.pageInfo.hasNextPage) break;
    expect(page.pageInfo.endCursor).toEqual(expect.any(String));
    after = page.pageInfo.endCursor;
    if (pages > 1000) throw new Error("the walk does not end");
  }
  return { keys, pages };
}

const userPage = async (first: number, after: string | null, args = "") =>
  ok(
    await t.gql<{ customerUsers: Page<{ login: string }> }>(
      `query($first: Int, $after: String) { customerUsers(first: $first, after: $after ${args}) {
        nodes { login } limit limitReached pageInfo { endCursor hasNextPage } } }`,
      { first, after },
    ),
  ).customerUsers;

describe("customerUsers(first, after)", () => {
  it("walks every user exactly once, in the order of one big page, for several page sizes", async () => {
    const all = ok(
      await t.gql<{ customerUsers: Page<{ login: string }> }>(
        `{ customerUsers(limit: 10000) { nodes { login } pageInfo { endCursor hasNextPage } } }`,
      ),
    ).customerUsers;
    expect(all.nodes).toHaveLength(USERS);
    expect(all.pageInfo.hasNextPage).toBe(false);
    const expected = all.nodes.map((n) => n.login);
    expect(expected).toEqual([...expected].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    for (const first of [1, 7, 50, 229, 230, 231]) {
      const { keys, pages } = await walk(
        (after) => userPage(first, after),
        (n) => n.login,
        first,
      );
      expect(keys, `first: ${first}`).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(USERS / first)));
    }
  });

  it("pages a search and a filter the same way", async () => {
    const all = ok(
      await t.gql<{ customerUsers: Page<{ login: string }> }>(
        `{ customerUsers(search: "*-00*", valid: VALID, limit: 10000) { nodes { login } } }`,
      ),
    ).customerUsers.nodes.map((n) => n.login);
    expect(all.length).toBeGreaterThan(50);
    const { keys } = await walk(
      (after) => userPage(13, after, `, search: "*-00*", valid: VALID`),
      (n) => n.login,
      13,
    );
    expect(keys).toEqual(all);
  });

  it("says limitReached and hasNextPage on a page that is not the last, and neither on the last", async () => {
    const page = await userPage(100, null);
    expect(page.limitReached).toBe(true);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const last = await userPage(200, page.pageInfo.endCursor);
    expect(last.nodes).toHaveLength(USERS - 100);
    expect(last.limitReached).toBe(false);
    expect(last.pageInfo).toEqual({ endCursor: expect.any(String), hasNextPage: false });
    // After the last user: an empty page without a cursor.
    const empty = await userPage(10, last.pageInfo.endCursor);
    expect(empty.nodes).toEqual([]);
    expect(empty.pageInfo).toEqual({ endCursor: null, hasNextPage: false });
  });

  it("pages with `limit` as the page size when `first` is left out, and refuses both together naming first", async () => {
    const page = ok(
      await t.gql<{ customerUsers: Page<{ login: string }> }>(
        `{ customerUsers(limit: 5) { nodes { login } pageInfo { endCursor hasNextPage } } }`,
      ),
    ).customerUsers;
    const next = ok(
      await t.gql<{ customerUsers: Page<{ login: string }> }>(
        `query($a: String) { customerUsers(limit: 5, after: $a) { nodes { login } } }`,
        { a: page.pageInfo.endCursor },
      ),
    ).customerUsers;
    const ten = await userPage(10, null);
    expect([...page.nodes, ...next.nodes]).toEqual(ten.nodes);
    const error = failure(await t.gql(`{ customerUsers(limit: 5, first: 5) { nodes { login } } }`));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });
});

describe("customers(first, after)", () => {
  const customerPage = async (first: number, after: string | null) =>
    ok(
      await t.gql<{ customers: Page<{ customerId: string }> }>(
        `query($first: Int, $after: String) { customers(first: $first, after: $after) {
          nodes { customerId } limit limitReached pageInfo { endCursor hasNextPage } } }`,
        { first, after },
      ),
    ).customers;

  it("walks every customer exactly once, in the order of one big page", async () => {
    const all = ok(
      await t.gql<{ customers: Page<{ customerId: string }> }>(
        `{ customers(limit: 10000) { nodes { customerId } pageInfo { hasNextPage } } }`,
      ),
    ).customers;
    expect(all.nodes).toHaveLength(CUSTOMERS + 3);
    const expected = all.nodes.map((n) => n.customerId);
    for (const first of [1, 4, 59, 60, 61]) {
      const { keys } = await walk(
        (after) => customerPage(first, after),
        (n) => n.customerId,
        first,
      );
      expect(keys, `first: ${first}`).toEqual(expected);
    }
    const error = failure(await t.gql(`{ customers(limit: 5, first: 5) { nodes { customerId } } }`));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("keeps a walk free of duplicates while customers are added before and after the cursor", async () => {
    const first = await customerPage(20, null);
    await t.gql(
      `mutation { createCustomer(input: { customerId: "AAA-new", name: "Before the cursor" }) { customerId } }`,
    );
    await t.gql(
      `mutation { createCustomer(input: { customerId: "zzz-new", name: "After the cursor" }) { customerId } }`,
    );
    const { keys } = await walk(
      async (after) => (after === null ? first : customerPage(20, after)),
      (n) => n.customerId,
      20,
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain("zzz-new");
    expect(keys).not.toContain("AAA-new");
  });
});

describe("nested lists", () => {
  it("pages Customer.customerUsers (primary and assigned users) with its customerUsersPageInfo", async () => {
    const all = ok(
      await t.gql<{ customer: { customerUsers: { login: string }[] } }>(
        `{ customer(customerId: "ACME") { customerUsers { login } } }`,
      ),
    ).customer.customerUsers.map((u) => u.login);
    expect(all).toHaveLength(35);
    const { keys } = await walk(
      async (after) => {
        const c = ok(
          await t.gql<{ customer: { customerUsers: { login: string }[]; customerUsersPageInfo: PageInfo } }>(
            `query($a: String) { customer(customerId: "ACME") {
              customerUsers(first: 6, after: $a) { login } customerUsersPageInfo(first: 6, after: $a) { endCursor hasNextPage } } }`,
            { a: after },
          ),
        ).customer;
        return { nodes: c.customerUsers, pageInfo: c.customerUsersPageInfo };
      },
      (u) => u.login,
      6,
    );
    expect(keys).toEqual(all);
  });

  it("pages Group.customerUsers, Group.customers and Service.customerUsers", async () => {
    const group = ok(
      await t.gql<{
        group: {
          customerUsers: { customerUser: { login: string } }[];
          customers: { customer: { customerId: string } }[];
        };
        service: { customerUsers: { login: string }[] };
      }>(
        `query($g: ID!, $s: ID!) { group(id: $g) { customerUsers { customerUser { login } } customers { customer { customerId } } }
          service(id: $s) { customerUsers { login } } }`,
        { g: groupId, s: serviceId },
      ),
    );
    const cases = [
      {
        field: "group",
        list: "customerUsers",
        all: group.group.customerUsers.map((g) => g.customerUser.login),
        select: "customerUser { login }",
        key: (n: { customerUser: { login: string } }) => n.customerUser.login,
      },
      {
        field: "group",
        list: "customers",
        all: group.group.customers.map((g) => g.customer.customerId),
        select: "customer { customerId }",
        key: (n: { customer: { customerId: string } }) => n.customer.customerId,
      },
      {
        field: "service",
        list: "customerUsers",
        all: group.service.customerUsers.map((u) => u.login),
        select: "login",
        key: (n: { login: string }) => n.login,
      },
    ] as const;
    expect(cases.map((c) => c.all.length)).toEqual([40, 23, 31]);
    for (const c of cases) {
      const { keys, pages } = await walk(
        async (after) => {
          const data = ok(
            await t.gql<Record<string, Record<string, unknown>>>(
              `query($id: ID!, $a: String) {
                ${c.field}(id: $id) {
                  ${c.list}(first: 4, after: $a) { ${c.select} } ${c.list}PageInfo(first: 4, after: $a) { endCursor hasNextPage } } }`,
              { id: c.field === "group" ? groupId : serviceId, a: after },
            ),
          )[c.field]!;
          return { nodes: data[c.list] as never[], pageInfo: data[`${c.list}PageInfo`] as PageInfo };
        },
        c.key as (n: never) => string,
        4,
      );
      expect(keys, `${c.field}.${c.list}`).toEqual(
        [...c.all].sort((a, b) =>
          a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
        ),
      );
      expect(pages).toBe(Math.ceil(c.all.length / 4));
    }
  });
});

describe("cursors", () => {
  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const hostile = [
    "",
    "x",
    "not a cursor",
    "====",
    "%00",
    "a".repeat(5000),
    Buffer.from("not json").toString("base64url"),
    forged(null),
    forged([1, 2]),
    forged("login"),
    forged({}),
    forged({ t: "customerUser" }),
    forged({ t: "customerUser", l: 1, k: 1 }),
    forged({ t: "customerUser", l: "b", k: "a" }),
    forged({ t: "customerUser", l: "", k: "" }),
    forged({ t: "customerUser", l: "a\u0000", k: "a\u0000" }),
    forged({ t: "customerUser", l: "\ud800", k: "\ud800" }),
    forged({ t: "customer", l: "user-0001", k: "user-0001" }),
    forged({ t: "customerUser", l: "x".repeat(2000), k: "x".repeat(2000) }),
    forged({ t: "customerUser", l: "a", k: "a", extra: true, v: 2 }).slice(0, -2),
  ];

  it("refuses every cursor it did not hand out with BAD_USER_INPUT naming after, on every paged field", async () => {
    const queries = [
      `query($a: String) { customerUsers(first: 2, after: $a) { nodes { login } } }`,
      `query($a: String) { customers(first: 2, after: $a) { nodes { customerId } } }`,
      `query($a: String) { customer(customerId: "ACME") { customerUsers(first: 2, after: $a) { login } } }`,
      `query($a: String) { customer(customerId: "ACME") { customerUsersPageInfo(first: 2, after: $a) { endCursor } } }`,
      `query($a: String, $g: ID!) { group(id: $g) { customerUsers(first: 2, after: $a) { permissions } } }`,
      `query($a: String, $g: ID!) { group(id: $g) { customers(first: 2, after: $a) { permissions } } }`,
      `query($a: String, $s: ID!) { service(id: $s) { customerUsers(first: 2, after: $a) { login } } }`,
    ];
    for (const query of queries) {
      for (const cursor of hostile) {
        // A customers cursor is a customers cursor: fine on customers and Group.customers.
        if (cursor === hostile[17] && /customers\(/.test(query)) continue;
        const response = await t.gql(query, {
          a: cursor,
          ...(query.includes("$g") ? { g: groupId } : {}),
          ...(query.includes("$s") ? { s: serviceId } : {}),
        });
        const label = `${query} with ${JSON.stringify(cursor).slice(0, 60)}`;
        expect(response.errors, label).toHaveLength(1);
        expect(response.errors?.[0]?.extensions, label).toMatchObject({
          code: "BAD_USER_INPUT",
          field: "after",
        });
      }
    }
    // A customer-user cursor is no customers cursor either.
    const cursor = (await userPage(3, null)).pageInfo.endCursor;
    expect(failure(await t.gql(queries[1]!, { a: cursor })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "after",
    });
  });

  it("treats a well-formed cursor with hostile text as a position, nothing more", async () => {
    const key = "user-0100'); DROP TABLE customer_user; --";
    const page = await userPage(3, forged({ t: "customerUser", l: key.toLowerCase(), k: key }));
    expect(page.nodes.map((n) => n.login)).toEqual(["user-0101", "User-0102", "user-0103"]);
    const all = ok(
      await t.gql<{ customerUsers: Page<unknown> }>(
        `{ customerUsers(limit: 10000) { limit nodes { login } } }`,
      ),
    );
    expect(all.customerUsers.nodes).toHaveLength(USERS);
  });

  it("takes a cursor of a user that no longer exists: the walk goes on after its position", async () => {
    const page = await userPage(10, null);
    const last = page.nodes.at(-1)!.login;
    const next = await userPage(10, page.pageInfo.endCursor);
    await t.database.db.execute(sql`DELETE FROM customer_user WHERE login = ${last}`);
    const again = await userPage(10, page.pageInfo.endCursor);
    expect(again.nodes).toEqual(next.nodes);
  });
});
