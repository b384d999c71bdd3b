import { queryRows } from "@clientele/domain";
import { sql } from "drizzle-orm";
import {
  buildClientSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  getVariableValues,
  type IntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type OperationDefinitionNode,
  parse,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ok, startTestServer, type TestServer } from "../helpers";

/**
 * Hostile input against every argument of every query and mutation, as the admin and anonymously,
 * over HTTP: never a 5xx, never INTERNAL_SERVER_ERROR, and the database exactly as before.
 */

/** Each sweep sends thousands of requests; on a loaded 2-core machine one takes minutes. */
const SWEEP_TIMEOUT = 600_000;

// --- the corpus -------------------------------------------------------------------------------

/** Characters no field accepts: C0 controls other than tab/LF/CR, DEL, lone surrogates. */
const REFUSED_EVERYWHERE: string[] = [
  ...Array.from({ length: 0x20 }, (_, c) => c)
    .filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d)
    .map((c) => `a${String.fromCharCode(c)}b`),
  "\u007f",
  "\u0000",
  "\u0000\u0000\u0000",
  `${"x".repeat(500)}\u0000`,
  "john\u0000*",
  "*)(uid=*\u0000",
  "\ud800",
  "\udfff",
  "a\ud83db",
  "\ude00\ud83d",
  `${"😀".repeat(10)}\ud83d`,
  "\ud800\ud800",
];

/** Tab and line breaks: refused except in `comment` and `password`. */
const LINE_BREAKS = ["a\tb", "a\nb", "a\r\nb", "\n", "line\rbreak"];

/** Legitimate but hostile text: search syntax, SQL, LDAP filters, unicode, oversized values. */
const HOSTILE_TEXT: string[] = [
  // search syntax
  "*",
  "**",
  "***",
  "%",
  "%%",
  "_",
  "__",
  "\\",
  "\\\\",
  "\\*",
  "\\%",
  "\\_",
  "'",
  '"',
  "''",
  '""',
  '"john',
  'john"',
  '"john doe',
  "'john",
  "OR",
  "AND",
  "NOT",
  "!",
  "!!",
  "!john",
  "john OR doe",
  "john AND doe",
  "-john",
  "+john",
  "*john*",
  "j*n",
  "%john%",
  "j_hn",
  "(",
  ")",
  "()",
  "[",
  "]",
  "[a-z]",
  "{",
  "}",
  "^",
  "$",
  ".*",
  "(?=a)",
  "a{1000000}",
  "|",
  "&",
  "~",
  "?",
  ":",
  ";",
  ",",
  " ",
  "   ",
  "",
  // SQL
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE customer_user; --",
  '"; DROP TABLE customer_company; --',
  "1; DELETE FROM users",
  "' UNION SELECT login, pw FROM users --",
  "\\'; SELECT pg_sleep(0); --",
  "$1",
  "$$",
  "E'\\x00'",
  "::text",
  "ILIKE",
  "%' ESCAPE '\\",
  // LDAP filters and DNs
  "*)(uid=*",
  ")(|(uid=*))",
  "*)(|(objectClass=*)",
  "admin)(&)",
  "\\2a",
  "\\28",
  "\\29",
  "\\5c",
  "\\00",
  "cn=admin,dc=example,dc=com",
  "uid=*,ou=people",
  "#",
  "=",
  "<",
  ">",
  "~=",
  ">=",
  "(&(uid=*)(mail=*))",
  // unicode
  "\u202e",
  "abc\u202edef",
  "\u200f\u05d0\u05d1",
  "\u200b",
  "a\u200bb",
  "\ufeff",
  "\u200d",
  "e\u0301",
  "\u0301",
  "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359",
  "😀",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  "𝕏𝕪𝕫",
  "日本語",
  "İstanbul",
  "ß",
  "ﬁ",
  "Ω",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\u3000",
  "\uffff",
  "\ufffd",
  "😀".repeat(5000),
  // oversized
  "a".repeat(256),
  "a".repeat(10_000),
  "a".repeat(100_000),
  "*".repeat(10_000),
  "%".repeat(10_000),
  "\\".repeat(10_001),
  '"'.repeat(1001),
  "(".repeat(10_000),
  "john ".repeat(2000),
  "a b c d e f g h i j k l m n o p q r s t u v w x y z ".repeat(100),
  // other injection shapes
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "{{7*7}}",
  "$" + "{7*7}",
  "#{7*7}",
  "%s%s%s%n",
  "%x%x",
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "file:///etc/passwd",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e309",
  "0x7fffffff",
  "true",
  "[]",
  "{}",
  '{"$gt": ""}',
  "[object Object]",
  "@",
  "@@",
  "a@",
  "@b",
  "a@b@c",
  "root@localhost",
  "ROOT@LOCALHOST",
  " root@localhost ",
  "CustomerUser",
  "CustomerUser99",
  "ldap",
  "db",
  // forged paging cursors (base64url JSON, as `endCursor` looks): another list's, a NUL key, a huge key, not JSON
  Buffer.from(JSON.stringify({ t: "customer", l: "acme", k: "ACME" })).toString("base64url"),
  Buffer.from(JSON.stringify({ t: "customerUser", l: "a\u0000", k: "a\u0000" })).toString("base64url"),
  Buffer.from(JSON.stringify({ t: "customerUser", l: "x".repeat(5000), k: "x".repeat(5000) })).toString(
    "base64url",
  ),
  Buffer.from('{"t":"customerUser","l":').toString("base64url"),
];

