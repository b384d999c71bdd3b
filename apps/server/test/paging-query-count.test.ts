/**
 * `customers(first) { nodes { customerUsers(first: 10) } }` over HTTP costs the same number of SQL
 * statements for 10 customers as for 100 (counted with the postgres.js `debug` hook on the server's
 * own pool): the nested list loads in one batch per response, not one search per customer.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;
const CUSTOMERS = 120;
const PER_CUSTOMER = 25;

const QUERY = `query($first: Int!) { customers(first: $first) { nodes {
  customerId
  customerUsers(first: 10) { login customerId }
  customerUsersPageInfo(first: 10) { endCursor hasNextPage }
} } }`;

interface Result {
  customers: {
    nodes: {
      customerId: string;
      customerUsers: { login: string; customerId: string }[];
      customerUsersPageInfo: { endCursor: string | null; hasNextPage: boolean };
    }[];
  };
}

beforeAll(async () => {
  t = await startTestServer({ countStatements: true, config: { backends: [{ module: "db" }] } });
  const db = t.database.db;
  const audit = sql`now(), 1, now(), 1`;
  await db.execute(sql`INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
    SELECT 'C' || lpad(g::text, 4, '0'), 'Company ' || g, 1, ${audit} FROM generate_series(1, ${CUSTOMERS}) g`);
  await db.execute(sql`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
    SELECT 'u' || lpad(g::text, 6, '0'), 'u' || g || '@example.com', 'C' || lpad((1 + g % ${CUSTOMERS})::text, 4, '0'),
           'U', 'N' || g, 1, ${audit}
    FROM generate_series(1, ${CUSTOMERS * PER_CUSTOMER}) g`);
  // Every customer also has two users of other customers assigned as an extra customer; they sort first.
  await db.execute(sql`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
    SELECT 'a-extra' || g, 'x' || g || '@example.com', 'C0001', 'X', 'N', 1, ${audit} FROM generate_series(1, 2) g`);
  await db.execute(sql`INSERT INTO customer_user_customer (user_id, customer_id, create_time, create_by, change_time, change_by)
    SELECT 'a-extra' || e, 'C' || lpad(g::text, 4, '0'), ${audit}
    FROM generate_series(2, ${CUSTOMERS}) g, generate_series(1, 2) e`);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function count(first: number) {
  const counter = t.counter!;
  counter.queries = 0;
  counter.statements = [];
  const data = ok(await t.gql<Result>(QUERY, { first }));
  const queries = counter.queries;
  if (process.env.SHOW_QUERIES) console.log(counter.statements.map((q) => q.slice(0, 160)).join("\n"));
  return { nodes: data.customers.nodes, queries };
}

test("customers(first: 100) { customerUsers(first: 10) } costs as many statements as for 10 customers", async () => {
  await count(2); // warm-up (sessions, settings)
  const small = await count(10);
  const large = await count(100);
  console.log(
    `[paging/query-count] 10 customers: ${small.queries} statements; 100 customers: ${large.queries}`,
  );
  expect(small.nodes).toHaveLength(10);
  expect(large.nodes).toHaveLength(100);
  expect(large.queries).toBe(small.queries);
  expect(large.queries).toBeLessThanOrEqual(8);

  // Real pages came back: ten users each, the assigned extras first, and the rest on the next page.
  for (const node of large.nodes) {
    expect(node.customerUsers, node.customerId).toHaveLength(10);
    expect(node.customerUsersPageInfo.hasNextPage).toBe(true);
    const logins = node.customerUsers.map((u) => u.login);
    expect(logins).toEqual([...logins].sort());
    if (node.customerId !== "C0001") expect(logins.slice(0, 2)).toEqual(["a-extra1", "a-extra2"]);
  }
  const sample = large.nodes[42]!;
  const full = ok(
    await t.gql<{ customer: { customerUsers: { login: string }[] } }>(
      `query($c: String!) { customer(customerId: $c) { customerUsers { login } } }`,
      { c: sample.customerId },
    ),
  ).customer.customerUsers.map((u) => u.login);
  expect(full).toHaveLength(PER_CUSTOMER + 2);
  expect(sample.customerUsers.map((u) => u.login)).toEqual(full.slice(0, 10));
  const next = ok(
    await t.gql<{ customer: { customerUsers: { login: string }[] } }>(
      `query($c: String!, $a: String) { customer(customerId: $c) { customerUsers(first: 100, after: $a) { login } } }`,
      { c: sample.customerId, a: sample.customerUsersPageInfo.endCursor },
    ),
  ).customer.customerUsers.map((u) => u.login);
  expect(next).toEqual(full.slice(10));
});
