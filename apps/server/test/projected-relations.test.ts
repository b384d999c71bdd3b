/**
 * A list that reads typed fields and relations fetches only those columns and the customer ids
 * (graphql/customer-users/prefetch.ts, RELATION_ATTRIBUTES): its relations are the same as with the
 * complete records, a mapped UserCustomerIDs included (docs/otobo-behaviour.md §3.7).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ok, otoboMap, startTestServer, type TestServer } from "./helpers";

/** OTOBO's default map with UserCustomerIDs on a `customer_ids` column, as a Config.pm may have it. */
const map = otoboMap(["UserCustomerIDs", "CustomerIDs", "customer_ids", 1, 0, "var", "", 0, null, null]);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    config: { backends: [{ module: "db", map }] },
    prepare: (db) =>
      db.db.execute(sql`ALTER TABLE customer_user ADD customer_ids varchar(250)`).then(() => {}),
  });
  for (const id of ["c1", "c2", "c3", "c4"]) {
    ok(
      await t.gql(
        `mutation { createCustomer(input: { customerId: "${id}", name: "${id}" }) { customerId } }`,
      ),
    );
  }
  for (const [login, ids] of [
    ["u1", "c2;c3"],
    ["u2", ""],
  ] as const) {
    ok(
      await t.gql(
        `mutation($a: [AttributeInput!]) { createCustomerUser(input: { login: "${login}", firstName: "U", lastName: "${login}",
          email: "${login}@example.com", customerId: "c1", attributes: $a }) { customerUser { login } } }`,
        { a: ids ? [{ attribute: "UserCustomerIDs", value: ids }] : [] },
      ),
    );
  }
  ok(await t.gql(`mutation { setCustomerUserCustomers(login: "u2", customerIds: ["c4"]) { login } }`));
});
afterAll(async () => {
  await t?.close();
});

type Node = { login: string; email: string; customerIds: string[]; customer: { customerId: string } };

test("typed fields with relations: the customer ids of the projected records are complete", async () => {
  const list = async (extra: string) =>
    ok(
      await t.gql<{ customerUsers: { nodes: Node[] } }>(
        `{ customerUsers(search: "u*") { nodes { login email customerIds customer { customerId } ${extra} } } }`,
      ),
    ).customerUsers.nodes;
  const projected = await list("");
  expect(projected).toEqual([
    { login: "u1", email: "u1@example.com", customerIds: ["c1", "c2", "c3"], customer: { customerId: "c1" } },
    { login: "u2", email: "u2@example.com", customerIds: ["c1", "c4"], customer: { customerId: "c1" } },
  ]);
  // `fullName` needs the complete record: the same relations either way.
  const complete = (await list("fullName")).map(
    ({ fullName: _, ...rest }: Node & { fullName?: string }) => rest,
  );
  expect(complete).toEqual(projected);
});