/** Values of the wrong type for a String, Int or list argument. */
const WRONG_TYPES: unknown[] = [
  1,
  -1,
  1.5,
  true,
  {},
  { a: 1 },
  [],
  ["a"],
  [[["a"]]],
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER,
  "1",
  JSON.parse('{"__proto__": {"admin": true}}'),
  { constructor: { prototype: { polluted: 1 } } },
];

const INTS: unknown[] = [-1, 0, 1, 10_000, 10_001, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 1.5, "5", null];

/** GraphQL documents of hostile shape, sent as they are. */
const aliasBomb = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ")} }`;
const deep = (n: number) => {
  let s = "login";
  for (let i = 0; i < n; i++) s = i % 2 ? `customerUsers { ${s} }` : `customer { ${s} }`;
  return `{ customerUser(login: "x") { ${s} } }`;
};
const SHAPES: string[] = [
  aliasBomb(31),
  aliasBomb(1000),
  aliasBomb(3000),
  deep(12),
  deep(40),
  deep(200),
  "{ customerUsers { nodes { customers { customerUsers { customers { customerUsers { login } } } } } } }",
  "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
  "query { ...A } fragment A on Query { ...A }",
  "query { ...Missing }",
  `{ version ${Array.from({ length: 50 }, () => "@include(if: true)").join(" ")} }`,
  `{ version ${Array.from({ length: 2000 }, () => "@skip(if: false)").join(" ")} }`,
  `{ ${"version ".repeat(2000)} }`,
  `{ ${"__typename ".repeat(2400)} }`,
  `query ${"($a: Int)".repeat(1)} { version }`,
  `query(${Array.from({ length: 500 }, (_, i) => `$v${i}: String`).join(", ")}) { version }`,
  "{",
  "}",
  "{ version",
  "query query query",
  "mutation { }",
  "subscription { version }",
  "{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }",
  '{ __type(name: "Customer") { name } }',
  "{ customerUsers(search: 123) { limit } }",
  '{ customerUsers(limit: "a") { limit } }',
  "{ customerUsers(limit: 99999999999999999999) { limit } }",
  "{ customerUsers(nope: 1) { limit } }",
  '{ customer(customerId: "\\u0000") { name } }',
  '{ customer(customerId: "\\uD800") { name } }',
  '{ customer(customerId: """block \\""" string""") { name } }',
  "{ customers(limit: -5) { limit } }",
  "# only a comment",
  "",
  `{ customers(search: "${"a".repeat(100_000)}") { limit } }`,
  "query A { version } query A { version }",
  "query A { version } query B { version }",
  '{ customerUser(login: "x") { customer { customerUsers { customer { customerUsers { customer { name } } } } } } }',
];

