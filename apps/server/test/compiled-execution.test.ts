/**
 * graphql-jit runs Clientele's read operations (graphql/compiled-queries.ts), with the fast paths of
 * `patches/graphql-jit@0.8.9.patch`: a resolver that does not declare `info` gets none, a value or
 * list item that is not a promise goes straight to its handler, and a leaf builds its error's
 * locations and path only when there is an error. These tests hold the patched code to
 * graphql-js's answers: the same data for every kind of field, errors where graphql-js has errors
 * (the plugin then runs the operation again the ordinary way), and `info` for the resolvers that
 * ask for it.
 */
import { makeExecutableSchema } from "@graphql-tools/schema";
import { execute, type GraphQLResolveInfo, parse, responsePathAsArray } from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { DateTimeResolver } from "graphql-scalars";
import { describe, expect, test } from "vitest";

const typeDefs = `
  scalar DateTime
  enum Valid { VALID INVALID INVALID_TEMPORARILY }
  type Group { id: ID! name: String! comment: String }
  type Grant { group: Group! permissions: [String!]! via: [String] }
  type User {
    login: String!
    firstName: String!
    title: String
    valid: Valid!
    age: Int
    score: Float
    admin: Boolean!
    changedAt: DateTime
    tags: [String!]!
    grants: [Grant!]!
    later: [Grant!]!
    manager: User
    pathSeen: String!
    infoGiven: Boolean!
  }
  type Query { users(search: String): [User!]! one(login: String!): User }
`;

interface UserRow {
  login: string;
  attrs: Record<string, string | null>;
  validId: number;
  age: number | null;
  score: number | null;
  admin: boolean;
  changed: Date | null;
  tags: string[];
  grants: Array<{ group: { id: number; name: string; comment: string | null }; permissions: string[] }>;
}

const row = (i: number, overrides: Partial<UserRow> = {}): UserRow => ({
  login: `user${i}`,
  attrs: { first: `First ${i}`, title: i % 2 ? null : "Dr." },
  validId: (i % 3) + 1,
  age: i % 4 ? 20 + i : null,
  score: i % 5 ? i / 3 : null,
  admin: i % 2 === 0,
  changed: i % 3 ? new Date(Date.UTC(2026, 0, i + 1, 12)) : null,
  tags: i % 2 ? ["a", "b"] : [],
  grants: Array.from({ length: i % 3 }, (_, g) => ({
    group: { id: g + 1, name: `group ${g}`, comment: g ? "c" : null },
    permissions: g ? ["ro", "rw"] : ["ro"],
  })),
  ...overrides,
});

type Resolver = (...args: never[]) => unknown;

/** The schema as Apollo builds ours (makeExecutableSchema): resolvers, the enum's internal values, DateTime. */
function schemaWith(users: UserRow[], userResolvers: Record<string, Resolver> = {}) {
  return makeExecutableSchema({
    typeDefs,
    resolvers: {
      DateTime: DateTimeResolver,
      Valid: { VALID: 1, INVALID: 2, INVALID_TEMPORARILY: 3 },
      Query: {
        users: () => users,
        one: async (_: unknown, a: { login: string }) => users.find((u) => u.login === a.login) ?? null,
      },
      User: {
        firstName: (u: UserRow) => u.attrs.first,
        title: (u: UserRow) => u.attrs.title,
        valid: (u: UserRow) => u.validId,
        changedAt: (u: UserRow) => u.changed,
        // A promise, and a list of promises, as DataLoader-backed fields give.
        later: async (u: UserRow) => u.grants,
        grants: (u: UserRow) => u.grants.map((g) => Promise.resolve(g)),
        manager: (u: UserRow, _: unknown, __: unknown) => (u.login === "user1" ? users[0] : null),
        // Declares `info`: it must get the real one.
        pathSeen: (_: UserRow, __: unknown, ___: unknown, info: GraphQLResolveInfo) =>
          `${info.fieldName}@${responsePathAsArray(info.path).join(".")}`,
        // Declares fewer than four parameters: graphql-jit gives it no `info` any more.
        infoGiven(this: unknown, _: UserRow) {
          // biome-ignore lint/complexity/noArguments: what the resolver was called with is the point
          return arguments[3] !== undefined;
        },
        ...userResolvers,
      },
    } as never,
  });
}

const LIST = parse(`query($search: String) { users(search: $search) {
  login firstName title valid age score admin changedAt tags
  grants { group { id name comment } permissions via }
  later { group { id name } permissions }
  manager { login valid }
  pathSeen
} }`);

