import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ADMIN_PASSWORD, failure, ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

describe("authentication", () => {
  test("every operation but login, logout and me refuses UNAUTHENTICATED", async () => {
    for (const op of [
      `{ customerUsers { limit } }`,
      `{ customers { limit } }`,
      `{ customerUser(login: "x") { login } }`,
      `{ customerUserSources { id } }`,
      `mutation { createCustomer(input: { customerId: "A", name: "A" }) { customerId } }`,
      `mutation { updateCustomerUser(login: "x", input: {}) { login } }`,
      `mutation { authenticateCustomerUser(login: "x", password: "y") { login } }`,
      `{ __schema { queryType { name } } }`,
    ]) {
      const response = await t.raw(op);
      expect(response.status, op).toBe(401);
      expect(response.body.errors?.[0]?.extensions?.code, op).toBe("UNAUTHENTICATED");
      expect(response.body.data ?? null).toBeNull();
    }
    const me = await t.raw(`{ me { login } }`);
    expect(me.body).toEqual({ data: { me: null } });
  });

  test("login: wrong password → UNAUTHENTICATED; right one sets an httpOnly SameSite=Strict cookie", async () => {
    const wrong = await t.raw(`mutation { login(login: "root@localhost", password: "nope") { login } }`);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const right = await t.raw(
      `mutation($p: String!) { login(login: "ROOT@localhost", password: $p) { login } }`,
      {
        p: ADMIN_PASSWORD,
      },
    );
    expect(right.body).toEqual({ data: { login: { login: "root@localhost" } } });
    const cookie = right.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(";")[0]!;
    expect((await t.raw(`{ me { login } }`, {}, { cookie: session })).body).toEqual({
      data: { me: { login: "root@localhost" } },
    });
    await t.raw(`mutation { logout }`, {}, { cookie: session });
    expect((await t.raw(`{ customers { limit } }`, {}, { cookie: session })).status).toBe(401);
  });

  test("Bearer API tokens from the CLI work; unknown tokens do not", async () => {
    const agents = t.server.clientele.agents;
    const { token } = await agents.createApiToken(await agents.actorByLogin(), { name: "integration" });
    const withToken = await t.raw(`{ customers { limit } }`, {}, { authorization: `Bearer ${token}` });
    expect(withToken.body).toEqual({ data: { customers: { limit: 1000 } } });
    const wrong = await t.raw(`{ customers { limit } }`, {}, { authorization: "Bearer not-a-token" });
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  test("CSRF prevention: a simple cross-site form post is refused", async () => {
    const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent("{ me { login } }")}`, {
      method: "GET",
      headers: { "content-type": "text/plain" },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF|preflight/i);
  });

  test("GraphQL errors for bad enum values and scalars are BAD_USER_INPUT", async () => {
    const error = failure(
      await t.gql(`query($v: ValidState) { customerUsers(valid: $v) { limit } }`, { v: "DELETED" }),
    );
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    const date = failure(
      await t.gql(
        `mutation($at: DateTime) { updateCustomer(customerId: "x", input: {}, expectedChangedAt: $at) { name } }`,
        {
          at: "yesterday",
        },
      ),
    );
    expect(date.extensions?.code).toBe("BAD_USER_INPUT");
    ok(await t.gql(`{ me { login } }`));
  });
});
