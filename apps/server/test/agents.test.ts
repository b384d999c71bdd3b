import { sql } from "drizzle-orm";
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadTypeDefs } from "../src/graphql/schema";
import { failure, ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const schema = buildSchema(loadTypeDefs().join("\n"));
const mutationFields = Object.values(schema.getMutationType()!.getFields());
const queryFields = Object.values(schema.getQueryType()!.getFields());
const EVERY_ROLE = new Set(["login", "logout", "authenticateCustomerUser"]);
/** Queries the domain keeps for ADMINs: a data-protection export is personal data (docs/domain.md). */
const ADMIN_ONLY_QUERIES = new Set(["exportCustomerUserData"]);

/** A syntactically valid value for a required argument, so the request reaches the guard. */
function sample(type: GraphQLInputType): string {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return "[]";
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${required.map((f) => `${f.name}: ${sample(f.type)}`).join(", ")} }`;
  }
  if (isScalarType(type)) {
    if (type.name === "Int" || type.name === "Float") return "1";
    if (type.name === "Boolean") return "true";
    if (type.name === "DateTime") return '"2099-01-01T00:00:00Z"';
    return '"1"';
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** The field with every required argument and a minimal selection. */
function call(field: GraphQLField<unknown, unknown>): string {
  const args = field.args
    .filter((a: GraphQLArgument) => isNonNullType(a.type))
    .map((a) => `${a.name}: ${sample(a.type)}`);
  const named = getNamedType(field.type);
  return `${field.name}${args.length ? `(${args.join(", ")})` : ""}${isObjectType(named) ? " { __typename }" : ""}`;
}

const CREATE_AGENT = `mutation($input: AgentInput!) { createAgent(input: $input) { agent { id login role } generatedPassword } }`;

async function signIn(login: string, password: string): Promise<string> {
  const response = await t.raw(
    `mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }`,
    {
      l: login,
      p: password,
    },
  );
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`);
  return cookie;
}

let readerCookie: string;
let readerToken: string;
let readerId: string;
let readerPassword: string;

