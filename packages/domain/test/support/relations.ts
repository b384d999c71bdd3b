import { sql } from "drizzle-orm";
import { createClientele } from "../../src/clientele";
import { loadConfig } from "../../src/config/backends";
import { queryRows } from "../../src/db/client";
import { createTestDatabase } from "../../src/testing";

export const actor = { id: 1, login: "root@localhost" };

/** A fresh database with the whole domain and helpers to build the scenarios of docs/otobo-behaviour.md §3, §6, §7. */
export async function relationFixture() {
  const database = await createTestDatabase();
  const app = await createClientele({ database, config: loadConfig(undefined) });
  const { groups, services, settings, permissions } = app;
  const rel = { groups, services, settings, permissions };
  let counter = 0;

  const fixture = {
    database,
    app,
    ...rel,
    db: app.db,
    async addCustomer(customerId: string, valid: 1 | 2 | 3 = 1) {
      return app.customers.create({ customerId, name: `${customerId} Inc.`, valid }, actor);
    },
    async addUser(login: string, customerId: string, valid: 1 | 2 | 3 = 1) {
      counter += 1;
      const { record } = await app.customerUsers.create(
        {
          login,
          firstName: "First",
          lastName: `Last${counter}`,
          email: `${login.replace(/[^A-Za-z0-9]/g, "")}${counter}@clientele.test`,
          customerId,
          password: "correct horse battery",
          valid,
        },
        actor,
      );
      return record;
    },
    async addGroup(name: string, validId: 1 | 2 | 3 = 1) {
      return rel.groups.create(actor, { name, validId });
    },
    async addService(name: string, validId: 1 | 2 | 3 = 1) {
      return rel.services.create(actor, { name, validId });
    },
    async user(login: string) {
      const record = await app.customerUsers.get(login);
      if (!record) throw new Error(`no user ${login}`);
      return record;
    },
    /** Group names with the permission, as OTOBO's GroupMemberList(UserID, Type, Result => 'Name'). */
    async groupNames(login: string, permission: "RO" | "RW") {
      const effective = await rel.permissions.effectiveFor(await fixture.user(login));
      return effective
        .filter((e) => e.permissions.includes(permission))
        .map((e) => e.group.name)
        .sort();
    },
    /** A snapshot of every relation table, to show a refused write changed nothing. */
    async relationSnapshot() {
      const tables = [
        "group_customer_user",
        "group_customer",
        "service_customer_user",
        "customer_user_customer",
      ];
      const out: Record<string, unknown[]> = {};
      for (const t of tables) {
        out[t] = await queryRows(app.db, sql.raw(`select * from ${t} order by 1, 2, 3`));
      }
      out.audit = await queryRows(app.db, sql`select count(*)::int as n from clientele.audit_log`);
      return out;
    },
    async close() {
      await database.drop();
    },
  };
  return fixture;
}

export type RelationFixture = Awaited<ReturnType<typeof relationFixture>>;
