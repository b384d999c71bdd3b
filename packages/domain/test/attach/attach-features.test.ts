import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "../../src/audit/audit";
import { type Clientele, createClientele } from "../../src/clientele";
import { loadConfig } from "../../src/config/backends";
import { type Database, openDatabase } from "../../src/db/client";
import { PreconditionFailedError, RateLimitedError, UnauthenticatedError } from "../../src/errors";
import { createOtoboDatabase, dumpOtoboSchema, type RawDatabase } from "../support/otobo/database";
import { FIXTURE_PASSWORDS, mapOtoboDynamicFields, seedOtoboRows } from "../support/otobo/rows";

/**
 * Preferences, settings, tickets, agents' roles and the sign-in throttle, attached to an OTOBO 11
 * database: OTOBO's tables are read and written as OTOBO does, Clientele's own state stays in the
 * schema `clientele`, and OTOBO's schema is unchanged afterwards.
 */
let raw: RawDatabase;
let database: Database;
let app: Clientele;
let schemaBefore: string;

/** A clock the tests move by hand: nobody sleeps. */
let clock = new Date("2030-01-01T12:00:00Z").getTime();
const now = () => new Date(clock);

beforeAll(async () => {
  raw = await createOtoboDatabase("otobo11");
  await seedOtoboRows(raw, "groups_table");
  schemaBefore = dumpOtoboSchema(raw.url);
  database = await openDatabase({ url: raw.url });
  app = await createClientele({ database, config: loadConfig(undefined), now });
});

afterAll(async () => {
  await database?.close();
  await raw?.drop();
});

const agent = async (login = "agent.smith"): Promise<Actor> => {
  const [row] = await raw.exec("SELECT id, login FROM users WHERE login = $1", [login]);
  return { id: Number(row!.id), login: String(row!.login), role: "ADMIN" };
};

