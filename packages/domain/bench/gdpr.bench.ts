/**
 * Measures the data-protection operations on a busy database: 1,000 customer users, 100,000 tickets
 * (100 per user) with a mapped Room value and two history lines each, and 500,000 audit entries
 * (500 per user). Prints the median and slowest time of exporting and of anonymising 5 users; each
 * anonymisation moves 100 tickets, rewrites their mapped values, scrubs their history and reads the
 * whole audit log once.
 *
 *   npx tsx bench/gdpr.bench.ts [auditEntries]     # needs PostgreSQL (TEST_POSTGRES_URL or the local default)
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { createClientele } from "../src/clientele";
import { createTestDatabase } from "../src/testing";
import { seedTickets } from "../test/support/ticket-seed";
import { roomConfig } from "../test/support/tickets";

const actor = { id: 1, login: "root@localhost", role: "ADMIN" as const };
const USERS = 1000;
const TICKETS = 100_000;
const RUNS = 5;

async function main() {
  const auditEntries = Number(process.argv[2] ?? 500_000);
  const database = await createTestDatabase();
  try {
    const db = database.db;
    await db.execute(sql`ALTER TABLE customer_user ADD room varchar(250)`);
    await seedTickets(db, USERS, TICKETS);
    const app = await createClientele({ database, config: roomConfig() });
    const room = await app.dynamicFields.create(actor, { name: "Room", label: "Room" });
    await app.settings.update(actor, {
      dynamicFieldFromCustomerUser: true,
      dynamicFieldFromCustomerUserMapping: [{ attribute: "UserRoom", dynamicField: "Room" }],
    });
    await db.execute(sql`insert into dynamic_field_value (field_id, object_id, value_text)
      select ${room.id}, t.id, u.room from ticket t join customer_user u on u.login = t.customer_user_id`);
    await db.execute(sql`insert into ticket_history (name, history_type_id, ticket_id, article_id, type_id,
        queue_id, owner_id, priority_id, state_id, create_time, create_by, change_time, change_by)
      select v.name, ht.id, t.id, null, 1, 1, 1, 1, 1, now(), 1, now(), 1
      from ticket t
      cross join lateral (values ('CustomerUpdate', '%%CustomerID=ACME;CustomerUser=' || t.customer_user_id || ';'),
        ('TicketDynamicFieldUpdate', '%%FieldName%%Room%%Value%%' || 'R-' || ltrim(substr(t.customer_user_id, 2), '0') || '%%OldValue%%')) v(type, name)
      join ticket_history_type ht on ht.name = v.type`);
    await db.execute(sql`insert into clientele.audit_log (actor, entity_type, entity_id, action, before, after)
      select 'root@localhost', 'customer_user', 'u' || lpad((n % ${USERS})::text, 4, '0'), 'update',
        jsonb_build_object('UserEmail', 'u' || (n % ${USERS}) || '@clientele.test', 'UserCity', 'Old ' || n),
        jsonb_build_object('UserEmail', 'u' || (n % ${USERS}) || '@clientele.test', 'UserCity', 'New ' || n)
      from generate_series(1, ${auditEntries}) n`);
    await db.execute(sql`analyze`);
    console.log(
      `${USERS} users, ${TICKETS} tickets (${TICKETS / USERS} per user), ${auditEntries} audit entries (${auditEntries / USERS} per user)`,
    );
    const report = async (label: string, work: (login: string) => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const login = `u${String(i * 7).padStart(4, "0")}`;
        const t0 = performance.now();
        await work(login);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(
        `${label}: median ${times[Math.floor(RUNS / 2)]!.toFixed(0)} ms, slowest ${times[RUNS - 1]!.toFixed(0)} ms (${RUNS} users)`,
      );
    };
    await report("exportCustomerUserData", (login) => app.gdpr.exportData(login, actor));
    await report("anonymiseCustomerUser", (login) => app.gdpr.anonymise(login, actor));
  } finally {
    await database.drop();
  }
}

await main();
