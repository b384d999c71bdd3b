import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "../../src/audit/audit";
import { type Clientele, createClientele } from "../../src/clientele";
import { loadConfig } from "../../src/config/backends";
import { type Database, openDatabase } from "../../src/db/client";
import { createOtoboDatabase, dumpOtoboSchema, type RawDatabase } from "../support/otobo/database";
import { otoboVerifies } from "../support/otobo/oracle";
import { FIXTURE_PASSWORDS, seedOtoboRows } from "../support/otobo/rows";

/**
 * Clientele attached to an OTOBO 11 database: it starts, reads, signs in every stored hash format,
 * writes as OTOBO writes, and leaves OTOBO's schema byte for byte as it found it.
 */
let raw: RawDatabase;
let database: Database;
let app: Clientele;
let schemaBefore: string;
const passwords = { ...FIXTURE_PASSWORDS };

beforeAll(async () => {
  raw = await createOtoboDatabase("otobo11");
  await seedOtoboRows(raw, "groups_table");
  Object.assign(passwords, FIXTURE_PASSWORDS);
  schemaBefore = dumpOtoboSchema(raw.url);
  database = await openDatabase({ url: raw.url });
  app = await createClientele({ database, config: loadConfig(undefined) });
});

afterAll(async () => {
  await database?.close();
  await raw?.drop();
});

const agent = async (): Promise<Actor> => {
  const [row] = await raw.exec("SELECT id, login FROM users WHERE login = 'agent.smith'");
  return { id: Number(row!.id), login: String(row!.login) };
};