describe("READ_ONLY agents and tokens", () => {
  beforeAll(async () => {
    const created = ok(
      await t.gql<{ createAgent: { agent: { id: string }; generatedPassword: string } }>(CREATE_AGENT, {
        input: { login: "reader", firstName: "Rea", lastName: "Der", role: "READ_ONLY" },
      }),
    ).createAgent;
    readerId = created.agent.id;
    readerPassword = created.generatedPassword;
    readerCookie = await signIn("reader", created.generatedPassword);
    readerToken = ok(
      await t.gql<{ createApiToken: { token: string } }>(
        `mutation { createApiToken(name: "reading", role: READ_ONLY) { token apiToken { role } } }`,
      ),
    ).createApiToken.token;
  });

  test("the schema has mutations to check", () => {
    expect(mutationFields.length).toBeGreaterThan(20);
    expect(mutationFields.map((f) => f.name)).toContain("createAgent");
  });

  for (const [who, headers] of [
    ["READ_ONLY agent", () => ({ cookie: readerCookie })],
    ["READ_ONLY token", () => ({ authorization: `Bearer ${readerToken}` })],
  ] as const) {
    test(`${who}: every mutation but login/logout/authenticateCustomerUser is FORBIDDEN, nothing written`, async () => {
      const before = ok(await t.gql<{ agents: unknown[] }>(`{ agents { id login role valid } }`));
      for (const field of mutationFields.filter((f) => !EVERY_ROLE.has(f.name))) {
        const op = `mutation { ${call(field)} }`;
        const response = await t.raw(op, {}, headers());
        expect(response.body.errors?.[0]?.extensions?.code, op).toBe("FORBIDDEN");
        expect(response.body.data ?? null, op).toBeNull();
      }
      // A fragment at the root cannot hide a mutation.
      const hidden = await t.raw(
        `mutation { ... on Mutation { createGroup(input: { name: "hidden" }) { id } } }`,
        {},
        headers(),
      );
      expect(hidden.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(ok(await t.gql(`{ agents { id login role valid } }`))).toEqual(before);
      expect(ok(await t.gql<{ groups: unknown[] }>(`{ groups { name } }`)).groups).not.toContainEqual({
        name: "hidden",
      });
    });

    test(`${who}: every query but the personal-data export runs, and authenticateCustomerUser is allowed`, async () => {
      for (const field of queryFields) {
        const op = `{ ${call(field)} }`;
        const response = await t.raw(op, {}, headers());
        const codes = (response.body.errors ?? []).map((e) => e.extensions?.code);
        if (ADMIN_ONLY_QUERIES.has(field.name)) {
          expect(codes, op).toEqual(["FORBIDDEN"]);
          continue;
        }
        expect(codes, op).not.toContain("FORBIDDEN");
        expect(codes, op).not.toContain("UNAUTHENTICATED");
        expect(codes, op).not.toContain("INTERNAL_SERVER_ERROR");
      }
      const auth = await t.raw(
        `mutation { authenticateCustomerUser(login: "nobody", password: "x") { login } }`,
        {},
        headers(),
      );
      expect(auth.body).toEqual({ data: { authenticateCustomerUser: null } });
    });
  }

  test("me shows the role; a READ_ONLY token of an ADMIN is READ_ONLY", async () => {
    expect((await t.raw(`{ me { login role valid } }`, {}, { cookie: readerCookie })).body).toEqual({
      data: { me: { login: "reader", role: "READ_ONLY", valid: "VALID" } },
    });
    expect(
      (await t.raw(`{ me { login role } }`, {}, { authorization: `Bearer ${readerToken}` })).body,
    ).toEqual({ data: { me: { login: "root@localhost", role: "READ_ONLY" } } });
    expect(ok(await t.gql(`{ me { login role } }`))).toEqual({
      me: { login: "root@localhost", role: "ADMIN" },
    });
  });

  test("a READ_ONLY agent may still log out", async () => {
    const response = await t.raw(`mutation { logout }`, {}, { cookie: readerCookie });
    expect(response.body).toEqual({ data: { logout: true } });
    expect((await t.raw(`{ me { login } }`, {}, { cookie: readerCookie })).body).toEqual({
      data: { me: null },
    });
  });
});

describe("agent management", () => {
  test("createAgent: duplicate login case-insensitively is CONFLICT, bad input names the field", async () => {
    const dup = failure(
      await t.gql(CREATE_AGENT, {
        input: { login: "READER", firstName: "a", lastName: "b", password: "pw" },
      }),
    );
    expect(dup.extensions).toMatchObject({ code: "CONFLICT", field: "login" });
    const long = failure(
      await t.gql(CREATE_AGENT, {
        input: { login: "x", firstName: "a", lastName: "b", password: "p".repeat(1025) },
      }),
    );
    expect(long.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "password" });
    const hostile = failure(
      await t.gql(CREATE_AGENT, { input: { login: "x\u0000y", firstName: "\ud800", lastName: "b" } }),
    );
    expect(hostile.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "login" });
    expect(ok(await t.gql<{ agents: Array<{ login: string }> }>(`{ agents { login } }`)).agents).toHaveLength(
      2,
    );
  });

  test("the last valid ADMIN cannot be demoted or made invalid", async () => {
    const me = ok(await t.gql<{ me: { id: string } }>(`{ me { id } }`)).me;
    const UPDATE = `mutation($id: ID!, $input: AgentInput!) { updateAgent(id: $id, input: $input) { role valid } }`;
    expect(
      failure(await t.gql(UPDATE, { id: me.id, input: { role: "READ_ONLY" } })).extensions,
    ).toMatchObject({
      code: "PRECONDITION_FAILED",
      params: { reason: "lastAdmin" },
    });
    expect(failure(await t.gql(UPDATE, { id: me.id, input: { valid: "INVALID" } })).extensions?.code).toBe(
      "PRECONDITION_FAILED",
    );
    // Promote the reader; then root may step down and back up.
    expect(ok(await t.gql(UPDATE, { id: readerId, input: { role: "ADMIN" } }))).toEqual({
      updateAgent: { role: "ADMIN", valid: "VALID" },
    });
    expect(
      ok(await t.gql(UPDATE, { id: readerId, input: { role: "READ_ONLY", firstName: "Reader" } })),
    ).toEqual({
      updateAgent: { role: "READ_ONLY", valid: "VALID" },
    });
    const missing = failure(await t.gql(UPDATE, { id: "999999", input: { firstName: "x" } }));
    expect(missing.extensions?.code).toBe("NOT_FOUND");
  });

  test("setAgentPassword ends the agent's other sessions but keeps the caller's", async () => {
    const { createAgent } = ok(
      await t.gql<{ createAgent: { agent: { id: string } } }>(CREATE_AGENT, {
        input: { login: "twice", firstName: "T", lastName: "W", role: "ADMIN", password: "first-pw" },
      }),
    );
    const a = await signIn("twice", "first-pw");
    const b = await signIn("twice", "first-pw");
    const set = await t.raw(
      `mutation($id: ID!) { setAgentPassword(id: $id, password: "second-pw") }`,
      { id: createAgent.agent.id },
      { cookie: a },
    );
    expect(set.body).toEqual({ data: { setAgentPassword: true } });
    expect((await t.raw(`{ me { login } }`, {}, { cookie: a })).body).toEqual({
      data: { me: { login: "twice" } },
    });
    expect((await t.raw(`{ me { login } }`, {}, { cookie: b })).body).toEqual({ data: { me: null } });
    await signIn("twice", "second-pw");
  });
});

