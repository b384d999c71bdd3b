import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ADMIN_PASSWORD, adminApiToken, ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;
let token: string;

beforeAll(async () => {
  t = await startTestServer();
  token = await adminApiToken(t, "ticket system");
  ok(await t.gql(`mutation { createCustomer(input: { customerId: "ACME", name: "ACME" }) { customerId } }`));
  ok(
    await t.gql(
      `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`,
      {
        input: {
          login: "jane",
          firstName: "Jane",
          lastName: "Doe",
          email: "jane@example.com",
          customerId: "ACME",
          password: "jane-password",
        },
      },
    ),
  );
});
afterAll(() => t?.close());

const codes = (errors: Array<{ extensions?: Record<string, unknown> }> | undefined) =>
  (errors ?? []).map((e) => e.extensions?.code);

describe("failed sign-ins are rate-limited (API.md §Limits)", () => {
  test("aliases of authenticateCustomerUser each count: the 6th guess in one request is RATE_LIMITED", async () => {
    const fields = Array.from(
      { length: 8 },
      (_, i) => `a${i}: authenticateCustomerUser(login: "jane", password: "guess-${i}") { login }`,
    );
    const response = await t.raw(`mutation { ${fields.join(" ")} }`, undefined, {
      authorization: `Bearer ${token}`,
    });
    const data = response.body.data as Record<string, unknown>;
    expect([0, 1, 2, 3, 4].map((i) => data[`a${i}`])).toEqual([null, null, null, null, null]);
    expect(codes(response.body.errors)).toEqual(["RATE_LIMITED", "RATE_LIMITED", "RATE_LIMITED"]);
    expect(response.body.errors?.map((e) => e.path)).toEqual([["a5"], ["a6"], ["a7"]]);
    expect(response.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(60);
    // While limited, not even the right password is checked.
    const right = await t.raw(
      `mutation { authenticateCustomerUser(login: "JANE", password: "jane-password") { login } }`,
      undefined,
      { authorization: `Bearer ${token}` },
    );
    expect(codes(right.body.errors)).toEqual(["RATE_LIMITED"]);
    expect(right.body.data).toEqual({ authenticateCustomerUser: null });
  });

  test("login: 5 failures, then RATE_LIMITED with retryAfterSeconds, even for the right password", async () => {
    // login returns Agent!, so the first failing alias ends the request: aliases cannot add guesses.
    const aliased = await t.raw(
      `mutation { ${Array.from({ length: 10 }, (_, i) => `a${i}: login(login: "root@localhost", password: "guess-${i}") { login }`).join(" ")} }`,
    );
    expect(codes(aliased.body.errors)).toEqual(["UNAUTHENTICATED"]);
    for (let i = 0; i < 4; i++) {
      const wrong = await t.raw(
        `mutation { login(login: "root@localhost", password: "wrong-${i}") { login } }`,
      );
      expect(codes(wrong.body.errors)).toEqual(["UNAUTHENTICATED"]);
    }
    const limited = await t.raw(
      `mutation($p: String!) { login(login: "Root@Localhost", password: $p) { login } }`,
      {
        p: ADMIN_PASSWORD,
      },
    );
    expect(codes(limited.body.errors)).toEqual(["RATE_LIMITED"]);
    expect(limited.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(60);
    expect(limited.body.errors?.[0]?.message).toMatch(/try again in 60 seconds/);
    expect(limited.headers.get("set-cookie")).toBeNull();
  });
});

test("the limits are settings: with signInFailuresPerClient 3, the 4th failure from one address waits", async () => {
  const strict = await startTestServer({
    config: { backends: [{ module: "db" }], limits: { signInFailuresPerClient: 3 } },
  });
  try {
    const LOGIN = "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }";
    // Three different accounts, so only the per-address count can stop the fourth.
    for (const login of ["a@example.com", "b@example.com", "c@example.com"]) {
      expect(codes((await strict.raw(LOGIN, { l: login, p: "wrong" })).body.errors)).toEqual([
        "UNAUTHENTICATED",
      ]);
    }
    const fourth = await strict.raw(LOGIN, { l: "root@localhost", p: ADMIN_PASSWORD });
    expect(codes(fourth.body.errors)).toEqual(["RATE_LIMITED"]);
  } finally {
    await strict.close();
  }
});

test("behind a trusted proxy, the per-address count is the forwarded client's, for agents and customer users", async () => {
  const proxied = await startTestServer({
    config: { backends: [{ module: "db" }], limits: { signInFailuresPerClient: 3 } },
    env: { trustProxy: "loopback" },
  });
  try {
    const bearer = `Bearer ${await adminApiToken(proxied, "portal")}`;
    const LOGIN = "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }";
    const CUSTOMER =
      "mutation($l: String!, $p: String!) { authenticateCustomerUser(login: $l, password: $p) { login } }";
    for (const [query, headers] of [
      [LOGIN, {}],
      [CUSTOMER, { authorization: bearer }],
    ] as const) {
      const from = (address: string) => ({ ...headers, "x-forwarded-for": address });
      const client = query === LOGIN ? "203.0.113.7" : "203.0.113.9";
      // Three different accounts from one forwarded address: only the per-address count stops the fourth.
      for (const login of ["a@example.com", "b@example.com", "c@example.com"]) {
        const failed = await proxied.raw(query, { l: login, p: "wrong" }, from(client));
        expect(codes(failed.body.errors)).not.toContain("RATE_LIMITED");
      }
      const fourth = await proxied.raw(query, { l: "d@example.com", p: "wrong" }, from(client));
      expect(codes(fourth.body.errors)).toEqual(["RATE_LIMITED"]);
      // Another client behind the same proxy is not held back by the first one's failures.
      const other = await proxied.raw(query, { l: "d@example.com", p: "wrong" }, from("198.51.100.20"));
      expect(codes(other.body.errors)).not.toContain("RATE_LIMITED");
    }
  } finally {
    await proxied.close();
  }
});
