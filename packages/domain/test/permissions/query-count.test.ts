/**
 * Listing customer users with their customers, groups, effective permissions and services costs a
 * fixed number of SQL statements, whatever the number of users (what the GraphQL DataLoaders rely on).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../src/testing";
import { countingClientele, seedPermissionScenario } from "../support/counting";

let database: TestDatabase;
let c: Awaited<ReturnType<typeof countingClientele>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedPermissionScenario(database.db, 1000);
  c = await countingClientele(database.url!);
});
afterAll(async () => {
  await c?.close();
  await database?.drop();
});

/** What the customer-user list screen asks for, batched as the per-request loaders batch it. */
async function listPage(limit: number) {
  const { nodes } = await c.app.customerUsers.search({ limit });
  const customerIds = await c.app.customerUsers.customerIdsMany(nodes);
  const customers = await c.app.customers.getMany([...new Set(customerIds.flat())]);
  const settings = await c.settings.get();
  const known = {
    settings,
    customerIds: new Map(nodes.map((n, i) => [n.login.toLowerCase(), customerIds[i]!])),
  };
  const grants = await c.groups.customerUserGrantsMany(nodes.map((n) => n.login));
  const effective = await c.permissions.effectiveForMany(nodes, known);
  const services = await c.permissions.effectiveServicesForMany(nodes, known);
  const contexts = await c.permissions.contextCustomersMany(nodes, known);
  return { nodes, customerIds, customers, grants, effective, services, contexts };
}

test("1000 users cost no more statements than 10", async () => {
  const small = await c.count(() => listPage(10));
  const large = await c.count(() => listPage(1000));
  expect(small.result.nodes).toHaveLength(10);
  expect(large.result.nodes).toHaveLength(1000);
  console.log(
    `[query-count] list of 1000 users with customers, grants, effective permissions, services, contexts: ${large.queries} statements`,
  );
  // A bound, not an exact number: a small page may need one more lookup for customers reached only
  // through the other-customers context, which a large page has already read.
  expect(small.queries).toBeLessThanOrEqual(15);
  expect(large.queries).toBeLessThanOrEqual(15);

  // The answers are real, not empty: every user has a direct grant, a customer grant and services.
  const sample = large.result.nodes[500]!;
  const key = sample.login.toLowerCase();
  const effective = large.result.effective.get(key)!;
  expect(effective.some((e) => e.via.some((v) => v.via === "DIRECT"))).toBe(true);
  expect(effective.some((e) => e.via.some((v) => v.via === "CUSTOMER"))).toBe(true);
  expect(large.result.services.get(key)!.map((s) => s.name)).toEqual(
    expect.arrayContaining(["service1", "service2"]),
  );
  expect(large.result.customerIds[500]).toHaveLength(3);
  expect(large.result.contexts.get(key)!.length).toBeGreaterThan(3);
});

test("effective permissions alone: a constant handful of statements", async () => {
  const { nodes } = await c.app.customerUsers.search({ limit: 1000 });
  const one = await c.count(() => c.permissions.effectiveForMany(nodes.slice(0, 1)));
  const all = await c.count(() => c.permissions.effectiveForMany(nodes));
  expect(all.queries).toBe(one.queries);
  expect(all.queries).toBeLessThanOrEqual(6);
});

test("what a request already read (customers, direct grants, services) gives the same answers without reading it again", async () => {
  const { nodes } = await c.app.customerUsers.search({ limit: 1000 });
  const logins = nodes.map((n) => n.login);
  const customerIds = await c.app.customerUsers.customerIdsMany(nodes);
  const allIds = [...new Set(customerIds.flat())];
  const found = await c.app.customers.getMany(allIds);
  const settings = await c.settings.get();
  const known = {
    settings,
    customerIds: new Map(nodes.map((n, i) => [n.login.toLowerCase(), customerIds[i]!])),
    customers: new Map(allIds.map((id) => [id, found.get(id) ?? null])),
    directGrants: await c.groups.customerUserGrantsMany(logins),
    explicitServices: await c.services.explicitServicesMany([...logins, "<DEFAULT>"]),
  };
  const plain = await c.permissions.effectiveForMany(nodes, { settings });
  const reused = await c.count(() => c.permissions.effectiveForMany(nodes, known));
  expect(reused.result).toEqual(plain);
  // Only the valid groups and the customers' grants are left to read.
  expect(reused.queries).toBe(2);
  const contexts = await c.count(() => c.permissions.contextCustomersMany(nodes, known));
  expect(contexts.result).toEqual(await c.permissions.contextCustomersMany(nodes, { settings }));
  expect(contexts.statements.some((s) => s.includes('from "customer_company"'))).toBe(false);
  const services = await c.count(() => c.permissions.effectiveServicesForMany(nodes, known));
  expect(services.result).toEqual(await c.permissions.effectiveServicesForMany(nodes, { settings }));
  expect(services.queries).toBe(0);

  // A customer id that names no customer (or names it in another case) is looked up after all.
  const partial = { ...known, customers: new Map([...known.customers].slice(1)) };
  const fallback = await c.count(() => c.permissions.effectiveForMany(nodes, partial));
  expect(fallback.result).toEqual(plain);
  expect(fallback.queries).toBe(3);
});
