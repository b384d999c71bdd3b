/**
 * Identical reads running at the same time share one run (graphql/compiled-queries.ts): ten
 * requests of agents with the same role for the same list cost the relation statements and the
 * answer's text once, while another role, an operation outside the shareable root fields (`me`)
 * and different variables run on their own. The requests go through Apollo's whole pipeline (limits, role guard, plugins).
 */
import { HeaderMap } from "@apollo/server";
import { type Actor, type Clientele, createClientele, loadConfig } from "@clientele/domain";
import pino from "pino";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../packages/domain/src/testing";
import { openCountingDatabase, seedPermissionScenario } from "../../../packages/domain/test/support/counting";
import type { GraphQLContext } from "../src/graphql/context";
import { createLoaders } from "../src/graphql/loaders";
import { createApolloServer } from "../src/graphql/server";

let database: TestDatabase;
let counting: Awaited<ReturnType<typeof openCountingDatabase>>;
let clientele: Clientele;
let first: Actor;
let other: Actor;
const apollo = createApolloServer(pino({ level: "silent" }));

const LIST = `query List($search: String) { customerUsers(search: $search, limit: 100) { nodes {
  login customer { name } groups { group { name } permissions }
  effectivePermissions { group { name } permissions } services { name }
} } }`;

const admin = (id: number, login: string): Actor => ({ id, login, role: "ADMIN" });

function context(actor: Actor | null): GraphQLContext {
  return {
    clientele,
    loaders: createLoaders(clientele),
    currentActor: actor,
    actor() {
      if (!actor) throw new Error("no actor");
      return actor;
    },
    req: {} as never,
    res: {} as never,
    sessionToken: null,
    clientAddress: () => "127.0.0.1",
    partialErrors: [],
  };
}

async function run(query: string, variables: Record<string, unknown>, actor: Actor | null) {
  const response = await apollo.executeOperation({ query, variables }, { contextValue: context(actor) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  if (errors?.length) throw new Error(JSON.stringify(errors));
  return data as Record<string, unknown>;
}

/** Statements that read relations (not the search, which the DB source shares on its own). */
const relationStatements = () =>
  counting.counter.statements.filter((s) => /group_customer_user|service_customer_user/.test(s)).length;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedPermissionScenario(database.db, 200);
  counting = await openCountingDatabase(database.url!);
  clientele = await createClientele({ database: counting.database, config: loadConfig(undefined) });
  await apollo.start();
  const agent = async (login: string) => {
    const { agent } = await clientele.agents.create(admin(0, "setup"), {
      login,
      firstName: "Test",
      lastName: "Admin",
      role: "ADMIN",
    });
    return admin(Number(agent.id), login);
  };
  first = await agent("first-admin");
  other = await agent("other-admin");
  // Compiled from the second run on (graphql-jit): warm both documents up.
  for (let i = 0; i < 2; i++) {
    await run(LIST, { search: "user0*" }, first);
    await run("{ me { login } }", {}, first);
  }
});
afterAll(async () => {
  await apollo.stop();
  await counting?.database.close();
  await database?.drop();
});

test("ten identical reads of two agents with the same role at once share one run", async () => {
  counting.counter.statements = [];
  const alone = await run(LIST, { search: "user0*" }, first);
  const once = relationStatements();
  expect(once).toBeGreaterThan(0);
  expect((alone.customerUsers as { nodes: unknown[] }).nodes.length).toBe(100);

  counting.counter.statements = [];
  const together = await Promise.all(
    Array.from({ length: 10 }, (_, i) => run(LIST, { search: "user0*" }, i % 2 ? first : other)),
  );
  expect(relationStatements()).toBe(once);
  for (const data of together) expect(data).toEqual(alone);
});

test("another role, other variables and agent-specific fields are not shared", async () => {
  counting.counter.statements = [];
  await run(LIST, { search: "user0*" }, first);
  const once = relationStatements();

  counting.counter.statements = [];
  await Promise.all([
    run(LIST, { search: "user0*" }, first),
    run(LIST, { search: "user0*" }, { id: 8, login: "reader", role: "READ_ONLY" }),
    run(LIST, { search: "*" }, first),
  ]);
  expect(relationStatements()).toBe(3 * once);

  // `me` answers about the agent asking: two agents at once each get themselves.
  const [mine, theirs] = await Promise.all([
    run("{ me { login } }", {}, first),
    run("{ me { login } }", {}, other),
  ]);
  expect(mine).toEqual({ me: { login: "first-admin" } });
  expect(theirs).toEqual({ me: { login: "other-admin" } });
});

/** The text of an answer as the HTTP endpoints get it from Apollo (`stringifyResult`). */
async function answerText(query: string, variables: Record<string, unknown>, actor: Actor | null) {
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: "POST",
      headers: new HeaderMap([["content-type", "application/json"]]),
      search: "",
      body: { query, variables },
    },
    context: async () => context(actor),
  });
  if (response.body.kind !== "complete") throw new Error("expected a complete body");
  return response.body.string;
}

test("requests that share a run share the text of their answer: it is made once", async () => {
  const alone = await answerText(LIST, { search: "user0*" }, first);
  const stringify = vi.spyOn(JSON, "stringify");
  try {
    const together = await Promise.all(
      Array.from({ length: 10 }, (_, i) => answerText(LIST, { search: "user0*" }, i % 2 ? first : other)),
    );
    for (const text of together) expect(text).toBe(alone);
    const answers = stringify.mock.calls.filter(([value]) => {
      const data = (value as { data?: { customerUsers?: unknown } } | null)?.data;
      return data?.customerUsers !== undefined;
    });
    expect(answers).toHaveLength(1);
  } finally {
    stringify.mockRestore();
  }
  // A run of its own is serialised for its own answer, with the same text.
  expect(await answerText(LIST, { search: "user0*" }, first)).toBe(alone);
  // The text is the answer's JSON exactly, without Apollo's trailing line feed (stringifyResult).
  expect(alone).toBe(JSON.stringify(JSON.parse(alone)));
});
