import { afterAll, beforeAll, expect, test } from "vitest";
import type { Actor } from "../../src/audit/audit";
import { type Clientele, createClientele } from "../../src/clientele";
import { loadConfig } from "../../src/config/backends";
import { type Database, openDatabase } from "../../src/db/client";
import { type BackfillJobRecord, BackfillService } from "../../src/tickets";
import { createOtoboDatabase, dumpOtoboSchema, type RawDatabase } from "../support/otobo/database";
import { mapOtoboDynamicFields, seedOtoboRows } from "../support/otobo/rows";

/**
 * The backfill on an attached OTOBO 11 database: 50,000 of OTOBO's tickets get the mapped value in
 * `dynamic_field_value` and a `TicketDynamicFieldUpdate` history row each, batch by batch; a cancelled
 * job resumes where it stopped and nothing is written twice; OTOBO's schema is unchanged.
 */
const USERS = 500;
const TICKETS = 50_000;
const BATCH = 2000;

let raw: RawDatabase;
let database: Database;
let app: Clientele;
let schemaBefore: string;
let actor: Actor;

beforeAll(async () => {
  raw = await createOtoboDatabase("otobo11");
  await seedOtoboRows(raw, "groups_table");
  await mapOtoboDynamicFields(raw, { UserCity: "CustomerCity" });
  const audit = "now(), 1, now(), 1";
  await raw.exec(`INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
    VALUES ('BULK', 'Bulk Inc.', 1, ${audit})`);
  await raw.exec(`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, city, valid_id,
      create_time, create_by, change_time, change_by)
    SELECT 'bulk' || lpad(n::text, 4, '0'), 'bulk' || n || '@clientele.test', 'BULK', 'Bulk', 'No ' || n,
      'City ' || n, 1, ${audit}
    FROM generate_series(0, ${USERS - 1}) n`);
  await raw.exec(`INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, user_id, responsible_user_id,
      ticket_priority_id, ticket_state_id, customer_id, customer_user_id, timeout, until_time, escalation_time,
      escalation_update_time, escalation_response_time, escalation_solution_time, create_time, create_by,
      change_time, change_by)
    SELECT '2026020110' || lpad(n::text, 7, '0'), 'Bulk ' || n, 1, 1, 1, 1, 1, 1, 'BULK',
      'bulk' || lpad((n % ${USERS})::text, 4, '0'), 0, 0, 0, 0, 0, 0, ${audit}
    FROM generate_series(1, ${TICKETS}) n`);
  schemaBefore = dumpOtoboSchema(raw.url);
  database = await openDatabase({ url: raw.url });
  app = await createClientele({ database, config: loadConfig(undefined) });
  const [root] = await raw.exec("SELECT id, login FROM users WHERE login = 'root@localhost'");
  actor = { id: Number(root!.id), login: String(root!.login), role: "ADMIN" };
}, 300_000);

afterAll(async () => {
  await app?.backfill.idle();
  await database?.close();
  await raw?.drop();
});

const count = async (query: string): Promise<number> => Number((await raw.exec(query))[0]!.n);
const bulkValues = () =>
  count(`SELECT count(*) AS n FROM dynamic_field_value v JOIN ticket t ON t.id = v.object_id
    WHERE t.customer_id = 'BULK'`);
const bulkHistory = () =>
  count(`SELECT count(*) AS n FROM ticket_history h
    JOIN ticket_history_type ht ON ht.id = h.history_type_id JOIN ticket t ON t.id = h.ticket_id
    WHERE ht.name = 'TicketDynamicFieldUpdate' AND t.customer_id = 'BULK'`);

test("50,000 OTOBO tickets: progress per batch, cancelled, resumed, nothing written twice", async () => {
  expect(app.mode).toBe("attach");
  const progress: BackfillJobRecord[] = [];
  let cancelAfter: number | null = 3;
  const service: BackfillService = new BackfillService(app.db, {
    tickets: app.tickets,
    attributes: app.attributes,
    audit: app.audit,
    batchSize: BATCH,
    onBatch: async (job) => {
      progress.push(job);
      if (cancelAfter !== null && progress.length === cancelAfter) await service.cancel(actor, job.id);
    },
  });
  const started = await service.start(actor, { kind: "CUSTOMER", value: "BULK", openOnly: true });
  expect(started).toMatchObject({ state: "QUEUED", total: TICKETS, processed: 0 });

  const cancelled = await service.settled(started.id);
  expect(cancelled).toMatchObject({ state: "CANCELLED", processed: 3 * BATCH, updated: 3 * BATCH });
  expect(progress.map((p) => p.processed)).toEqual([BATCH, 2 * BATCH, 3 * BATCH]);
  expect(await bulkValues()).toBe(3 * BATCH);
  expect(await bulkHistory()).toBe(3 * BATCH);

  cancelAfter = null;
  await service.resume(actor, started.id);
  const done = await service.settled(started.id);
  expect(done).toMatchObject({ state: "DONE", processed: TICKETS, updated: TICKETS, skipped: 0 });
  // One value and one history row per ticket: the resumed job did not redo the first batches.
  expect(await bulkValues()).toBe(TICKETS);
  expect(await bulkHistory()).toBe(TICKETS);
  expect(
    await count(`SELECT count(*) AS n FROM (SELECT object_id FROM dynamic_field_value
      GROUP BY object_id, field_id HAVING count(*) > 1) d`),
  ).toBe(0);
  const [sample] = await raw.exec(
    `SELECT v.value_text FROM dynamic_field_value v JOIN ticket t ON t.id = v.object_id
     WHERE t.tn = '20260201100000007'`,
  );
  expect(sample).toEqual({ value_text: "City 7" });

  // A second run finds every ticket in line and writes nothing.
  const again = await service.settled((await service.start(actor, { kind: "CUSTOMER", value: "BULK" })).id);
  expect(again).toMatchObject({ state: "DONE", updated: 0, skipped: TICKETS });
  expect(await bulkHistory()).toBe(TICKETS);
}, 600_000);

test("OTOBO's schema is byte-identical after the backfill", () => {
  expect(dumpOtoboSchema(raw.url)).toBe(schemaBefore);
});
