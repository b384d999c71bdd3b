import { createTestDatabase } from "@clientele/domain/testing";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { startServerOn } from "../src/app";
import { readEnv } from "../src/env";
import { failure, ok, otoboMap, startTestServer, type TestServer, writeConfig } from "./helpers";

/** OTOBO's default map as a Config.pm would have it, plus the product brief's `room` row. */
const roomMap = otoboMap(["UserRoom", "Room", "room", 1, 0, "var", "", 0, null, null]);

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe("extending the fields: the room example", () => {
  test("ALTER TABLE + a map row: the field is in the form fields, writes, reads and search", async () => {
    const t = await startTestServer({
      config: {
        backends: [
          {
            module: "db",
            map: roomMap,
            customerUserSearchFields: ["login", "first_name", "last_name", "room"],
            customerUserListFields: ["first_name", "last_name", "room", "email"],
          },
        ],
      },
      prepare: (db) => db.db.execute(sql`ALTER TABLE customer_user ADD room varchar(250)`).then(() => {}),
    });
    servers.push(t);
    const sources = ok(
      await t.gql<{
        customerUserSources: Array<{
          fields: Array<{ attribute: string; label: string; shownInList: boolean }>;
        }>;
      }>(`{ customerUserSources { id fields { attribute label shownInList searchable } } }`),
    );
    expect(sources.customerUserSources[0]?.fields).toContainEqual(
      expect.objectContaining({ attribute: "UserRoom", label: "Room", shownInList: true }),
    );
    ok(await t.gql(`mutation { createCustomer(input: { customerId: "C", name: "C" }) { customerId } }`));
    const created = ok(
      await t.gql<{
        createCustomerUser: { customerUser: { attributes: Array<{ attribute: string; value: string }> } };
      }>(
        `mutation { createCustomerUser(input: { login: "r", firstName: "R", lastName: "Oom", email: "r@example.com", customerId: "C",
        attributes: [{ attribute: "UserRoom", value: "B-204" }] }) { customerUser { attributes { attribute value } } } }`,
      ),
    );
    expect(created.createCustomerUser.customerUser.attributes).toContainEqual({
      attribute: "UserRoom",
      value: "B-204",
    });
    const found = ok(
      await t.gql<{ customerUsers: { nodes: Array<{ login: string }> } }>(
        `{ customerUsers(search: "b-204") { nodes { login } } }`,
      ),
    );
    expect(found.customerUsers.nodes.map((n) => n.login)).toEqual(["r"]);
    // The list asks only for the attributes without a typed field: the custom one, not UserEmail & co.
    const listed = ok(
      await t.gql<{
        customerUsers: { nodes: Array<{ attributes: Array<{ attribute: string; value: string }> }> };
      }>(`{ customerUsers(search: "b-204") { nodes { attributes(custom: true) { attribute value } } } }`),
    );
    expect(listed.customerUsers.nodes[0]?.attributes).toEqual([{ attribute: "UserRoom", value: "B-204" }]);
    const tooLong = failure(
      await t.gql(
        `mutation { updateCustomerUser(login: "r", input: { attributes: [{ attribute: "UserRoom", value: "${"x".repeat(251)}" }] }) { login } }`,
      ),
    );
    expect(tooLong.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "UserRoom" });
  });

  test("a mapped column that does not exist stops the start with the ALTER statement", async () => {
    const database = await createTestDatabase();
    try {
      const env = {
        ...readEnv({}),
        port: 0,
        databaseUrl: database.url ?? undefined,
        demoData: false,
        logLevel: "silent",
        configPath: writeConfig({ backends: [{ module: "db", map: roomMap }] }),
      };
      await expect(startServerOn({ ...database, close: async () => {} }, env)).rejects.toThrow(
        /ALTER TABLE customer_user ADD room varchar\(250\);/,
      );
    } finally {
      await database.drop();
    }
  });
});

