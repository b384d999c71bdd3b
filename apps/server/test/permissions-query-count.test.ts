/**
 * The customer-user list over HTTP: 1000 users with their customers, direct groups, effective
 * permissions and services cost a bounded number of SQL statements (counted with the postgres.js
 * `debug` hook on the server's own connection pool), the same bound as for 10 users.
 */
import { createTestDatabase, type TestDatabase } from "@clientele/domain/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openCountingDatabase, seedPermissionScenario } from "../../../packages/domain/test/support/counting";
import { type RunningServer, startServerOn } from "../src/app";
import { readEnv } from "../src/env";
import { ADMIN_PASSWORD } from "./helpers";

let database: TestDatabase;
let server: RunningServer;
let cookie = "";
let counter = { queries: 0, statements: [] as string[] };

const LIST = `query($limit: Int) { customerUsers(limit: $limit) { nodes {
  login customerIds customer { name } customers { customerId }
  groups { group { name } permissions }
  effectivePermissions { group { name } permissions via { via permission customerId } }
  services { name } effectiveServices { name isDefault }
} } }`;

type Node = {
  login: string;
  customerIds: string[];
  customer: { name: string };
  groups: unknown[];
  effectivePermissions: { via: { via: string }[] }[];
  effectiveServices: { name: string; isDefault: boolean }[];
};

async function post(query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ query, variables }),
  });
  return {
    response,
    body: (await response.json()) as { data?: { customerUsers: { nodes: Node[] } }; errors?: unknown[] },
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  if (!database.url)
    throw new Error("The query-count test needs PostgreSQL (it counts on a postgres.js client).");
  await seedPermissionScenario(database.db, 1000);
  const counting = await openCountingDatabase(database.url);
  counter = counting.counter;
  server = await startServerOn(counting.database, {
    ...readEnv({}),
    port: 0,
    databaseUrl: database.url,
    adminPassword: ADMIN_PASSWORD,
    demoData: false,
    configPath: undefined,
    logLevel: "silent",
  });
  const login = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }",
      variables: { l: "root@localhost", p: ADMIN_PASSWORD },
    }),
  });
  cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  if (!cookie) throw new Error("sign-in failed");
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

async function countList(limit: number) {
  counter.queries = 0;
  counter.statements = [];
  const started = performance.now();
  const { body } = await post(LIST, { limit });
  const queries = counter.queries;
  if (process.env.SHOW_QUERIES) console.log(counter.statements.map((q) => q.slice(0, 120)).join("\n"));
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { nodes: body.data!.customerUsers.nodes, queries, ms: Math.round(performance.now() - started) };
}

test("listing 1000 customer users with customers, groups, effective permissions and services: bounded SQL", async () => {
  await countList(5); // warm-up
  const small = await countList(10);
  const large = await countList(1000);
  console.log(
    `[query-count/graphql] 10 users: ${small.queries} statements; 1000 users: ${large.queries} statements, ${large.ms} ms`,
  );
  expect(small.nodes).toHaveLength(10);
  expect(large.nodes).toHaveLength(1000);
  expect(large.queries).toBeLessThanOrEqual(small.queries);
  expect(large.queries).toBeLessThanOrEqual(15);

  // Real data came back for every row.
  const node = large.nodes[321]!;
  expect(node.customerIds).toHaveLength(3);
  expect(node.customer.name).toMatch(/^Company /);
  expect(node.groups.length).toBeGreaterThan(0);
  const vias = new Set(node.effectivePermissions.flatMap((e) => e.via.map((v) => v.via)));
  expect(vias).toEqual(new Set(["DIRECT", "CUSTOMER", "COMPANY_ALWAYS", "ALWAYS"]));
  expect(node.effectiveServices.filter((s) => s.isDefault).map((s) => s.name)).toEqual([
    "service1",
    "service2",
  ]);
});