describe("attach mode on OTOBO 11", () => {
  test("is detected, with OTOBO's version, and writes bcrypt in OTOBO's form", () => {
    expect(database.mode).toBe("attach");
    expect(database.flavour).toMatchObject({ product: "OTOBO", version: "11", groupsTable: "groups_table" });
    expect(app.passwordHash).toBe("bcrypt");
  });

  test("only the schema clientele is created; no seed rows reach OTOBO's tables", async () => {
    const schemas = await raw.exec(
      "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' AND nspname <> 'information_schema' ORDER BY 1",
    );
    expect(schemas.map((r) => r.nspname)).toEqual(["clientele", "public"]);
    const [groups] = await raw.exec("SELECT count(*)::int AS n FROM groups_table");
    expect(groups!.n).toBe(5);
    const [extension] = await raw.exec(
      "SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'pg_trgm'",
    );
    expect(extension!.n).toBe(0);
  });

  test("reads OTOBO's customer users, customers, groups and services", async () => {
    const result = await app.customerUsers.search({ search: "cu.*" });
    expect(result.nodes.map((r) => r.login).sort()).toEqual(
      ["cu.apr1", "cu.bcrypt", "cu.crypt", "cu.md5", "cu.sha1", "cu.sha256", "cu.sha512"].sort(),
    );
    expect((await app.customers.get("ACME"))?.name).toBe("Acme Inc.");
    expect((await app.groups.list()).map((g) => g.name)).toContain("retired");
    expect((await app.services.defaultServices()).map((s) => s.name)).toEqual(["Email"]);
    const grants = await app.groups.customerUserGrants("cu.sha256");
    expect(grants.map((g) => [g.group.name, g.permissions])).toEqual([["support", ["RW"]]]);
  });

  test("every legacy format signs in, and is re-hashed only into OTOBO's bcrypt", async () => {
    for (const login of ["cu.sha256", "cu.sha512", "cu.sha1", "cu.md5", "cu.apr1", "cu.crypt", "cu.bcrypt"]) {
      expect(await app.customerUsers.authenticate(login, "wrong password")).toBeNull();
      expect((await app.customerUsers.authenticate(login, passwords[login]!))?.login).toBe(login);
      const [row] = await raw.exec("SELECT pw FROM customer_user WHERE login = $1", [login]);
      // bcrypt stays as it is (already the configured format); everything else becomes BCRYPT:12
      expect(String(row!.pw)).toMatch(login === "cu.bcrypt" ? /^BCRYPT:9:.{16}:/ : /^BCRYPT:12:.{16}:/);
      expect(otoboVerifies(String(row!.pw), passwords[login]!, login)).toBe(true);
      // and again with the new hash
      expect((await app.customerUsers.authenticate(login, passwords[login]!))?.login).toBe(login);
    }
  });

  test("an agent signs in; the admin password is reported, not applied", async () => {
    const { actor } = await app.agents.login("agent.smith", passwords["agent.smith"]!);
    expect(actor.login).toBe("agent.smith");
    await app.agents.login("root@localhost", passwords["root@localhost"]!);
    const [root] = await raw.exec("SELECT pw FROM users WHERE login = 'root@localhost'");
    expect(otoboVerifies(String(root!.pw), passwords["root@localhost"]!, "root@localhost")).toBe(true);
    const admin = await app.agents.ensureAdmin("a-new-password");
    expect(admin).toEqual({ created: false, generatedPassword: null, passwordIgnored: true });
    const [after] = await raw.exec("SELECT pw FROM users WHERE login = 'root@localhost'");
    expect(otoboVerifies(String(after!.pw), "a-new-password", "root@localhost")).toBe(false);
    // without an OTOBO root@localhost, none is added to OTOBO's users either
    await raw.exec("UPDATE users SET login = 'root@example' WHERE login = 'root@localhost'");
    expect(await app.agents.ensureAdmin(undefined)).toMatchObject({
      created: false,
      generatedPassword: null,
    });
    const [count] = await raw.exec("SELECT count(*)::int AS n FROM users");
    expect(count!.n).toBe(3);
    await raw.exec("UPDATE users SET login = 'root@localhost' WHERE login = 'root@example'");
  });

  test("creates write every audit column with the acting agent", async () => {
    const actor = await agent();
    await app.customers.create({ customerId: "INITECH", name: "Initech", valid: 1 }, actor);
    const group = await app.groups.create(actor, { name: "billing", comment: "Invoices" });
    const service = await app.services.create(actor, { name: "Printing" });
    passwords["new.user"] = "A-new-Password-9";
    await app.customerUsers.create(
      {
        login: "new.user",
        password: passwords["new.user"],
        firstName: "New",
        lastName: "User",
        email: "new.user@initech.example",
        customerId: "INITECH",
      },
      actor,
    );
    for (const [table, where] of [
      ["customer_company", "customer_id = 'INITECH'"],
      ["groups_table", `id = ${group.id}`],
      ["service", `id = ${service.id}`],
      ["customer_user", "login = 'new.user'"],
    ] as const) {
      const [row] = await raw.exec(
        `SELECT create_by, change_by, valid_id, create_time IS NOT NULL AS created FROM ${table} WHERE ${where}`,
      );
      expect(row, table).toEqual({ create_by: actor.id, change_by: actor.id, valid_id: 1, created: true });
    }
    const [row] = await raw.exec("SELECT pw FROM customer_user WHERE login = 'new.user'");
    expect(otoboVerifies(String(row!.pw), passwords["new.user"]!, "new.user")).toBe(true);
    passwords["new.user"] = "Another-Password-8";
    await app.customerUsers.setPassword("new.user", passwords["new.user"], actor);
    const [changed] = await raw.exec("SELECT pw FROM customer_user WHERE login = 'new.user'");
    expect(otoboVerifies(String(changed!.pw), passwords["new.user"]!, "new.user")).toBe(true);
  });

  test("set mutations keep move_into, create and value-0 rows; new rows name the agent", async () => {
    const actor = await agent();
    const groups = new Map((await app.groups.list()).map((g) => [g.name, g.id]));
    await app.groups.setCustomerUserGroups(actor, "cu.sha256", [
      { groupId: groups.get("billing")!, permissions: ["RW"] },
    ]);
    const rows = await raw.exec(
      `SELECT g.name, permission_key, permission_value, gcu.create_by FROM group_customer_user gcu
       JOIN groups_table g ON g.id = gcu.group_id WHERE user_id = 'cu.sha256' ORDER BY 1, 2`,
    );
    expect(rows).toEqual([
      { name: "billing", permission_key: "rw", permission_value: 1, create_by: actor.id },
      { name: "stats", permission_key: "ro", permission_value: 0, create_by: 1 },
      { name: "users", permission_key: "move_into", permission_value: 1, create_by: 1 },
    ]);
    await app.groups.setCustomerGroups(actor, "GLOBEX", [
      { groupId: groups.get("support")!, permissions: ["RO"], context: "SAME_CUSTOMER" },
    ]);
    const company = await raw.exec(
      "SELECT permission_key, permission_context, create_by FROM group_customer WHERE customer_id = 'GLOBEX' ORDER BY 1",
    );
    expect(company).toEqual([
      { permission_key: "create", permission_context: "Ticket::CustomerID::Same", create_by: 1 },
      { permission_key: "ro", permission_context: "Ticket::CustomerID::Same", create_by: actor.id },
    ]);
    const services = new Map((await app.services.list()).map((s) => [s.name, s.id]));
    await app.services.setCustomerUserServices(actor, "cu.md5", [services.get("Printing")!]);
    await app.customerUsers.setCustomers("cu.md5", ["GLOBEX"], actor);
    const [service] = await raw.exec(
      "SELECT create_by, create_time IS NOT NULL AS created FROM service_customer_user WHERE customer_user_login = 'cu.md5'",
    );
    expect(service).toEqual({ create_by: actor.id, created: true });
    const [extra] = await raw.exec(
      "SELECT create_by, change_by FROM customer_user_customer WHERE user_id = 'cu.md5'",
    );
    expect(extra).toEqual({ create_by: actor.id, change_by: actor.id });
  });

  test("a login rename moves tickets (of the old login and customer), preferences and relations", async () => {
    const actor = await agent();
    await app.customerUsers.update("cu.sha256", { login: "cu.renamed" }, actor);
    const tickets = await raw.exec(
      "SELECT tn, customer_user_id, customer_id, change_by FROM ticket ORDER BY tn",
    );
    expect(tickets).toEqual([
      { tn: "2026010110000011", customer_user_id: "cu.renamed", customer_id: "ACME", change_by: actor.id },
      { tn: "2026010110000022", customer_user_id: "cu.renamed", customer_id: "ACME", change_by: actor.id },
      // a ticket of another customer id is left alone, as OTOBO's TicketUpdate event does
      { tn: "2026010110000033", customer_user_id: "cu.sha256", customer_id: "GLOBEX", change_by: 1 },
      { tn: "2026010110000044", customer_user_id: "cu.md5", customer_id: "ACME", change_by: 1 },
    ]);
    const history = await raw.exec(
      `SELECT t.tn, h.name, h.create_by, ht.name AS type FROM ticket_history h JOIN ticket t ON t.id = h.ticket_id
       JOIN ticket_history_type ht ON ht.id = h.history_type_id ORDER BY t.tn`,
    );
    expect(history).toEqual(
      ["2026010110000011", "2026010110000022"].map((tn) => ({
        tn,
        name: "%%CustomerID=ACME;CustomerUser=cu.renamed;",
        create_by: actor.id,
        type: "CustomerUpdate",
      })),
    );
    const prefs = await raw.exec("SELECT user_id, preferences_key FROM customer_preferences ORDER BY 2");
    expect(prefs.map((p) => p.user_id)).toEqual(["cu.renamed", "cu.renamed"]);
    const [grants] = await raw.exec(
      "SELECT count(*)::int AS n FROM group_customer_user WHERE user_id = 'cu.renamed'",
    );
    expect(grants!.n).toBe(3);
    passwords["cu.renamed"] = passwords["cu.sha256"]!;
    delete passwords["cu.sha256"];
  });

  test("a customer id change moves the tickets and customer users of that customer", async () => {
    const actor = await agent();
    await raw.exec(`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id,
        create_time, create_by, change_time, change_by)
      VALUES ('gx.user', 'gx@globex.example', 'GLOBEX', 'G', 'X', 1, now(), 1, now(), 1)`);
    await app.customers.update("GLOBEX", { customerId: "GLOBEX-EU" }, actor);
    const tickets = await raw.exec("SELECT tn FROM ticket WHERE customer_id = 'GLOBEX-EU'");
    expect(tickets.map((t) => t.tn)).toEqual(["2026010110000033"]);
    const [history] = await raw.exec(
      "SELECT h.name FROM ticket_history h JOIN ticket t ON t.id = h.ticket_id WHERE t.tn = '2026010110000033'",
    );
    expect(history).toEqual({ name: "%%CustomerID=GLOBEX-EU;" });
    const [user] = await raw.exec("SELECT customer_id, change_by FROM customer_user WHERE login = 'gx.user'");
    expect(user).toEqual({ customer_id: "GLOBEX-EU", change_by: actor.id });
  });

  test("every password Clientele wrote verifies with OTOBO's check; none is Argon2id", async () => {
    const rows = await raw.exec("SELECT login, pw FROM customer_user UNION ALL SELECT login, pw FROM users");
    for (const row of rows) {
      const login = String(row.login);
      expect(String(row.pw), login).not.toMatch(/^\$argon2/);
      if (passwords[login]) expect(otoboVerifies(String(row.pw), passwords[login]!, login), login).toBe(true);
    }
  });

  test("OTOBO's schema is byte-identical after everything above", () => {
    expect(dumpOtoboSchema(raw.url)).toBe(schemaBefore);
  });
});