describe("several DB backends and read-only ones", () => {
  test("a second table: merged, globally sorted, source on every user, source filter, first backend wins", async () => {
    const t = await startTestServer({
      config: {
        backends: [
          { module: "db", name: "Staff" },
          {
            module: "db",
            name: "Archive",
            id: "archive",
            params: { table: "customer_user_archive" },
            readOnly: true,
          },
        ],
      },
      prepare: async (db) => {
        await db.db.execute(sql`CREATE TABLE customer_user_archive (LIKE customer_user INCLUDING DEFAULTS)`);
        await db.db.execute(
          sql`INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by) VALUES ('C', 'C', 1, now(), 1, now(), 1)`,
        );
        await db.db.execute(sql`INSERT INTO customer_user_archive (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
          VALUES ('aaron', 'aaron@example.com', 'C', 'Aaron', 'Old', 1, now(), 1, now(), 1), ('Dup', 'dup-archive@example.com', 'C', 'Dup', 'Archive', 1, now(), 1, now(), 1),
                 ('zed', 'zed@example.com', 'C', 'Zed', 'Old', 1, now(), 1, now(), 1), ('shadow', 'shadow@example.com', 'C', 'Beta', 'Archive', 1, now(), 1, now(), 1)`);
        await db.db.execute(sql`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
          VALUES ('Shadow', 'shadow@example.com', 'C', 'Alpha', 'Current', 1, now(), 1, now(), 1)`);
      },
    });
    servers.push(t);
    const create = (login: string) =>
      t.gql(
        `mutation($l: String!) { createCustomerUser(input: { login: $l, firstName: "N", lastName: "N", email: "${login}@x.example", customerId: "C" }) { customerUser { login source } } }`,
        { l: login },
      );
    ok(await create("bob"));
    // The archive already has "Dup": logins are unique across backends, case-insensitively.
    expect(failure(await create("dup")).extensions).toMatchObject({ code: "CONFLICT", field: "login" });
    const all = ok(
      await t.gql<{ customerUsers: { nodes: Array<{ login: string; source: string; readOnly: boolean }> } }>(
        `{ customerUsers { nodes { login source readOnly } } }`,
      ),
    );
    expect(all.customerUsers.nodes).toEqual([
      { login: "aaron", source: "archive", readOnly: true },
      { login: "bob", source: "CustomerUser", readOnly: false },
      { login: "Dup", source: "archive", readOnly: true },
      { login: "Shadow", source: "CustomerUser", readOnly: false },
      { login: "zed", source: "archive", readOnly: true },
    ]);
    // The archive's "shadow" matches "beta", but the first backend owns that login: it is not listed.
    const beta = ok(
      await t.gql<{ customerUsers: { nodes: unknown[] } }>(
        `{ customerUsers(search: "beta") { nodes { login } } }`,
      ),
    );
    expect(beta.customerUsers.nodes).toEqual([]);
    const byEmail = ok(
      await t.gql<{ customerUsersByEmail: Array<{ login: string; source: string }> }>(
        `{ customerUsersByEmail(email: "SHADOW@example.com") { login source } }`,
      ),
    );
    expect(byEmail.customerUsersByEmail).toEqual([{ login: "Shadow", source: "CustomerUser" }]);
    const limited = ok(
      await t.gql<{ customerUsers: { nodes: Array<{ login: string }>; limitReached: boolean } }>(
        `{ customerUsers(limit: 2) { nodes { login } limitReached } }`,
      ),
    );
    expect(limited.customerUsers).toEqual({
      nodes: [{ login: "aaron" }, { login: "bob" }],
      limitReached: true,
    });
    const onlyArchive = ok(
      await t.gql<{ customerUsers: { nodes: Array<{ login: string }> } }>(
        `{ customerUsers(source: "archive", search: "*o*") { nodes { login } } }`,
      ),
    );
    // Asking one backend lists what it holds, its copy of a login another backend owns included.
    expect(onlyArchive.customerUsers.nodes.map((n) => n.login)).toEqual(["aaron", "shadow", "zed"]);
    expect(failure(await t.gql(`{ customerUsers(source: "nope") { limit } }`)).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "source",
    });
    // Writes to the read-only backend are refused, whichever way they come.
    for (const op of [
      `mutation { updateCustomerUser(login: "zed", input: { firstName: "Z" }) { login } }`,
      `mutation { setCustomerUserPassword(login: "zed", password: "long-enough-1") }`,
      `mutation { createCustomerUser(source: "archive", input: { login: "new", firstName: "N", lastName: "N", email: "n@x.example", customerId: "C" }) { generatedPassword } }`,
    ]) {
      const error = failure(await t.gql(op));
      expect(error.extensions).toMatchObject({ code: "READ_ONLY_SOURCE", source: "archive" });
    }
    // Relations of a read-only user still work (kept in the database by login).
    ok(await t.gql(`mutation { createCustomer(input: { customerId: "D", name: "D" }) { customerId } }`));
    const related = ok(
      await t.gql<{ setCustomerUserCustomers: { customerIds: string[] } }>(
        `mutation { setCustomerUserCustomers(login: "zed", customerIds: ["D"]) { customerIds } }`,
      ),
    );
    expect(related.setCustomerUserCustomers.customerIds).toEqual(["C", "D"]);
  });
});

describe("configuration errors name the key", () => {
  test.each([
    [{ backends: [] }, /backends: needs at least one backend/],
    [{ backends: [{ module: "db", searchListLimit: -1 }] }, /backends\[0\]\.searchListLimit/],
    [{ backends: [{ module: "sql" }] }, /backends\[0\]\.module/],
    [{ backends: [{ module: "db", params: { table: "x; drop" } }] }, /backends\[0\]\.params\.table/],
    [
      { backends: [{ module: "ldap", params: { url: "http://x", baseDn: "dc=x" } }] },
      /backends\[0\]\.params\.url/,
    ],
    [
      { backends: [{ module: "db", map: [["UserLogin", "Login", "login", 7, 1, "var"]] }] },
      /backends\[0\]\.map\[0\]/,
    ],
    [{ backends: Array.from({ length: 11 }, () => ({ module: "db" })) }, /at most 10 backends/],
    [{ backends: [{ module: "db", colour: "red" }] }, /colour/],
  ])("%j", async (config, message) => {
    const { parseConfig } = await import("@clientele/domain");
    expect(() => parseConfig(config, "test.yaml")).toThrow(message);
  });
});
