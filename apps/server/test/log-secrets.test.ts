import { Writable } from "node:stream";
import { createTestDatabase, type TestDatabase } from "@clientele/domain/testing";
import pino from "pino";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RunningServer, startServerOn } from "../src/app";
import { readEnv } from "../src/env";
import { ADMIN_PASSWORD } from "./helpers";

let database: TestDatabase;
let server: RunningServer;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
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
    adminPassword: ADMIN_PASSWORD,
    demoData: false,
    logLevel: "debug",
  };
  server = await startServerOn({ ...database, close: async () => {} }, env, pino({ level: "debug" }, sink));
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

test("session cookies, Bearer tokens and passwords never reach the log, whatever the outcome", async () => {
  const login = await post({
    query: "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }",
    variables: { l: "root@localhost", p: ADMIN_PASSWORD },
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const session = cookie.split("=")[1]!;
  const agents = server.clientele.agents;
  const { token } = await agents.createApiToken(await agents.actorByLogin(), {
    name: "log",
    role: "READ_ONLY",
  });
  await post({ query: "{ me { login } }" }, { cookie });
  await post(
    { query: 'mutation { createGroup(input: { name: "x" }) { id } }' },
    { authorization: `Bearer ${token}` },
  );
  await post(
    { query: "{ customers { limit } }" },
    { authorization: "Bearer not-a-token", cookie: "clientele_session=forged" },
  );
  const log = lines.join("");
  expect(log).toMatch(/request completed/);
  for (const secret of [session, token, ADMIN_PASSWORD, "not-a-token", "forged"])
    expect(log).not.toContain(secret);
});
