import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ok, startTestServer, type TestServer } from "./helpers";

// Nothing listens on port 1; the directory type is configuration and needs no connection.
const ldap = (id: string, params: Record<string, unknown>) => ({
  module: "ldap",
  id,
  params: { url: "ldaps://127.0.0.1:1", baseDn: "DC=acc,DC=test", timeoutMs: 500, ...params },
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    config: {
      backends: [{ module: "db" }, ldap("openldap", {}), ldap("ad", { directoryType: "activeDirectory" })],
    },
  });
});
afterAll(() => t?.close());

describe("CustomerUserSource.directoryType", () => {
  test("null for the database, OPENLDAP by default, ACTIVE_DIRECTORY when configured", async () => {
    const data = ok(
      await t.gql<{ customerUserSources: Array<{ id: string; directoryType: string | null }> }>(
        `{ customerUserSources { id directoryType } }`,
      ),
    );
    expect(data.customerUserSources).toEqual([
      { id: "CustomerUser", directoryType: null },
      { id: "openldap", directoryType: "OPENLDAP" },
      { id: "ad", directoryType: "ACTIVE_DIRECTORY" },
    ]);
  });

  test("needs a signed-in admin or token like the rest of the sources", async () => {
    const response = await t.raw(`{ customerUserSources { directoryType } }`);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
