import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "@clientele/domain";
import { createTestDatabase, type TestDatabase } from "@clientele/domain/testing";
import type { Logger } from "pino";
import { openCountingDatabase } from "../../../packages/domain/test/support/counting";
import { type RunningServer, startServerOn } from "../src/app";
import { readEnv, type ServerEnv } from "../src/env";

export const ADMIN_PASSWORD = "test-admin-password";

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export interface TestServer {
  url: string;
  server: RunningServer;
  database: TestDatabase;
  /** Sends a GraphQL operation as the signed-in admin (session cookie). */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** Sends a GraphQL operation without credentials, or with the given headers. */
  raw<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: GraphQLResponse<T>; headers: Headers }>;
  /** With `countStatements`: every SQL statement the server sends (reset it before counting). */
  counter?: { queries: number; statements: string[] };
  close(): Promise<void>;
}

/** OTOBO's default map as a Config.pm has it, title to customer id (`otoboMap` adds rows and ValidID). */
const OTOBO_MAP_ROWS = [
  ["UserTitle", "Title or salutation", "title", 1, 0, "var", "", 0, null, null],
  ["UserFirstname", "Firstname", "first_name", 1, 1, "var", "", 0, null, null],
  ["UserLastname", "Lastname", "last_name", 1, 1, "var", "", 0, null, null],
  ["UserLogin", "Username", "login", 1, 1, "var", "", 0, null, null],
  ["UserPassword", "Password", "pw", 0, 0, "var", "", 0, null, null],
  ["UserEmail", "Email", "email", 1, 1, "var", "", 0, null, null],
  ["UserCustomerID", "CustomerID", "customer_id", 0, 1, "var", "", 0, null, null],
];

/** A backend `map` of OTOBO's default rows, the test's own rows after them, and ValidID last. */
export const otoboMap = (...rows: unknown[][]): unknown[][] => [
  ...OTOBO_MAP_ROWS,
  ...rows,
  ["ValidID", "Valid", "valid_id", 0, 1, "int", "", 0, null, null],
];

/** Writes a CLIENTELE_CONFIG file for a test and returns its path. */
export function writeConfig(config: unknown): string {
  const path = join(
    tmpdir(),
    `clientele-config-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
  );
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/**
 * The real server on a fresh real-PostgreSQL database (PGlite with TEST_DRIVER=pglite), signed in
 * as root@localhost. `prepare` runs on the database before the server starts (e.g. ALTER TABLE).
 */
export async function startTestServer(
  options: {
    config?: unknown;
    prepare?: (db: TestDatabase) => Promise<void>;
    /** Settings that override the test defaults (e.g. `trustProxy`). */
    env?: Partial<ServerEnv>;
    logger?: Logger;
    /** Count every SQL statement of the server's own pool (postgres.js `debug` hook; PostgreSQL only). */
    countStatements?: boolean;
  } = {},
): Promise<TestServer> {
  const database = await createTestDatabase({ otoboAdminPassword: ADMIN_PASSWORD });
  await options.prepare?.(database);
  const env = {
    ...readEnv({}),
    port: 0,
    databaseUrl: database.url ?? undefined,
    adminPassword: ADMIN_PASSWORD,
    demoData: false,
    configPath: options.config ? writeConfig(options.config) : undefined,
    logLevel: "silent",
    ...options.env,
  };
  // The server runs on this very database (in-process for PGlite), and the test drops it afterwards.
  let serverDatabase: Database = { ...database, close: async () => {} };
  let counter: TestServer["counter"];
  if (options.countStatements) {
    if (!database.url) throw new Error("Counting SQL statements needs PostgreSQL (a postgres.js client).");
    const counting = await openCountingDatabase(database.url);
    serverDatabase = counting.database;
    counter = counting.counter;
  }
  const server = await startServerOn(serverDatabase, env, options.logger);
  const url = server.url;
  const raw: TestServer["raw"] = async (query, variables, headers = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as never, headers: response.headers };
  };
  const login = await raw<{ login: { login: string } }>(
    "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }",
    { l: "root@localhost", p: ADMIN_PASSWORD },
  );
  const cookie = login.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`Test sign-in failed: ${JSON.stringify(login.body)}`);
  return {
    url,
    server,
    database,
    gql: async (query, variables) => (await raw(query, variables, { cookie })).body as never,
    raw,
    counter,
    async close() {
      await server.close();
      await database.drop();
    },
  };
}

/** The data of a response that must have succeeded. */
export function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
  return response.data as T;
}

/** The single error of a response that must have failed. */
export function failure(response: GraphQLResponse) {
  if (!response.errors?.length) throw new Error(`Expected an error, got ${JSON.stringify(response.data)}`);
  return response.errors[0]!;
}

/** An ADMIN API token of root@localhost, made the way the CLI makes one; shown once. */
export async function adminApiToken(t: TestServer, name: string): Promise<string> {
  const agents = t.server.clientele.agents;
  return (await agents.createApiToken(await agents.actorByLogin(), { name })).token;
}
