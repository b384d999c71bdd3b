import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/security/logging";
import { ADMIN_PASSWORD, adminApiToken, ok, startTestServer, type TestServer } from "../helpers";

/** Everything the server logs at debug level, as written. */
let captured = "";
const sink = new Writable({
  write(chunk, _encoding, done) {
    captured += chunk.toString();
    done();
  },
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ logger: createLogger("debug", sink) });
});
afterAll(async () => {
  await t?.close();
});

const CUSTOMER_PASSWORD = "Correct-Horse-Battery-Staple-4711";
const PERSONAL = "secret-customer-id-9a7f3c";

describe("logs never hold secrets (LOG_LEVEL=debug)", () => {
  it("logs requests, 4xx and database errors without tokens, cookies, passwords or SQL parameters", async () => {
    // Sign in: the password travels in the body, the session comes back in set-cookie.
    const login = await t.raw(
      'mutation($p: String!) { login(login: "root@localhost", password: $p) { login } }',
      {
        p: ADMIN_PASSWORD,
      },
    );
    const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
    const session = cookie.split("=")[1] ?? "";
    expect(session.length).toBeGreaterThan(10);

    const token = await adminApiToken(t, "log test");
    const bearer = { authorization: `Bearer ${token}` };
    ok(
      (
        await t.raw(
          `mutation { createCustomer(input: { customerId: "acme", name: "Acme" }) { customerId } }`,
          {},
          bearer,
        )
      ).body,
    );
    const created = await t.raw(
      `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`,
      {
        input: {
          login: "jd",
          firstName: "J",
          lastName: "D",
          email: "jd@example.com",
          customerId: "acme",
          password: CUSTOMER_PASSWORD,
        },
      },
      bearer,
    );
    ok(created.body);
    // 4xx: a wrong password with the token, bad input with the cookie, a session that does not exist.
    await t.raw(
      'mutation($p: String!) { authenticateCustomerUser(login: "jd", password: $p) { login } }',
      { p: `${CUSTOMER_PASSWORD}-wrong` },
      bearer,
    );
    const bad = await t.raw(
      `query($s: String) { customers(search: $s) { limit } }`,
      { s: "\u0000" },
      { cookie },
    );
    expect(bad.status).toBe(400);
    const anonymous = await t.raw(
      `{ customers { limit } }`,
      {},
      { cookie: "clientele_session=not-a-session", ...bearer, authorization: `Bearer ${token}x` },
    );
    expect(anonymous.status).toBe(401);
    // A database error carrying personal data in its parameters.
    await t.database.db.execute(sql.raw("ALTER TABLE customer_company RENAME COLUMN name TO name_gone"));
    const broken = await t.raw(
      `query($c: String!) { customer(customerId: $c) { name } }`,
      { c: PERSONAL },
      { cookie },
    );
    expect(broken.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    await t.database.db.execute(sql.raw("ALTER TABLE customer_company RENAME COLUMN name_gone TO name"));

    // The log has the requests and the database error's SQLSTATE…
    expect(captured).toMatch(/"statusCode":400/);
    expect(captured).toMatch(/"statusCode":401/);
    expect(captured).toContain('"sqlstate":"42703"');
    expect(captured).toContain('column \\"name\\" does not exist');
    expect(captured).toMatch(/"type":"DrizzleQueryError","message":"Failed query: select [^"]/);
    // …and none of the secrets.
    for (const secret of [
      token,
      createHash("sha256").update(token).digest("hex"),
      session,
      ADMIN_PASSWORD,
      CUSTOMER_PASSWORD,
      PERSONAL,
    ]) {
      expect(captured.split(secret).length - 1, `found ${secret.slice(0, 6)}… in the log`).toBe(0);
    }
    expect(captured).not.toMatch(/authorization|set-cookie|"cookie"/i);
  });
});
