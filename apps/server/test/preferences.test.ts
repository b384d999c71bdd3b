/**
 * Customer-user preferences over GraphQL: the field, the set mutation with its checks, sign-in, and
 * the DataLoader (a list's preferences cost one SQL statement whatever its length, counted with the
 * postgres.js `debug` hook on the server's own pool).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { type GraphQLResponse, startTestServer, type TestServer } from "./helpers";

let t: TestServer;

/** Signed in as root@localhost, or without any session. */
const gql = async (
  query: string,
  variables: Record<string, unknown> = {},
  signedIn = true,
): Promise<GraphQLResponse> => (signedIn ? t.gql(query, variables) : (await t.raw(query, variables)).body);

const SET = `mutation($login: String!, $p: [PreferenceInput!]!) {
  setCustomerUserPreferences(login: $login, preferences: $p) { login preferences { key value } } }`;

beforeAll(async () => {
  t = await startTestServer({ countStatements: true });
  const created = await gql(
    `mutation { createCustomer(input: { customerId: "acme", name: "Acme" }) { customerId } }`,
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  for (let i = 0; i < 40; i += 1) {
    const login = `pref-${String(i).padStart(2, "0")}`;
    const r = await gql(
      `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`,
      {
        input: {
          login,
          firstName: "Pat",
          lastName: `User ${i}`,
          email: `${login}@acme.test`,
          customerId: "acme",
          password: "correct horse battery",
        },
      },
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    const p = await gql(SET, { login, p: [{ key: "UserLanguage", value: i % 2 ? "nl" : "de" }] });
    if (p.errors) throw new Error(JSON.stringify(p.errors));
  }
});
afterAll(async () => {
  await t?.close();
});

test("setCustomerUserPreferences replaces the set and returns the user with it", async () => {
  const result = await gql(SET, {
    login: "PREF-00",
    p: [
      { key: "UserTimeZone", value: "Europe/Berlin" },
      { key: "UserLanguage", value: "de" },
      { key: "UserRefreshTime", value: null },
    ],
  });
  expect(result.errors).toBeUndefined();
  expect(result.data?.setCustomerUserPreferences).toEqual({
    login: "pref-00",
    preferences: [
      { key: "UserLanguage", value: "de" },
      { key: "UserRefreshTime", value: "" },
      { key: "UserTimeZone", value: "Europe/Berlin" },
    ],
  });
  const read = await gql(`{ customerUser(login: "pref-00") { preferences { key value } } }`);
  expect(read.data?.customerUser).toEqual({
    preferences: [
      { key: "UserLanguage", value: "de" },
      { key: "UserRefreshTime", value: "" },
      { key: "UserTimeZone", value: "Europe/Berlin" },
    ],
  });
});

test("bad input: BAD_USER_INPUT with the field; unknown user: NOT_FOUND; signed out: UNAUTHENTICATED", async () => {
  const bad = await gql(SET, { login: "pref-01", p: [{ key: "UserEmail", value: "x@y.test" }] });
  expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "preferences.0.key" });
  const long = await gql(SET, { login: "pref-01", p: [{ key: "UserLanguage", value: "x".repeat(251) }] });
  expect(long.errors?.[0]?.extensions).toMatchObject({
    code: "BAD_USER_INPUT",
    field: "preferences.0.value",
  });
  const missing = await gql(SET, { login: "nobody", p: [] });
  expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  const anonymous = await gql(SET, { login: "pref-01", p: [] }, false);
  expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  const read = await gql(`{ customerUser(login: "pref-01") { preferences { key value } } }`);
  expect(read.data?.customerUser).toEqual({ preferences: [{ key: "UserLanguage", value: "nl" }] });
});

async function statements(query: string) {
  const counter = t.counter!;
  counter.queries = 0;
  const result = await gql(query);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  const list = result.data?.customerUsers as { nodes: unknown[] } | undefined;
  if (!list) throw new Error("no customerUsers in the answer");
  return { queries: counter.queries, nodes: list.nodes };
}

test("a list's preferences are loaded in one statement, whatever its length", async () => {
  const list = (limit: number, fields: string) =>
    `{ customerUsers(search: "pref-*", limit: ${limit}) { nodes { login ${fields} } } }`;
  await statements(list(5, "preferences { key value }")); // warm-up
  const extra: number[] = [];
  for (const limit of [5, 40]) {
    const without = await statements(list(limit, ""));
    const withPreferences = await statements(list(limit, "preferences { key value }"));
    expect(withPreferences.nodes).toHaveLength(limit);
    extra.push(withPreferences.queries - without.queries);
  }
  expect(extra).toEqual([1, 1]);
  const all = await statements(list(40, "preferences { key value }"));
  expect(all.nodes[39]).toEqual({ login: "pref-39", preferences: [{ key: "UserLanguage", value: "nl" }] });
});
