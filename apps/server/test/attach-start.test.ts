import { Writable } from "node:stream";
import { queryRows } from "@clientele/domain";
import { createTestDatabase, type TestDatabase } from "@clientele/domain/testing";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RunningServer, startServerOn } from "../src/app";
import { readEnv } from "../src/env";

/** Starting on an OTOBO database: what the log says, and what the API tells the Sources page. */
const OTOBO_ROOT_PASSWORD = "otobo-root-Passw0rd";
const IGNORED_PASSWORD = "clientele-admin-Passw0rd";
const lines: string[] = [];
let database: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  database = await createTestDatabase({ driver: "otobo", otoboAdminPassword: OTOBO_ROOT_PASSWORD });
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const env = {
    ...readEnv({}),
    port: 0,
    databaseUrl: database.url ?? undefined,
    adminPassword: IGNORED_PASSWORD,
    demoData: true,
    logLevel: "info",
  };
  server = await startServerOn({ ...database, close: async () => {} }, env, pino({ level: "info" }, sink));
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

test("the log names the product and warns that the admin password was not applied, without any password", () => {
  const log = lines.join("");
  expect(log).toMatch(/attached to OTOBO 11 \(PostgreSQL \d+[^)]*\); new passwords as bcrypt/);
  expect(log).toContain("CLIENTELE_ADMIN_PASSWORD was not applied");
  expect(log).not.toContain(IGNORED_PASSWORD);
  expect(log).not.toContain(OTOBO_ROOT_PASSWORD);
});

test("OTOBO's root@localhost signs in with OTOBO's password; the Sources page learns the indexes are missing", async () => {
  const post = (body: unknown, cookie?: string) =>
    fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const ignored = await post({
    query: "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }",
    variables: { l: "root@localhost", p: IGNORED_PASSWORD },
  });
  expect(((await ignored.json()) as { errors?: unknown[] }).errors?.length).toBe(1);
  const login = await post({
    query: "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }",
    variables: { l: "root@localhost", p: OTOBO_ROOT_PASSWORD },
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0];
  expect(cookie).toBeTruthy();
  const sources = await post(
    { query: "{ customerUserSources { id searchIndexes { complete missing } } }" },
    cookie,
  );
  const body = (await sources.json()) as {
    data: { customerUserSources: Array<{ searchIndexes: { complete: boolean; missing: string[] } }> };
  };
  const state = body.data.customerUserSources[0]!.searchIndexes;
  expect(state.complete).toBe(false);
  expect(state.missing).toContain("customer_user_login_trgm");
  // no demo data on an attached database
  const customers = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from customer_company`,
  );
  expect(customers).toEqual([{ n: 0 }]);
});