// --- schema-driven requests ---------------------------------------------------------------------

interface Target {
  operation: "query" | "mutation";
  field: GraphQLField<unknown, unknown>;
  /** Path into the arguments: argument name, then input field names. */
  path: string[];
  /** The GraphQL type at the end of the path. */
  type: GraphQLInputType;
}

/** A harmless value for a type (used for every argument not under test). */
function benign(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [benign(nullable.ofType)];
  if (isInputObjectType(nullable)) {
    return Object.fromEntries(
      Object.values(nullable.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, benign(f.type)]),
    );
  }
  if (isEnumType(nullable)) return nullable.getValues()[0]?.name;
  switch (nullable.name) {
    case "Int":
      return 1;
    case "Boolean":
      return false;
    case "DateTime":
      return "2020-01-01T00:00:00.000Z";
    case "ID":
      return "999999";
    default:
      return "no-such-thing";
  }
}

/**
 * A value of `type` with `value` at `path` (input field names) and harmless values elsewhere;
 * lists on the way get one element.
 */
function place(type: GraphQLInputType, path: string[], value: unknown): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return path.length === 0 && typeof value !== "string" ? value : [place(nullable.ofType, path, value)];
  }
  const [key, ...rest] = path;
  if (key === undefined || !isInputObjectType(nullable)) return value;
  const inner = nullable.getFields()[key];
  if (!inner) throw new Error(`no input field ${key} on ${nullable.name}`);
  return { ...(benign(nullable) as Record<string, unknown>), [key]: place(inner.type, rest, value) };
}

/** Every argument path ending in a scalar, through input objects and lists. */
function targets(schema: GraphQLSchema): Target[] {
  const result: Target[] = [];
  const walk = (
    operation: Target["operation"],
    field: GraphQLField<unknown, unknown>,
    path: string[],
    type: GraphQLInputType,
  ) => {
    const named = getNamedType(type);
    if (isInputObjectType(named)) {
      for (const inner of Object.values(named.getFields()))
        walk(operation, field, [...path, inner.name], inner.type);
    } else {
      result.push({ operation, field, path, type });
    }
  };
  for (const [operation, root] of [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      for (const arg of field.args) walk(operation, field, [arg.name], arg.type);
    }
  }
  return result;
}

/** The request for a target with `value` at its path and harmless values elsewhere. */
function request(target: Target, value: unknown): { query: string; variables: Record<string, unknown> } {
  const args: GraphQLArgument[] = [...target.field.args];
  const variables: Record<string, unknown> = {};
  for (const arg of args)
    variables[arg.name] =
      isNonNullType(arg.type) || arg.name === target.path[0] ? benign(arg.type) : undefined;
  const [first, ...rest] = target.path;
  const arg = args.find((a) => a.name === first) as GraphQLArgument;
  variables[arg.name] = place(arg.type, rest, value);
  const returns = getNamedType(target.field.type);
  const selection = isLeafType(returns) ? "" : "{ __typename }";
  const definitions = args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const call = args.map((a) => `${a.name}: $${a.name}`).join(", ");
  return {
    query: `${target.operation}${definitions ? `(${definitions})` : ""} { ${target.field.name}${call ? `(${call})` : ""} ${selection} }`,
    variables,
  };
}

/** True when GraphQL accepts the variables of a request for their declared types. */
function coerces(body: { query: string; variables: Record<string, unknown> }): boolean {
  const operation = parse(body.query).definitions[0] as OperationDefinitionNode;
  return !getVariableValues(schema, operation.variableDefinitions ?? [], body.variables).errors;
}

// --- the run ---------------------------------------------------------------------------------------

let t: TestServer;
let schema: GraphQLSchema;
let cookie: string;

