/** docs/otobo-behaviour.md §3.7/§3.12 (CustomerUserCustomer.t) through GraphQL over HTTP. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { failure, ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;

const SET_USER = `mutation($l: String!, $c: [String!]!) { setCustomerUserCustomers(login: $l, customerIds: $c) {
  login customerIds customers { customerId } } }`;
const SET_CUSTOMER = `mutation($c: String!, $l: [String!]!) { setCustomerCustomerUsers(customerId: $c, logins: $l) {
  customerId customerUsers { login } } }`;
const USER = `query($l: String!) { customerUser(login: $l) { customerIds customers { customerId } } }`;

type UserView = { customerIds: string[]; customers: { customerId: string }[] };
const view = async (login: string) =>
  ok(await t.gql<{ customerUser: UserView }>(USER, { l: login })).customerUser;
const usersOf = async (customerId: string) =>
  ok(
    await t.gql<{ customer: { customerUsers: { login: string }[] } }>(
      `query($c: String!) { customer(customerId: $c) { customerUsers { login } } }`,
      { c: customerId },
    ),
  ).customer.customerUsers.map((u) => u.login);

async function rows() {
  const r = (await t.server.clientele.db.execute(
    sql`select user_id, customer_id from customer_user_customer order by 1, 2`,
  )) as unknown;
  return Array.isArray(r) ? r : (r as { rows: unknown[] }).rows;
}

beforeAll(async () => {
  t = await startTestServer();
  for (const id of ["c0", "c1", "c2"]) {
    ok(
      await t.gql(
        `mutation($id: String!) { createCustomer(input: { customerId: $id, name: $id }) { customerId } }`,
        { id },
      ),
    );
  }
  for (const login of ["u1", "u2"]) {
    ok(
      await t.gql(
        `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`,
        {
          input: {
            login,
            firstName: "F",
            lastName: login,
            email: `${login}@clientele.test`,
            customerId: "c0",
            password: "long enough pw",
          },
        },
      ),
    );
  }
});
afterAll(() => t?.close());

test("add (u1,c1): list(u1) = [c1], list(c1) = [u1], CustomerIDs(u1) = [c0, c1]", async () => {
  const set = ok(await t.gql<{ setCustomerUserCustomers: unknown }>(SET_USER, { l: "u1", c: ["c1"] }));
  expect(set.setCustomerUserCustomers).toEqual({
    login: "u1",
    customerIds: ["c0", "c1"],
    customers: [{ customerId: "c1" }],
  });
  expect(await usersOf("c1")).toEqual(["u1"]);
});

test("add (u2,c1) from the customer's side: list(c1) = [u1, u2]; the primary customer lists both too", async () => {
  const set = ok(
    await t.gql<{ setCustomerCustomerUsers: unknown }>(SET_CUSTOMER, { c: "c1", l: ["u1", "u2"] }),
  );
  expect(set.setCustomerCustomerUsers).toEqual({
    customerId: "c1",
    customerUsers: [{ login: "u1" }, { login: "u2" }],
  });
  expect(await usersOf("c0")).toEqual(["u1", "u2"]);
});

test("both removed → [] everywhere", async () => {
  ok(await t.gql(SET_CUSTOMER, { c: "c1", l: [] }));
  expect(await usersOf("c1")).toEqual([]);
  expect(await view("u1")).toEqual({ customerIds: ["c0"], customers: [] });
  expect(await view("u2")).toEqual({ customerIds: ["c0"], customers: [] });
});

test("add (u1,c2), (u1,c1) → [c1, c2] sorted, after the primary", async () => {
  ok(await t.gql(SET_USER, { l: "u1", c: ["c2", "c1"] }));
  expect(await view("u1")).toEqual({
    customerIds: ["c0", "c1", "c2"],
    customers: [{ customerId: "c1" }, { customerId: "c2" }],
  });
});

test("primary as extra, unknown customer, unknown login: refused, nothing written", async () => {
  const before = await rows();
  expect(failure(await t.gql(SET_USER, { l: "u1", c: ["c1", "c0"] })).extensions).toMatchObject({
    code: "BAD_USER_INPUT",
    field: "customerIds",
  });
  expect(failure(await t.gql(SET_CUSTOMER, { c: "c0", l: ["u2"] })).extensions?.code).toBe("BAD_USER_INPUT");
  expect(failure(await t.gql(SET_USER, { l: "u1", c: ["nope"] })).extensions?.code).toBe("NOT_FOUND");
  expect(failure(await t.gql(SET_USER, { l: "ghost", c: ["c1"] })).extensions?.code).toBe("NOT_FOUND");
  expect(failure(await t.gql(SET_CUSTOMER, { c: "c2", l: ["u2", "ghost"] })).extensions?.code).toBe(
    "NOT_FOUND",
  );
  expect(failure(await t.gql(SET_CUSTOMER, { c: "nope", l: ["u2"] })).extensions?.code).toBe("NOT_FOUND");
  expect(await rows()).toEqual(before);
});

test("an extra customer's company always-group reaches the user, named by customer", async () => {
  ok(
    await t.gql(`mutation { updateSettings(input: { customerGroupSupport: true, customerGroupAlwaysGroups: [],
      customerGroupCompanyAlwaysGroups: ["stats"] }) { customerGroupSupport } }`),
  );
  const r = ok(
    await t.gql<{
      customerUser: { effectivePermissions: { group: { name: string }; via: { customerId: string }[] }[] };
    }>(
      `{ customerUser(login: "u1") { effectivePermissions { group { name } via { via permission customerId } } } }`,
    ),
  );
  const [stats] = r.customerUser.effectivePermissions;
  expect(stats?.group.name).toBe("stats");
  expect([...new Set(stats?.via.map((v) => v.customerId))]).toEqual(["c0", "c1", "c2"]);
});