async function both(users: UserRow[], document = LIST, variables: Record<string, unknown> = {}) {
  const schema = schemaWith(users);
  const compiled = compileQuery(schema, document);
  if (!isCompiledQuery(compiled)) throw new Error(`not compiled: ${JSON.stringify(compiled)}`);
  const jit = await compiled.query(undefined, {}, variables);
  const plain = await execute({ schema, document, variableValues: variables, contextValue: {} });
  return { jit: JSON.parse(JSON.stringify(jit)), plain: JSON.parse(JSON.stringify(plain)) };
}

describe("compiled execution (patched graphql-jit)", () => {
  test("answers exactly as graphql-js for every kind of field: leaves, enums, custom scalars, lists, promises", async () => {
    const { jit, plain } = await both(Array.from({ length: 12 }, (_, i) => row(i)));
    expect(jit.errors).toBeUndefined();
    expect(jit).toEqual(plain);
    expect(jit.data.users).toHaveLength(12);
    // The fields of the check: an enum by its internal value, an ID from a number, a DateTime.
    expect(jit.data.users[1]).toMatchObject({
      valid: "INVALID",
      age: 21,
      changedAt: "2026-01-02T12:00:00.000Z",
    });
    expect(jit.data.users[2].grants[1].group).toEqual({ id: "2", name: "group 1", comment: "c" });
  });

  test("a resolver that declares info gets it, with its path; one that does not gets none", async () => {
    const document = parse(`{ users { pathSeen infoGiven manager { pathSeen } } }`);
    const { jit, plain } = await both([row(0), row(1)], document);
    expect(jit).toEqual({
      data: {
        users: [
          { pathSeen: "pathSeen@users.0.pathSeen", infoGiven: false, manager: null },
          {
            pathSeen: "pathSeen@users.1.pathSeen",
            infoGiven: false,
            manager: { pathSeen: "pathSeen@users.1.manager.pathSeen" },
          },
        ],
      },
    });
    // graphql-js gives every resolver its info; only that field differs.
    expect(plain.data.users.map((u: { infoGiven: boolean }) => u.infoGiven)).toEqual([true, true]);
  });

  test("arguments and variables reach the resolvers as graphql-js passes them", async () => {
    const document = parse(`query($l: String!) { one(login: $l) { login firstName valid } }`);
    const { jit, plain } = await both([row(0), row(1)], document, { l: "user1" });
    expect(jit).toEqual(plain);
    expect(jit.data.one).toEqual({ login: "user1", firstName: "First 1", valid: "INVALID" });
  });

  // Every way a field can fail still reports an error (compiled-queries.ts then answers with
  // graphql-js's own run), at the right path.
  test.each([
    [
      "a null in a non-null leaf",
      row(1, { attrs: { first: null, title: null } }),
      "Cannot return null for non-nullable field User.firstName.",
      "users.1.firstName",
    ],
    [
      "an enum value the enum does not have",
      row(1, { validId: 7 }),
      'Enum "Valid" cannot represent value: 7',
      "users.1.valid",
    ],
    [
      "a number that is not an Int",
      row(1, { age: 1.5 }),
      "Int cannot represent non-integer value: 1.5",
      "users.1.age",
    ],
    [
      "a DateTime that is not a date",
      row(1, { changed: "yesterday" as unknown as Date }),
      "DateTime cannot represent an invalid date-time-string yesterday.",
      "users.1.changedAt",
    ],
    [
      "a null item in a list of non-null strings",
      row(1, { tags: ["a", null as unknown as string] }),
      "Cannot return null for non-nullable field User.tags.",
      "users.1.tags.1",
    ],
  ])("%s is an error", async (_, bad, message, path) => {
    const { jit, plain } = await both([row(0), bad, row(2)]);
    expect(plain.errors?.length).toBeGreaterThan(0);
    expect(jit.errors).toContainEqual(
      expect.objectContaining({
        message,
        path: path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      }),
    );
  });

  test.each([
    ["a resolver that throws", "{ users { login firstName } }", "no first name", ["users", 1, "firstName"]],
    ["a promise that fails", "{ users { login later { permissions } } }", "no grants", ["users", 0, "later"]],
  ])("%s is an error at its field", async (_, query, message, path) => {
    const schema = schemaWith([row(0), row(1)], {
      firstName: (u: UserRow) => {
        if (u.login === "user1") throw new Error("no first name");
        return u.attrs.first;
      },
      later: async (u: UserRow) => {
        if (u.login === "user0") throw new Error("no grants");
        return u.grants;
      },
    });
    const compiled = compileQuery(schema, parse(query));
    if (!isCompiledQuery(compiled)) throw new Error("not compiled");
    const jit = await compiled.query(undefined, {}, {});
    expect(jit.errors?.map((e) => [e.message, e.path])).toEqual([[message, path]]);
  });
});
