import { sql } from "drizzle-orm";
import { createClientele } from "../../src/clientele";
import { parseConfig } from "../../src/config/backends";
import { defaultDbMap } from "../../src/config/map";
import { queryRows } from "../../src/db/client";
import { createTestDatabase } from "../../src/testing";
import type { BackfillDeps } from "../../src/tickets/backfill";
import { BackfillService } from "../../src/tickets/backfill";

export const actor = { id: 1, login: "root@localhost" };

/** The README's `room` example: a `room` column and a `UserRoom` map row. */
export const roomConfig = () =>
  parseConfig({
    backends: [
      {
        module: "db",
        name: "Database",
        map: [
          ...defaultDbMap,
          { attribute: "UserRoom", label: "Room", storage: "room", shown: 1, required: false },
        ],
      },
    ],
  });

/** A fresh database with the `room` column, the whole domain, and helpers for tickets. */
export async function ticketFixture() {
  const database = await createTestDatabase();
  await database.db.execute(sql`ALTER TABLE customer_user ADD room varchar(250)`);
  const app = await createClientele({ database, config: roomConfig() });
  let counter = 0;
  const f = {
    database,
    app,
    db: app.db,
    async addCustomer(customerId: string, name = `${customerId} Inc.`) {
      return app.customers.create({ customerId, name, valid: 1 }, actor);
    },
    async addUser(login: string, customerId: string, extra: { room?: string; firstName?: string } = {}) {
      counter += 1;
      const { record } = await app.customerUsers.create(
        {
          login,
          firstName: extra.firstName ?? "First",
          lastName: `Last${counter}`,
          email: `${login.replace(/[^A-Za-z0-9]/g, "")}${counter}@clientele.test`,
          customerId,
          password: "correct horse battery",
          valid: 1,
          attributes: extra.room === undefined ? [] : [{ attribute: "UserRoom", value: extra.room }],
        },
        actor,
      );
      return record;
    },
    async addField(name: string, objectType = "Ticket") {
      return app.dynamicFields.create(actor, { name, label: name, objectType });
    },
    async map(mapping: Record<string, string>) {
      return app.settings.update(actor, {
        dynamicFieldFromCustomerUser: true,
        dynamicFieldFromCustomerUserMapping: Object.entries(mapping).map(([attribute, dynamicField]) => ({
          attribute,
          dynamicField,
        })),
      });
    },
    /** name → value of a ticket's fields (only the ones with a value). */
    async values(ticketId: number) {
      const list = (await app.tickets.valuesMany([ticketId])).get(ticketId) ?? [];
      return Object.fromEntries(list.filter((v) => v.value !== null).map((v) => [v.name, v.value]));
    },
    async history(ticketId: number) {
      return (await app.tickets.history(ticketId)).map((h) => `${h.type} ${h.name}`);
    },
    async count(table: string, where = "true") {
      const [row] = await queryRows<{ n: number }>(
        app.db,
        sql.raw(`select count(*)::int as n from ${table} where ${where}`),
      );
      return row!.n;
    },
    /** A backfill service with its own batch size and per-batch hook (the app's one runs at 1000). */
    backfillWith(options: Pick<BackfillDeps, "batchSize" | "onBatch">) {
      return new BackfillService(app.db, {
        tickets: app.tickets,
        attributes: app.attributes,
        audit: app.audit,
        ...options,
      });
    },
    async close() {
      await app.backfill.idle();
      await database.drop();
    },
  };
  return f;
}

export type TicketFixture = Awaited<ReturnType<typeof ticketFixture>>;
