/**
 * The customer-user list over HTTP: 1000 users with their customers, direct groups, effective
 * permissions and services cost a bounded number of SQL statements (counted with the postgres.js
 * `debug` hook on the server's own connection pool), the same bound as for 10 users.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedPermissionScenario } from "../../../packages/domain/test/support/counting";
import { startTestServer, type TestServer } from "./helpers";

let t: TestServer;

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

beforeAll(async () => {
  t = await startTestServer({
    countStatements: true,
    prepare: (database) => seedPermissionScenario(database.db, 1000),
  });
});
afterAll(async () => {
  await t?.close();
});

async function countList(limit: number) {
  const counter = t.counter!;
  counter.queries = 0;
  counter.statements = [];
  const started = performance.now();
  const body = await t.gql<{ customerUsers: { nodes: Node[] } }>(LIST, { limit });
  const queries = counter.queries;
  const statements = [...counter.statements];
  if (process.env.SHOW_QUERIES) console.log(counter.statements.map((q) => q.slice(0, 120)).join("\n"));
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return {
    nodes: body.data!.customerUsers.nodes,
    queries,
    statements,
    ms: Math.round(performance.now() - started),
  };
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
  // Sign-in (session, role), the search, and each relation table once: customer ids, customers,
  // direct grants, settings, services, valid groups, customer grants.
  expect(large.queries).toBe(small.queries);
  expect(large.queries).toBeLessThanOrEqual(10);
  // Nothing is read twice.
  const repeated = large.statements.filter((s, i) => large.statements.indexOf(s) !== i);
  expect(repeated).toEqual([]);

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

test("a read query compiled from its second run answers exactly as graphql-js does on its first", async () => {
  // Apollo keeps documents by their text: the comment makes a document this server has not run yet.
  const first = await t.gql(`# first run\n${LIST}`, { limit: 1000 });
  const compiled = await t.gql(LIST, { limit: 1000 });
  expect(first.errors).toBeUndefined();
  expect(JSON.stringify(compiled)).toBe(JSON.stringify(first));
  // An error in a compiled document: the answer is graphql-js's, every time.
  const failing = `query($s: String) { customerUsers(source: $s, limit: 10) { nodes { login } } }`;
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push(await t.gql(failing, { s: "NoSuchBackend" }));
  expect(answers[0]!.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  expect(answers[1]).toEqual(answers[0]);
  expect(answers[2]).toEqual(answers[0]);
});