describe("attached to OTOBO 11", () => {
  test("settings come from OTOBO's System Configuration and are not edited here", async () => {
    expect(app.mode).toBe("attach");
    const settings = await app.settings.get();
    // the fixture's sysconfig_modified turns CustomerGroupSupport on (default 0)
    expect(settings).toMatchObject({ source: "OTOBO_SYSCONFIG", customerGroupSupport: true });
    await expect(app.settings.update(await agent(), { customerGroupSupport: false })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await raw.exec(
      "UPDATE sysconfig_modified SET effective_value = '--- 0' WHERE name = 'CustomerGroupSupport'",
    );
    expect((await app.settings.get()).customerGroupSupport).toBe(false);
    await raw.exec(
      "UPDATE sysconfig_modified SET effective_value = '--- 1' WHERE name = 'CustomerGroupSupport'",
    );
  });

  test("preferences are read from and written to OTOBO's customer_preferences", async () => {
    expect(await app.preferences.get("cu.sha256")).toEqual([
      { key: "UserLanguage", value: "nl" },
      { key: "UserTimeZone", value: "Europe/Amsterdam" },
    ]);
    await app.preferences.set(await agent(), "cu.sha256", [
      { key: "UserLanguage", value: "de" },
      { key: "UserRefreshTime", value: "5" },
    ]);
    const rows = await raw.exec(
      "SELECT preferences_key, preferences_value FROM customer_preferences WHERE user_id = 'cu.sha256' ORDER BY 1",
    );
    expect(rows).toEqual([
      { preferences_key: "UserLanguage", preferences_value: "de" },
      { preferences_key: "UserRefreshTime", preferences_value: "5" },
    ]);
    const [audit] = await raw.exec(
      "SELECT count(*)::int AS n FROM clientele.audit_log WHERE action = 'set_preferences'",
    );
    expect(audit!.n).toBe(1);
  });

  test("createTicket is refused: tickets are OTOBO's", async () => {
    const error = await app.tickets.create(await agent(), { title: "Printer" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect((error as PreconditionFailedError).code).toBe("PRECONDITION_FAILED");
    const [count] = await raw.exec("SELECT count(*)::int AS n FROM ticket");
    expect(count!.n).toBe(4);
  });

  test("agents' roles are OTOBO's group_user rows of the group admin", async () => {
    const roles = Object.fromEntries((await app.agents.list()).map((a) => [a.login, a.role]));
    expect(roles).toEqual({ "root@localhost": "ADMIN", "agent.smith": "ADMIN", "agent.reader": "READ_ONLY" });
    const { actor: reader } = await app.agents.login("agent.reader", FIXTURE_PASSWORDS["agent.reader"]!);
    expect(reader.role).toBe("READ_ONLY");
    const { actor: root } = await app.agents.login("root@localhost", FIXTURE_PASSWORDS["root@localhost"]!);
    expect(root.role).toBe("ADMIN");
    // the sign-in is recorded where OTOBO keeps it
    const [last] = await raw.exec(
      `SELECT preferences_value FROM user_preferences p JOIN users u ON u.id = p.user_id
       WHERE u.login = 'agent.reader' AND preferences_key = 'UserLastLogin'`,
    );
    expect(Number(last!.preferences_value)).toBe(Math.floor(clock / 1000));
    // promoting replaces ro with rw and leaves OTOBO's move_into row alone, written by the acting agent
    await app.agents.update(root, reader.id, { role: "ADMIN" });
    const keys = await raw.exec(
      `SELECT permission_key, gu.create_by FROM group_user gu JOIN groups_table g ON g.id = gu.group_id
       WHERE g.name = 'admin' AND gu.user_id = $1 ORDER BY 1`,
      [reader.id],
    );
    expect(keys).toEqual([
      { permission_key: "move_into", create_by: 1 },
      { permission_key: "rw", create_by: root.id },
    ]);
    await app.agents.update(root, reader.id, { role: "READ_ONLY" });
    // an OTOBO agent without rw or ro in admin is not an agent of Clientele
    await raw.exec(`INSERT INTO users (login, pw, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
      SELECT 'agent.outsider', pw, 'Out', 'Sider', 1, now(), 1, now(), 1 FROM users WHERE login = 'agent.reader'`);
    await expect(app.agents.login("agent.outsider", FIXTURE_PASSWORDS["agent.reader"]!)).rejects.toThrow(
      /not an agent of Clientele/,
    );
  });

  test("the sign-in throttle keeps its counts in the schema clientele", async () => {
    for (let i = 0; i < 5; i++) {
      await expect(app.agents.login("agent.smith", "wrong", "10.1.1.1")).rejects.toBeInstanceOf(
        UnauthenticatedError,
      );
    }
    await expect(
      app.agents.login("agent.smith", FIXTURE_PASSWORDS["agent.smith"]!, "10.1.1.1"),
    ).rejects.toBeInstanceOf(RateLimitedError);
    const [row] = await raw.exec("SELECT count(*)::int AS n FROM clientele.login_throttle");
    expect(row!.n).toBeGreaterThan(0);
    clock += 61_000;
    expect(
      (await app.agents.login("agent.smith", FIXTURE_PASSWORDS["agent.smith"]!, "10.1.1.1")).actor.login,
    ).toBe("agent.smith");
    // customer users are throttled the same way
    for (let i = 0; i < 5; i++)
      await app.customerUserAuth.authenticate("cu.md5", "wrong", "10.2.2.2").catch(() => null);
    await expect(
      app.customerUserAuth.authenticate("cu.md5", FIXTURE_PASSWORDS["cu.md5"]!, "10.2.2.2"),
    ).rejects.toBeInstanceOf(RateLimitedError);
  });

  test("the customer-user mapping fills OTOBO's dynamic fields, with history rows as OTOBO writes them", async () => {
    const actor = await agent();
    await mapOtoboDynamicFields(raw, { UserCity: "CustomerCity" });
    await raw.exec("UPDATE customer_user SET city = 'Utrecht' WHERE login = 'cu.md5'");
    const [target] = await raw.exec("SELECT id FROM ticket WHERE tn = '2026010110000011'");
    await app.tickets.setCustomerUser(actor, Number(target!.id), "cu.md5");
    const [value] = await raw.exec(
      `SELECT v.value_text FROM dynamic_field_value v JOIN dynamic_field f ON f.id = v.field_id
       WHERE f.name = 'CustomerCity' AND v.object_id = $1`,
      [target!.id],
    );
    expect(value).toEqual({ value_text: "Utrecht" });
    // queue, type, owner, priority and state copied from the ticket: OTOBO's columns have no defaults
    const history = await raw.exec(
      `SELECT ht.name AS type, h.queue_id, h.owner_id, h.priority_id, h.state_id, h.type_id, h.create_by
       FROM ticket_history h JOIN ticket_history_type ht ON ht.id = h.history_type_id
       WHERE h.ticket_id = $1 ORDER BY h.id`,
      [target!.id],
    );
    const copied = { queue_id: 1, owner_id: 1, priority_id: 1, state_id: 1, type_id: 1, create_by: actor.id };
    expect(history).toEqual([
      { type: "CustomerUpdate", ...copied },
      { type: "TicketDynamicFieldUpdate", ...copied },
    ]);
  });

  test("without a configured passwordHash, OTOBO's CryptType is followed when Clientele can write it", async () => {
    expect(app.passwordHash).toBe("bcrypt"); // no CryptType in the fixture's System Configuration
    await raw.exec(
      `INSERT INTO sysconfig_default (name, description, navigation, is_invisible, is_readonly, is_required,
        is_valid, has_configlevel, user_modification_possible, user_modification_active, xml_content_raw,
        xml_content_parsed, xml_filename, effective_value, is_dirty, exclusive_lock_guid,
        create_time, create_by, change_time, change_by)
      VALUES ('Customer::AuthModule::DB::CryptType', 'test', 'Core::Auth::Customer', 0, 0, 0, 1, 100, 0, 0,
        '<Setting/>', '---', 'Framework.xml', '--- sha512', 0, '0', now(), 1, now(), 1)`,
    );
    const config = loadConfig(undefined);
    expect((await createClientele({ database, config })).passwordHash).toBe("sha512");
    // plain (or crypt, md5, …) is not written: bcrypt, which OTOBO verifies whatever its CryptType
    await raw.exec(
      "UPDATE sysconfig_default SET effective_value = '--- plain' WHERE name = 'Customer::AuthModule::DB::CryptType'",
    );
    expect((await createClientele({ database, config })).passwordHash).toBe("bcrypt");
    // a configured format wins
    expect(
      (await createClientele({ database, config: { ...config, passwordHash: "sha2" } })).passwordHash,
    ).toBe("sha2");
    await raw.exec("DELETE FROM sysconfig_default WHERE name = 'Customer::AuthModule::DB::CryptType'");
  });

  test("OTOBO's schema is byte-identical after all of it", () => {
    expect(dumpOtoboSchema(raw.url)).toBe(schemaBefore);
  });
});
