import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ok, startTestServer, type TestServer } from "./helpers";

// Nothing listens on port 1: the directory refuses every connection, as a stopped server would.
const DOWN_LDAP = {
  module: "ldap",
  id: "directory",
  name: "Corporate directory",
  params: { url: "ldap://127.0.0.1:1", baseDn: "dc=example,dc=com", timeoutMs: 1000 },
};

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    config: { backends: [{ module: "db" }, DOWN_LDAP] },
    prepare: async (db) => {
      await db.db.execute(
        sql`INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by) VALUES ('C', 'C', 1, now(), 1, now(), 1)`,
      );
      await db.db.execute(sql`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
        VALUES ('db-user', 'db@example.com', 'C', 'D', 'B', 1, now(), 1, now(), 1)`);
    },
  });
});
afterAll(() => t?.close());

describe("an LDAP backend that cannot be reached", () => {
  test("a search returns the database's users plus SOURCE_UNAVAILABLE naming the source, within timeoutMs", async () => {
    const started = Date.now();
    const response = await t.gql<{
      customerUsers: { nodes: Array<{ login: string }>; unavailableSources: string[] };
    }>(`{ customerUsers(search: "*") { nodes { login } unavailableSources } }`);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response.data?.customerUsers).toEqual({
      nodes: [{ login: "db-user" }],
      unavailableSources: ["directory"],
    });
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({
      path: ["customerUsers"],
      extensions: { code: "SOURCE_UNAVAILABLE", source: "directory" },
    });
  });

  test("a lookup of a login nobody else has fails with SOURCE_UNAVAILABLE; database users still resolve", async () => {
    const missing = await t.gql(`{ customerUser(login: "ldap-only") { login } }`);
    expect(missing.errors?.[0]?.extensions).toMatchObject({
      code: "SOURCE_UNAVAILABLE",
      source: "directory",
    });
    expect(ok(await t.gql(`{ customerUser(login: "DB-USER") { login source } }`))).toEqual({
      customerUser: { login: "db-user", source: "CustomerUser" },
    });
  });

  test("the Sources page data shows the backend as down with the reason; the rest keeps working", async () => {
    const sources = ok(
      await t.gql<{
        customerUserSources: Array<{
          id: string;
          module: string;
          readOnly: boolean;
          status: { ok: boolean; message: string | null };
        }>;
      }>(`{ customerUserSources { id module readOnly status { ok message checkedAt } } }`),
    ).customerUserSources;
    expect(sources.map((s) => [s.id, s.module, s.readOnly, s.status.ok])).toEqual([
      ["CustomerUser", "DB", false, true],
      ["directory", "LDAP", true, false],
    ]);
    expect(sources[1]?.status.message).toBeTruthy();
    expect(ok(await t.gql(`{ customers { nodes { customerId } } }`))).toEqual({
      customers: { nodes: [{ customerId: "C" }] },
    });
  });

  test("a new login cannot be checked for uniqueness, so creating is refused with a clear reason", async () => {
    const response = await t.gql(
      `mutation { createCustomerUser(input: { login: "new", firstName: "N", lastName: "N", email: "n@example.com", customerId: "C" }) { generatedPassword } }`,
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: "SOURCE_UNAVAILABLE",
      source: "directory",
    });
    expect(response.errors?.[0]?.message).toMatch(/login "new" is free/);
    // Editing existing database users goes on.
    expect(
      ok(await t.gql(`mutation { updateCustomerUser(login: "db-user", input: { city: "Delft" }) { city } }`)),
    ).toEqual({
      updateCustomerUser: { city: "Delft" },
    });
  });
});
