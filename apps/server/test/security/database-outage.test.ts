import { testDriver, testServerUrl } from "@clientele/domain/testing";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, adminApiToken, ok, startTestServer, type TestServer } from "../helpers";

let t: TestServer;
let admin: postgres.Sql;
let name: string;

beforeAll(async () => {
  if (testDriver() !== "postgres") {
    throw new Error("The database outage tests need real PostgreSQL: run them without TEST_DRIVER=pglite.");
  }
  t = await startTestServer();
  admin = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
  name = new URL(t.database.url as string).pathname.slice(1);
});
afterAll(async () => {
  // Whatever a test left behind, the database is back under its name and open before it is dropped.
  await admin?.unsafe(`ALTER DATABASE "${name}_away" RENAME TO "${name}"`).catch(() => {});
  await admin?.unsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => {});
  await admin?.end();
  await t?.close();
});

const terminate = () =>
  admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${name} AND pid <> pg_backend_pid()`;

const LOGIN = 'mutation($p: String!) { login(login: "root@localhost", password: $p) { login } }';
const signIn = () => t.raw<{ login: { login: string } }>(LOGIN, { p: ADMIN_PASSWORD });

/** Every kind of request while the database is gone: 503 `UNAVAILABLE`, never an internal error. */
async function expectUnavailable() {
  const anonymousLogin = await signIn();
  expect(anonymousLogin.status).toBe(503);
  expect(anonymousLogin.body.errors?.[0]?.extensions?.code).toBe("UNAVAILABLE");
  const signedIn = await t.raw("{ customers { limit } }", {}, { cookie: await sessionCookie });
  expect(signedIn.status).toBe(503);
  expect(signedIn.body.errors?.[0]?.extensions?.code).toBe("UNAVAILABLE");
  // An API token whose row the server may still remember (tokens answer from memory for a second):
  // the operation itself needs the database, so it is the same 503.
  const withToken = await t.raw("{ customers { limit } }", {}, { authorization: `Bearer ${apiToken}` });
  expect(withToken.status).toBe(503);
  expect(withToken.body.errors?.[0]?.extensions?.code).toBe("UNAVAILABLE");
  const mutation = await t.raw(
    'mutation { createCustomer(input: { customerId: "c", name: "C" }) { customerId } }',
    {},
    { cookie: await sessionCookie },
  );
  expect(mutation.status).toBe(503);
  expect(mutation.body.errors?.[0]?.extensions?.code).toBe("UNAVAILABLE");
  expect((await fetch(`${t.url}/readyz`)).status).toBe(503);
  expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
}

/** Recovery without a restart: requests are retried until the pool has reconnected (bounded, no sleeps). */
async function expectRecovered() {
  let last: Awaited<ReturnType<typeof signIn>> | undefined;
  for (let attempt = 0; attempt < 50; attempt++) {
    last = await signIn();
    if (last.status === 200) break;
    expect(last.body.errors?.[0]?.extensions?.code).toBe("UNAVAILABLE");
  }
  expect(last?.body).toEqual({ data: { login: { login: "root@localhost" } } });
  expect(ok(await t.gql("{ customers { limit } }"))).toEqual({ customers: { limit: expect.any(Number) } });
  expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
}

let sessionCookie: Promise<string>;
let apiToken: string;

/** A request with the API token just before the database goes, so that its row is remembered. */
async function useToken() {
  const response = await t.raw("{ customers { limit } }", {}, { authorization: `Bearer ${apiToken}` });
  expect(response.status).toBe(200);
}

describe("Clientele's own database goes away and comes back", () => {
  it("survives its connections being terminated (57P01 admin_shutdown)", async () => {
    sessionCookie = signIn().then((r) => r.headers.get("set-cookie")?.split(";")[0] ?? "");
    await sessionCookie;
    apiToken = await adminApiToken(t, "outage");
    await terminate();
    for (let i = 0; i < 5; i++) {
      const response = await t.raw("{ customers { limit } }", {}, { cookie: await sessionCookie });
      expect([200, 503]).toContain(response.status);
      if (response.status === 503) expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAVAILABLE");
    }
    await expectRecovered();
  });

  it("answers UNAVAILABLE with 503 while the database refuses connections, then recovers", async () => {
    await useToken();
    await admin.unsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await terminate();
    await expectUnavailable();
    await admin.unsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    await expectRecovered();
  });

  it("answers UNAVAILABLE while the database is renamed away (3D000), then recovers", async () => {
    await useToken();
    await admin.unsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await terminate();
    await admin.unsafe(`ALTER DATABASE "${name}" RENAME TO "${name}_away"`);
    await expectUnavailable();
    await admin.unsafe(`ALTER DATABASE "${name}_away" RENAME TO "${name}"`);
    await admin.unsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    await expectRecovered();
  });
});