/** Tables whose rows only record that someone is signed in (sessions, token last use). */
const BOOKKEEPING = new Set(["clientele.session", "clientele.api_token"]);

async function snapshot(): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    t.database.db,
    sql`select table_schema || '.' || table_name as name from information_schema.tables
        where table_schema in ('public', 'clientele') and table_type = 'BASE TABLE' order by 1`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    if (BOOKKEEPING.has(name)) continue;
    const [row] = await queryRows<{ n: number; h: string }>(
      t.database.db,
      sql.raw(
        `select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${name
          .split(".")
          .map((part) => `"${part}"`)
          .join(".")} t`,
      ),
    );
    result[name] = `${row?.n}:${row?.h}`;
  }
  return result;
}

interface Sent {
  status: number;
  codes: string[];
  label: string;
}
const sent: Sent[] = [];

async function send(label: string, body: unknown, signedIn: boolean): Promise<Sent> {
  const response = await fetch(`${t.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signedIn ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let codes: string[] = [];
  try {
    const parsed = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string; field?: string } }> };
    codes = (parsed.errors ?? []).map(
      (e) => `${e.extensions?.code}${e.extensions?.field ? `:${e.extensions.field}` : ""}`,
    );
  } catch {
    codes = [`NOT_JSON ${text.slice(0, 80)}`];
  }
  const result = { status: response.status, codes, label };
  sent.push(result);
  return result;
}

const harmful = (r: Sent) =>
  r.status >= 500 || r.codes.some((c) => c.startsWith("INTERNAL_SERVER_ERROR") || c.startsWith("NOT_JSON"));

let before: Record<string, string>;
beforeAll(async () => {
  t = await startTestServer();
  ok(await t.gql(`mutation { createCustomer(input: { customerId: "acme", name: "Acme" }) { customerId } }`));
  ok(
    await t.gql(`mutation { createCustomerUser(input: { login: "jd", firstName: "John", lastName: "Doe",
      email: "jd@example.com", customerId: "acme", password: "a good password" }) { customerUser { login } } }`),
  );
  ok(await t.gql(`mutation { createGroup(input: { name: "support" }) { id } }`));
  const login = await t.raw(
    'mutation($p: String!) { login(login: "root@localhost", password: $p) { login } }',
    {
      p: "test-admin-password",
    },
  );
  cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  const introspection = ok(await t.gql<IntrospectionQuery>(getIntrospectionQuery()));
  schema = buildClientSchema(introspection);
  before = await snapshot();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("hostile inputs over HTTP", () => {
  it("has a corpus of at least 200 hostile inputs", () => {
    const total =
      REFUSED_EVERYWHERE.length +
      LINE_BREAKS.length +
      HOSTILE_TEXT.length +
      WRONG_TYPES.length +
      INTS.length +
      SHAPES.length;
    expect(total).toBeGreaterThanOrEqual(200);
  });

  it(
    "refuses control characters and lone surrogates in every string argument and input field, naming it",
    async () => {
      const strings = targets(schema).filter((x) => {
        const named = getNamedType(x.type);
        return isScalarType(named) && (named.name === "String" || named.name === "ID");
      });
      expect(strings.length).toBeGreaterThan(20);
      const wrong: string[] = [];
      for (const [index, target] of strings.entries()) {
        const name = target.path[target.path.length - 1] as string;
        const all = [
          ...REFUSED_EVERYWHERE,
          ...(name === "comment" || name === "password" ? [] : LINE_BREAKS),
        ];
        // NUL and a lone surrogate everywhere; the rest of the corpus spread over the targets.
        const values = all.filter((v, i) => v === "\u0000" || v === "\ud800" || (i + index) % 6 === 0);
        for (const value of values) {
          const label = `${target.field.name}(${target.path.join(".")}) ${JSON.stringify(value).slice(0, 30)}`;
          const admin = await send(label, request(target, value), true);
          if (admin.status !== 400 || admin.codes[0] !== `BAD_USER_INPUT:${name}`)
            wrong.push(`${label} → ${admin.status} ${admin.codes}`);
        }
        const anonymous = await send(`anonymous ${target.field.name}`, request(target, "\u0000"), false);
        if (
          harmful(anonymous) ||
          !["BAD_USER_INPUT", "UNAUTHENTICATED"].some((c) => anonymous.codes[0]?.startsWith(c))
        ) {
          wrong.push(
            `anonymous ${target.field.name}(${target.path.join(".")}) → ${anonymous.status} ${anonymous.codes}`,
          );
        }
      }
      expect(wrong).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );

  it(
    "answers hostile text in every query argument without a server error",
    async () => {
      const strings = targets(schema).filter((x) => {
        const named = getNamedType(x.type);
        return (
          x.operation === "query" && isScalarType(named) && (named.name === "String" || named.name === "ID")
        );
      });
      expect(strings.length).toBeGreaterThan(5);
      const wrong: string[] = [];
      for (const [index, target] of strings.entries()) {
        // Searches get the whole corpus; other arguments a quarter of it each, spread so all of it is sent.
        const values = HOSTILE_TEXT.filter((_, i) => target.path[0] === "search" || (i + index) % 4 === 0);
        for (const [i, value] of values.entries()) {
          const label = `${target.field.name}(${target.path.join(".")}) ${JSON.stringify(value).slice(0, 30)}`;
          const admin = await send(label, request(target, value), true);
          if (harmful(admin)) wrong.push(`${label} → ${admin.status} ${admin.codes}`);
          if (i % 10 === 0) {
            const anonymous = await send(`anonymous ${label}`, request(target, value), false);
            if (harmful(anonymous)) wrong.push(`anonymous ${label} → ${anonymous.status} ${anonymous.codes}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );

  it(
    "refuses values of the wrong type and out-of-range numbers in every argument, queries and mutations",
    async () => {
      const wrong: string[] = [];
      for (const target of targets(schema)) {
        const named = getNamedType(target.type);
        const values = named.name === "Int" ? INTS : WRONG_TYPES;
        for (const value of values) {
          const label = `${target.field.name}(${target.path.join(".")}) ${JSON.stringify(value)}`;
          const body = request(target, value);
          // Writes only with values GraphQL itself refuses: anything it accepts could be stored.
          if (target.operation === "mutation" && coerces(body)) continue;
          const admin = await send(label, body, true);
          if (harmful(admin)) wrong.push(`${label} → ${admin.status} ${admin.codes}`);
        }
      }
      expect(wrong).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );

  it("answers hostile GraphQL shapes and batches with client errors only", async () => {
    const wrong: string[] = [];
    for (const query of SHAPES) {
      for (const signedIn of [true, false]) {
        const result = await send(`shape ${query.slice(0, 40)}`, { query }, signedIn);
        if (harmful(result))
          wrong.push(
            `${signedIn ? "" : "anonymous "}${query.slice(0, 60)} → ${result.status} ${result.codes}`,
          );
      }
    }
    for (const body of [
      [{ query: "{ version }" }, { query: "{ version }" }],
      Array.from({ length: 1000 }, () => ({ query: "{ version }" })),
      [],
      "{ version }",
      42,
      null,
      { query: 42 },
      { query: "{ version }", variables: "not an object" },
      { query: "{ version }", variables: [1, 2] },
      { query: "{ version }", operationName: 7 },
      { query: "{ version }", extensions: { persistedQuery: { version: 1, sha256Hash: "x" } } },
    ]) {
      const result = await send(`body ${JSON.stringify(body).slice(0, 40)}`, body, true);
      if (harmful(result) || result.status < 400) {
        if (
          !(
            result.status === 200 &&
            !Array.isArray(body) &&
            typeof body === "object" &&
            body !== null &&
            "extensions" in body
          )
        ) {
          wrong.push(`${JSON.stringify(body).slice(0, 60)} → ${result.status} ${result.codes}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("left every table exactly as it was", async () => {
    expect(sent.length).toBeGreaterThan(1000);
    expect(sent.filter(harmful)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});