describe("API tokens", () => {
  const CREATE = `mutation($name: String!, $role: AgentRole!, $at: DateTime) {
    createApiToken(name: $name, role: $role, expiresAt: $at) { token apiToken { id name role revoked expiresAt } } }`;

  test("listed without the token; revoked and expired tokens are refused", async () => {
    const created = ok(
      await t.gql<{ createApiToken: { token: string; apiToken: { id: string } } }>(CREATE, {
        name: "ticket system",
        role: "ADMIN",
      }),
    ).createApiToken;
    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await t.raw(`{ me { login role } }`, {}, bearer)).body.data).toEqual({
      me: { login: "root@localhost", role: "ADMIN" },
    });
    const list = await t.gql(`{ apiTokens { id name role revoked lastUsedAt } }`);
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect(
      ok(
        await t.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { revoked } }`, {
          id: created.apiToken.id,
        }),
      ),
    ).toEqual({ revokeApiToken: { revoked: true } });
    const refused = await t.raw(`{ customers { limit } }`, {}, bearer);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const past = failure(await t.gql(CREATE, { name: "old", role: "ADMIN", at: "2000-01-01T00:00:00Z" }));
    expect(past.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "expiresAt" });
    // An expiry that has passed: set in the database, as no one waits for a token to run out.
    const expiring = ok(
      await t.gql<{ createApiToken: { token: string; apiToken: { id: string } } }>(CREATE, {
        name: "short",
        role: "ADMIN",
        at: "2099-01-01T00:00:00Z",
      }),
    ).createApiToken;
    const expiringBearer = { authorization: `Bearer ${expiring.token}` };
    expect((await t.raw(`{ customers { limit } }`, {}, expiringBearer)).body.data).toEqual({
      customers: { limit: 1000 },
    });
    await t.database.db.execute(
      sql`UPDATE clientele.api_token SET expires_at = now() - interval '1 second' WHERE id = ${Number(expiring.apiToken.id)}`,
    );
    // A change made outside Clientele reaches the token's remembered row within a second.
    await expect
      .poll(
        async () =>
          (await t.raw(`{ customers { limit } }`, {}, expiringBearer)).body.errors?.[0]?.extensions?.code,
        { timeout: 10_000, interval: 100 },
      )
      .toBe("UNAUTHENTICATED");
  });

  test("sign-in refuses a user without a role in admin", async () => {
    await signIn("reader", readerPassword);
    await t.database.db.execute(
      sql`DELETE FROM group_user WHERE user_id = ${Number(readerId)} AND permission_key IN ('rw', 'ro')`,
    );
    const refused = await t.raw(`mutation($p: String!) { login(login: "reader", password: $p) { login } }`, {
      p: readerPassword,
    });
    expect(refused.body.errors?.[0]).toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
      message: expect.stringMatching(/not an agent of Clientele/),
    });
  });
});
