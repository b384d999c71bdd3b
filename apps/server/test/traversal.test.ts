import {
  buildASTSchema,
  concatAST,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
} from "graphql";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadTypeDefs } from "../src/graphql/schema";
import { adminApiToken, ok, startTestServer, type TestServer } from "./helpers";

/**
 * Builds, from the server's own SDL, a query for every root field and every nested object path
 * below it (to MAX_DEPTH object levels), and checks that none of them answers anything without an
 * agent session or API token — in particular not with a customer user's own credentials.
 */

const MAX_DEPTH = 5;
/** The only root fields anyone may call. */
const PUBLIC = new Set(["login", "logout", "me"]);

const schema = buildASTSchema(concatAST(loadTypeDefs().map((sdl) => parse(sdl))));

const CUSTOMER = { login: "alice", password: "Alice-secret-42" };

/** A literal for an argument of the given type; root `login`/`password` carry the customer user's real credentials. */
function literal(type: GraphQLInputType, name: string): string {
  if (isNonNullType(type)) return literal(type.ofType, name);
  if (isListType(type)) return `[${literal(type.ofType, name)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter(
      (f) => isNonNullType(f.type) && f.defaultValue === undefined,
    );
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, f.name)}`).join(", ")} }`;
  }
  switch (getNamedType(type).name) {
    case "Int":
    case "Float":
      return "1";
    case "Boolean":
      return "true";
    case "DateTime":
      return JSON.stringify("2020-01-01T00:00:00.000Z");
    default:
      if (name === "login") return JSON.stringify(CUSTOMER.login);
      if (name === "password") return JSON.stringify(CUSTOMER.password);
      return JSON.stringify("x");
  }
}

/**
 * Required arguments, plus `limit`/`first` of 1 where a field takes them: a probe must stay under the
 * cost limit, or it would be refused as QUERY_TOO_COMPLEX before the sign-in check it is here to test.
 */
const PAGE_SIZE_ARGS = new Set(["limit", "first"]);
const args = (list: readonly GraphQLArgument[]): string => {
  const given = list.filter(
    (a) => (isNonNullType(a.type) && a.defaultValue === undefined) || PAGE_SIZE_ARGS.has(a.name),
  );
  return given.length === 0
    ? ""
    : `(${given.map((a) => `${a.name}: ${literal(a.type, a.name)}`).join(", ")})`;
};

const call = (field: GraphQLField<unknown, unknown>) => `${field.name}${args(field.args)}`;

/** Every leaf field of a type, with its required arguments. */
const leaves = (type: GraphQLObjectType): string =>
  [
    "__typename",
    ...Object.values(type.getFields())
      .filter((f) => isLeafType(getNamedType(f.type)))
      .map(call),
  ].join(" ");

/** Selections for every object path below `type`, each ending in all leaves of the last type. */
function paths(type: GraphQLObjectType, depth: number): string[] {
  const out = [leaves(type)];
  if (depth === 0) return out;
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (!isObjectType(named)) continue;
    for (const inner of paths(named, depth - 1)) out.push(`${call(field)} { ${inner} }`);
  }
  return out;
}

interface Probe {
  root: string;
  query: string;
}

function probes(): Probe[] {
  const out: Probe[] = [];
  for (const [operation, rootType] of [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(rootType!.getFields())) {
      if (PUBLIC.has(field.name)) continue;
      const named = getNamedType(field.type);
      const selections = isObjectType(named) ? paths(named, MAX_DEPTH - 1).map((p) => `{ ${p} }`) : [""];
      for (const selection of selections) {
        out.push({ root: field.name, query: `${operation} { ${call(field)} ${selection} }` });
      }
    }
  }
  return out;
}

let t: TestServer;
const all = probes();

beforeAll(async () => {
  t = await startTestServer();
  // Two companies, each with a user, and one group both are granted: before, alice's own answer
  // led through that group to bob, his comment and his audit history.
  for (const id of ["ALPHA", "BETA"]) {
    ok(
      await t.gql(
        `mutation { createCustomer(input: { customerId: "${id}", name: "${id}" }) { customerId } }`,
      ),
    );
  }
  const create = `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`;
  const person = (login: string, customerId: string, password: string) => ({
    input: {
      login,
      firstName: login,
      lastName: "Example",
      email: `${login}@example.com`,
      customerId,
      password,
      comment: `secret note about ${login}`,
    },
  });
  ok(
    await t.gql(`mutation { updateSettings(input: { customerGroupSupport: true, customerGroupAlwaysGroups: [],
      customerGroupCompanyAlwaysGroups: [] }) { customerGroupSupport } }`),
  );
  ok(await t.gql(create, person(CUSTOMER.login, "ALPHA", CUSTOMER.password)));
  ok(await t.gql(create, person("bob", "BETA", "Bob-secret-42")));
  const group = ok(
    await t.gql<{ createGroup: { id: string } }>(
      `mutation { createGroup(input: { name: "shared" }) { id } }`,
    ),
  ).createGroup.id;
  ok(
    await t.gql(
      `mutation($id: ID!) { setGroupCustomerUsers(groupId: $id, grants: [
        { login: "alice", permissions: [RO] }, { login: "bob", permissions: [RW] }]) { id } }`,
      { id: group },
    ),
  );
}, 60_000);
afterAll(() => t?.close());

/** Each probe must be refused before anything runs: UNAUTHENTICATED, no data at all. */
async function expectRefused(headers: Record<string, string>): Promise<void> {
  const leaked: string[] = [];
  const queue = [...all];
  // A few requests in flight at a time: the refusals are cheap, the round trips are not.
  const worker = async () => {
    for (let probe = queue.shift(); probe; probe = queue.shift()) {
      const response = await t.raw(probe.query, undefined, headers);
      const codes = (response.body.errors ?? []).map((e) => e.extensions?.code);
      if (response.body.data != null || codes.length === 0 || codes.some((c) => c !== "UNAUTHENTICATED")) {
        leaked.push(`${probe.query}\n  → ${JSON.stringify(response.body).slice(0, 300)}`);
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  expect(leaked, leaked.slice(0, 5).join("\n")).toEqual([]);
}

describe("every root field and nested path needs an agent session or API token", () => {
  test("the probes cover every non-public root field and are valid queries", () => {
    const roots = new Set(all.map((p) => p.root));
    for (const type of [schema.getQueryType()!, schema.getMutationType()!]) {
      for (const name of Object.keys(type.getFields())) if (!PUBLIC.has(name)) expect(roots).toContain(name);
    }
    expect(all.length).toBeGreaterThan(200);
    // A valid query proves the refusal below comes from the sign-in check, not from validation.
    const invalid = all.filter((p) => validate(schema, parse(p.query)).length > 0).map((p) => p.query);
    expect(invalid).toEqual([]);
    // authenticateCustomerUser is probed with the customer user's real credentials.
    expect(
      all.some((p) =>
        p.query.includes(`authenticateCustomerUser(login: "alice", password: "Alice-secret-42")`),
      ),
    ).toBe(true);
    expect(
      all.some((p) => p.root === "customerUser" && /groups \{ group \{ customerUsers/.test(p.query)),
    ).toBe(true);
  });

  test("without any credentials", async () => {
    await expectRefused({});
  }, 600_000);

  test("with only a customer user's credentials", async () => {
    // A customer user is no agent: login refuses them and sets no cookie.
    const signIn = await t.raw(
      `mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }`,
      {
        l: CUSTOMER.login,
        p: CUSTOMER.password,
      },
    );
    expect(signIn.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(signIn.headers.get("set-cookie")).toBeNull();
    const basic = Buffer.from(`${CUSTOMER.login}:${CUSTOMER.password}`).toString("base64");
    await expectRefused({ authorization: `Basic ${basic}` });
    await expectRefused({ authorization: `Bearer ${CUSTOMER.password}` });
    await expectRefused({ cookie: `clientele_session=${encodeURIComponent(CUSTOMER.password)}` });
  }, 600_000);

  test("the narrow identity, with an API token, names nothing beyond the user", async () => {
    const token = await adminApiToken(t, "integration");
    const response = await t.raw(
      `mutation($l: String!, $p: String!) { authenticateCustomerUser(login: $l, password: $p) {
        login source firstName lastName fullName email customerId customerIds valid
        permissions { group permissions } services } }`,
      { l: "ALICE", p: CUSTOMER.password },
      { authorization: `Bearer ${token}` },
    );
    expect(response.body).toEqual({
      data: {
        authenticateCustomerUser: {
          login: "alice",
          source: "CustomerUser",
          firstName: "alice",
          lastName: "Example",
          fullName: "alice Example",
          email: "alice@example.com",
          customerId: "ALPHA",
          customerIds: ["ALPHA"],
          valid: "VALID",
          permissions: [{ group: "shared", permissions: ["RO"] }],
          services: [],
        },
      },
    });
    // Nothing in the type leads anywhere: every field is a scalar, a list of scalars or IdentityPermission.
    const identity = schema.getType("CustomerUserIdentity") as GraphQLObjectType;
    for (const field of Object.values(identity.getFields())) {
      const named = getNamedType(field.type);
      if (isObjectType(named)) {
        expect(named.name).toBe("IdentityPermission");
        for (const inner of Object.values(named.getFields()))
          expect(isLeafType(getNamedType(inner.type))).toBe(true);
      }
    }
  });
});
