import { openDatabase } from "@clientele/domain";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningServer, startServerOn } from "../src/app";
import { readEnv } from "../src/env";
import { ADMIN_PASSWORD, type GraphQLResponse, ok, startTestServer, type TestServer } from "./helpers";

/**
 * Two real servers, each with its own connection pool, on one PostgreSQL database: partial updates
 * of different fields sent to both at once must all survive.
 */

let a: TestServer;
let b: RunningServer;
let cookieB = "";

async function post<T>(url: string, query: string, variables: Record<string, unknown>, cookie: string) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

const UPDATE = `mutation($login: String!, $input: CustomerUserInput!, $at: DateTime) {
  updateCustomerUser(login: $login, input: $input, expectedChangedAt: $at) { login phone city changedAt } }`;
const READ = `query($login: String!) { customerUser(login: $login) { phone city changedAt } }`;

beforeAll(async () => {
  a = await startTestServer();
  if (!a.database.url) {
    throw new Error(
      "This test needs two servers on one PostgreSQL database; run it on PostgreSQL (unset TEST_DRIVER=pglite).",
    );
  }
  b = await startServerOn(await openDatabase({ url: a.database.url }), {
    ...readEnv({}),
    port: 0,
    databaseUrl: a.database.url,
    adminPassword: ADMIN_PASSWORD,
    demoData: false,
    logLevel: "silent",
  });
  const signIn = await fetch(`${b.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: 'mutation($p: String!) { login(login: "root@localhost", password: $p) { login } }',
      variables: { p: ADMIN_PASSWORD },
    }),
  });
  cookieB = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";
  expect(cookieB).not.toBe("");
  ok(await a.gql(`mutation { createCustomer(input: { customerId: "ACME", name: "ACME" }) { customerId } }`));
  for (const login of ["race", "guarded"]) {
    ok(
      await a.gql(
        `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`,
        {
          input: {
            login,
            firstName: "Race",
            lastName: "Condition",
            email: `${login}@example.com`,
            customerId: "ACME",
            password: "race-password",
          },
        },
      ),
    );
  }
}, 120_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const onB = <T>(query: string, variables: Record<string, unknown>) =>
  post<T>(b.url, query, variables, cookieB);

describe("concurrent updates through two servers", () => {
  test("100 rounds of phone on one server and city on the other at once: nothing is lost", async () => {
    const lost: string[] = [];
    for (let round = 0; round < 100; round++) {
      const phone = `+31 ${round}`;
      const city = `City ${round}`;
      const [first, second] = await Promise.all([
        a.gql(UPDATE, { login: "race", input: { phone } }),
        onB(UPDATE, { login: "race", input: { city } }),
      ]);
      ok(first);
      ok(second);
      const now = ok(await a.gql<{ customerUser: { phone: string; city: string } }>(READ, { login: "race" }));
      if (now.customerUser.phone !== phone || now.customerUser.city !== city) {
        lost.push(`round ${round}: ${JSON.stringify(now.customerUser)}`);
      }
    }
    expect(lost).toEqual([]);
  }, 300_000);

  test("100 rounds of a customer's street on one server and city on the other at once: nothing is lost", async () => {
    const update = `mutation($id: String!, $input: CustomerInput!) { updateCustomer(customerId: $id, input: $input) { customerId } }`;
    const lost: string[] = [];
    for (let round = 0; round < 100; round++) {
      const street = `Street ${round}`;
      const city = `City ${round}`;
      const [first, second] = await Promise.all([
        a.gql(update, { id: "ACME", input: { street } }),
        onB(update, { id: "ACME", input: { city } }),
      ]);
      ok(first);
      ok(second);
      const { customer } = ok(
        await a.gql<{ customer: { street: string; city: string } }>(
          `{ customer(customerId: "ACME") { street city } }`,
        ),
      );
      if (customer.street !== street || customer.city !== city)
        lost.push(`round ${round}: ${JSON.stringify(customer)}`);
    }
    expect(lost).toEqual([]);
  }, 300_000);

  test("two replacements of a user's extra customers at once: both succeed and one set wins whole", async () => {
    for (const id of ["X1", "X2", "X3"]) {
      ok(
        await a.gql(
          `mutation { createCustomer(input: { customerId: "${id}", name: "${id}" }) { customerId } }`,
        ),
      );
    }
    const set = `mutation($ids: [String!]!) { setCustomerUserCustomers(login: "race", customerIds: $ids) { login } }`;
    const mixed: string[] = [];
    for (let round = 0; round < 30; round++) {
      const [first, second] = await Promise.all([
        a.gql(set, { ids: ["X1", "X2"] }),
        onB(set, { ids: round % 2 ? ["X3"] : ["X2", "X3"] }),
      ]);
      ok(first);
      ok(second);
      const { customerUser } = ok(
        await a.gql<{ customerUser: { customers: Array<{ customerId: string }> } }>(
          `{ customerUser(login: "race") { customers { customerId } } }`,
        ),
      );
      const ids = customerUser.customers.map((c) => c.customerId).join(",");
      if (!["X1,X2", round % 2 ? "X3" : "X2,X3"].includes(ids)) mixed.push(`round ${round}: ${ids}`);
    }
    expect(mixed).toEqual([]);
  }, 300_000);

  test("the same expectedChangedAt sent to both servers at once: one wins, the other gets CONFLICT", async () => {
    type Read = { customerUser: { changedAt: string } };
    for (let round = 0; round < 20; round++) {
      const { changedAt } = ok(await a.gql<Read>(READ, { login: "guarded" })).customerUser;
      const responses = await Promise.all([
        a.gql(UPDATE, { login: "guarded", input: { phone: `p${round}` }, at: changedAt }),
        onB(UPDATE, { login: "guarded", input: { city: `c${round}` }, at: changedAt }),
      ]);
      const codes = responses.map((r) => r.errors?.[0]?.extensions?.code ?? "OK").sort();
      expect(codes, `round ${round}`).toEqual(["CONFLICT", "OK"]);
    }
  }, 120_000);
});
