import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type GraphQLResponse, ok, startTestServer, type TestServer } from "../helpers";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  ok(await t.gql(`mutation { createCustomer(input: { customerId: "acme", name: "Acme" }) { customerId } }`));
});
afterAll(async () => {
  await t?.close();
});

const CREATE_USER = `mutation($input: CustomerUserInput!) {
  createCustomerUser(input: $input) { customerUser { login comment } }
}`;
const user = (extra: Record<string, unknown>) => ({
  login: "jd",
  firstName: "John",
  lastName: "Doe",
  email: "jd@example.com",
  customerId: "acme",
  password: "a good password",
  ...extra,
});

const badInput = (response: GraphQLResponse<unknown>) => failure(response as GraphQLResponse).extensions;

describe("input hygiene for every argument (API.md §Errors)", () => {
  it("refuses a NUL byte in a search, a filter, a lookup and a field, naming it", async () => {
    expect(
      badInput(await t.gql(`query($s: String) { customerUsers(search: $s) { limit } }`, { s: "jo\u0000hn" })),
    ).toEqual({ code: "BAD_USER_INPUT", field: "search" });
    expect(
      badInput(await t.gql(`query($c: String) { customerUsers(customerId: $c) { limit } }`, { c: "\u0000" })),
    ).toEqual({ code: "BAD_USER_INPUT", field: "customerId" });
    expect(badInput(await t.gql(`{ customer(customerId: "a\\u0000b") { name } }`))).toEqual({
      code: "BAD_USER_INPUT",
      field: "customerId",
    });
    expect(badInput(await t.gql(CREATE_USER, { input: user({ email: "jd\u0000@example.com" }) }))).toEqual({
      code: "BAD_USER_INPUT",
      field: "email",
    });
  });

  it("refuses lone UTF-16 surrogates and other control characters, in nested input too", async () => {
    expect(badInput(await t.gql(CREATE_USER, { input: user({ firstName: "Jo\ud800hn" }) }))).toEqual({
      code: "BAD_USER_INPUT",
      field: "firstName",
    });
    expect(badInput(await t.gql(CREATE_USER, { input: user({ lastName: "\udc00" }) }))).toMatchObject({
      field: "lastName",
    });
    expect(badInput(await t.gql(CREATE_USER, { input: user({ city: "Ber\u001blin" }) }))).toMatchObject({
      field: "city",
    });
    expect(
      badInput(
        await t.gql(CREATE_USER, {
          input: user({ attributes: [{ attribute: "UserRoom", value: "1\u0007" }] }),
        }),
      ),
    ).toMatchObject({ field: "value" });
    expect(badInput(await t.gql(CREATE_USER, { input: user({ login: "j\td" }) }))).toMatchObject({
      field: "login",
    });
    const nothing = ok(
      await t.gql<{ customerUsers: { nodes: unknown[] } }>(`{ customerUsers { nodes { login } } }`),
    );
    expect(nothing.customerUsers.nodes).toEqual([]);
  });

  it("allows tab and line breaks in comments (and emoji and RTL text anywhere)", async () => {
    const created = ok(
      await t.gql<{ createCustomerUser: { customerUser: { comment: string } } }>(CREATE_USER, {
        input: user({ comment: "line 1\r\nline 2\tend", firstName: "ﬁ 😀 \u200f\u05d0" }),
      }),
    );
    expect(created.createCustomerUser.customerUser.comment).toBe("line 1\r\nline 2\tend");
    expect(
      badInput(await t.gql(CREATE_USER, { input: user({ login: "x", comment: "a\u0000b" }) })),
    ).toMatchObject({
      field: "comment",
    });
  });

  it("refuses a password over 1,024 characters before hashing it, and accepts 1,024", async () => {
    const long = "p".repeat(1025);
    expect(
      badInput(await t.gql(`mutation { setCustomerUserPassword(login: "jd", password: "${long}") }`)),
    ).toEqual({ code: "BAD_USER_INPUT", field: "password" });
    const anonymous = await t.raw(
      `mutation($p: String!) { login(login: "root@localhost", password: $p) { login } }`,
      {
        p: "x".repeat(1_000_000),
      },
    );
    expect(anonymous.body.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "password" });
    expect(
      ok(await t.gql(`mutation { setCustomerUserPassword(login: "jd", password: "${"p".repeat(1024)}") }`)),
    ).toEqual({
      setCustomerUserPassword: true,
    });
  });

  it("keeps every limit argument between 1 and 10,000", async () => {
    for (const [query, value] of [
      ["query($n: Int) { customers(limit: $n) { limit } }", -5],
      ["query($n: Int) { customers(limit: $n) { limit } }", 0],
      ["query($n: Int) { customers(limit: $n) { limit } }", 1_000_000_000],
      ["query($n: Int) { customerUsers(limit: $n) { limit } }", 10_001],
      ['query($n: Int) { customerUser(login: "jd") { history(limit: $n) { at } } }', -1],
      ['query($n: Int) { customer(customerId: "acme") { history(limit: $n) { at } } }', 0],
    ] as const) {
      expect(badInput(await t.gql(query, { n: value })), `${query} ${value}`).toEqual({
        code: "BAD_USER_INPUT",
        field: "limit",
      });
    }
    expect(badInput(await t.gql("{ customers(limit: -5) { limit } }"))).toEqual({
      code: "BAD_USER_INPUT",
      field: "limit",
    });
    expect(ok(await t.gql("{ customers(limit: 10000) { limit } }"))).toEqual({ customers: { limit: 10000 } });
    expect(ok(await t.gql("{ customers(limit: 1) { limit } }"))).toEqual({ customers: { limit: 1 } });
  });
});
