/**
 * Measures the dynamic-field backfill: 50,000 tickets of 1,000 customer users (90% open), mapping
 * UserRoom → Room, batches of 1000; prints tickets per second for the first run (every ticket
 * written) and for a second run (every ticket already in line, nothing written).
 *
 *   npx tsx bench/backfill.bench.ts [tickets]     # needs PostgreSQL (TEST_POSTGRES_URL or the local default)
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { createClientele } from "../src/clientele";
import { createTestDatabase } from "../src/testing";
import { seedTickets } from "../test/support/ticket-seed";
import { roomConfig } from "../test/support/tickets";

const actor = { id: 1, login: "root@localhost" };

async function main() {
  const tickets = Number(process.argv[2] ?? 50_000);
  const database = await createTestDatabase();
  try {
    await database.db.execute(sql`ALTER TABLE customer_user ADD room varchar(250)`);
    await seedTickets(database.db, 1000, tickets);
    const app = await createClientele({ database, config: roomConfig() });
    await app.dynamicFields.create(actor, { name: "Room", label: "Room" });
    await app.settings.update(actor, {
      dynamicFieldFromCustomerUser: true,
      dynamicFieldFromCustomerUserMapping: [{ attribute: "UserRoom", dynamicField: "Room" }],
    });
    for (const label of ["first run (all written)", "second run (all in line)"]) {
      const t0 = performance.now();
      const job = await app.backfill.start(actor, { kind: "ALL", openOnly: true });
      const done = await app.backfill.settled(job.id);
      const seconds = (performance.now() - t0) / 1000;
      console.log(
        `${label}: ${done.processed} tickets (${done.updated} updated, ${done.skipped} skipped) in ${seconds.toFixed(1)} s = ${Math.round(done.processed / seconds)} tickets/s`,
      );
    }
  } finally {
    await database.drop();
  }
}

await main();
