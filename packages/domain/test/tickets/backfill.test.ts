import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { queryRows } from "../../src/db/client";
import type { BackfillJobRecord } from "../../src/tickets";
import { seedTickets } from "../support/ticket-seed";
import { actor, type TicketFixture, ticketFixture } from "../support/tickets";

const USERS = 500;
const TICKETS = 50_000;
const OPEN = TICKETS - TICKETS / 10;

let f: TicketFixture;
let fieldId: number;
beforeAll(async () => {
  f = await ticketFixture();
  await seedTickets(f.db, USERS, TICKETS);
  fieldId = (await f.addField("Room")).id;
  await f.map({ UserRoom: "Room" });
  // The first 1000 tickets already hold the right room: the backfill must skip them, not rewrite them.
  await f.db.execute(sql`
    insert into dynamic_field_value (field_id, object_id, value_text)
    select ${fieldId}, t.id, c.room from ticket t join customer_user c on c.login = t.customer_user_id
    where t.id <= 1000 and t.ticket_state_id <> 2`);
}, 300_000);
afterAll(async () => f?.close());

const valueRows = () =>
  queryRows<{ id: number; object_id: number }>(
    f.db,
    sql`select id, object_id from dynamic_field_value order by id`,
  );
const dfHistory = () =>
  f.count(
    "ticket_history h join ticket_history_type t on t.id = h.history_type_id",
    "t.name = 'TicketDynamicFieldUpdate'",
  );

test("50,000 tickets: progress per batch, cancelled, resumed, nothing written twice", async () => {
  const progress: BackfillJobRecord[] = [];
  let cancelAfter: number | null = 3;
  const service = f.backfillWith({
    batchSize: 2000,
    onBatch: async (job) => {
      progress.push(job);
      if (cancelAfter !== null && progress.length === cancelAfter) await service.cancel(actor, job.id);
    },
  });
  const started = await service.start(actor, { kind: "ALL", openOnly: true });
  expect(started).toMatchObject({ state: "QUEUED", total: OPEN, processed: 0 });

  const cancelled = await service.settled(started.id);
  expect(cancelled).toMatchObject({ state: "CANCELLED", processed: 6000 });
  expect(progress.map((p) => p.processed)).toEqual([2000, 4000, 6000]);
  const afterCancel = await valueRows();
  const historyAfterCancel = await dfHistory();
  // 6000 open tickets done, of which the ~900 pre-filled open ones among the first 1000 were skipped.
  expect(cancelled.updated + cancelled.skipped).toBe(6000);
  expect(cancelled.skipped).toBe(900);
  expect(historyAfterCancel).toBe(cancelled.updated);

  cancelAfter = null;
  await service.resume(actor, started.id);
  const done = await service.settled(started.id);
  expect(done).toMatchObject({
    state: "DONE",
    processed: OPEN,
    total: OPEN,
    skipped: 900,
    updated: OPEN - 900,
  });
  expect(progress.at(-1)!.processed).toBe(OPEN);

  // Nothing written twice: rows from before the cancel keep their ids, one row and one history entry per open ticket.
  const rows = await valueRows();
  expect(rows.slice(0, afterCancel.length)).toEqual(afterCancel);
  expect(rows).toHaveLength(OPEN);
  expect(new Set(rows.map((r) => r.object_id)).size).toBe(OPEN);
  expect(await dfHistory()).toBe(OPEN - 900);
  const wrong = await queryRows<{ n: number }>(
    f.db,
    sql`select count(*)::int as n from ticket t join customer_user c on c.login = t.customer_user_id
        left join dynamic_field_value v on v.object_id = t.id and v.field_id = ${fieldId}
        where t.ticket_state_id <> 2 and v.value_text is distinct from c.room`,
  );
  expect(wrong[0]!.n).toBe(0);
  // Closed tickets were left alone.
  expect(
    await f.count("dynamic_field_value v join ticket t on t.id = v.object_id", "t.ticket_state_id = 2"),
  ).toBe(0);

  // A second run finds everything in line and writes nothing.
  const again = await f.app.backfill.start(actor, { kind: "ALL", openOnly: true });
  expect(await f.app.backfill.settled(again.id)).toMatchObject({ state: "DONE", updated: 0, skipped: OPEN });
  expect(await dfHistory()).toBe(OPEN - 900);
  expect(await valueRows()).toEqual(rows);
}, 300_000);

test("scope: one customer user's tickets, closed ones included when asked", async () => {
  await f.db.execute(sql`update customer_user set room = 'moved' where login = 'u0007'`);
  const job = await f.app.backfill.start(actor, { kind: "CUSTOMER_USER", value: "U0007", openOnly: false });
  expect(job.total).toBe(TICKETS / USERS);
  const done = await f.app.backfill.settled(job.id);
  expect(done).toMatchObject({ state: "DONE", processed: 100, updated: 100 });
  const rooms = await queryRows<{ value_text: string; n: number }>(
    f.db,
    sql`select v.value_text, count(*)::int as n from dynamic_field_value v join ticket t on t.id = v.object_id
        where t.customer_user_id = 'u0007' group by 1`,
  );
  expect(rooms).toEqual([{ value_text: "moved", n: 100 }]);
}, 120_000);

test("a job that was running when the process stopped is picked up again from its last ticket", async () => {
  await f.db.execute(sql`update customer_user set room = 'again' where customer_id = 'ACME'`);
  const first = f.backfillWith({ batchSize: 5000 });
  const job = await first.start(actor, { kind: "CUSTOMER", value: "ACME", openOnly: true });
  await first.cancel(actor, job.id);
  await first.settled(job.id);
  // As if the process had died mid-run: the row still says RUNNING.
  await f.db.execute(
    sql`update clientele.backfill_job set state = 'RUNNING', finished_at = null where id = ${job.id}`,
  );
  const restarted = f.backfillWith({ batchSize: 5000 });
  expect(await restarted.resumeInterrupted()).toContain(job.id);
  const done = await restarted.settled(job.id);
  expect(done.state).toBe("DONE");
  expect(done.processed).toBe(OPEN);
  expect(await f.count("dynamic_field_value", "value_text <> 'again'")).toBe(0);
}, 300_000);

test("refusals: unknown scope, missing value, a job id that does not exist", async () => {
  await expect(f.app.backfill.start(actor, { kind: "CUSTOMER", value: " " })).rejects.toMatchObject({
    code: "BAD_USER_INPUT",
    extensions: { field: "scope.value" },
  });
  await expect(f.app.backfill.start(actor, { kind: "X" as "ALL" })).rejects.toMatchObject({
    extensions: { field: "scope.kind" },
  });
  await expect(f.app.backfill.cancel(actor, 99999)).rejects.toMatchObject({ code: "NOT_FOUND" });
});

test("every batch is in the audit log with the ticket range it finished", async () => {
  const [row] = await queryRows<{ n: number }>(
    f.db,
    sql`select count(*)::int as n from clientele.audit_log where entity_type = 'backfill_job' and action = 'batch'`,
  );
  expect(row!.n).toBeGreaterThan(0);
});
