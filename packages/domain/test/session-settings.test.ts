/**
 * The session settings of db/client.ts reach PostgreSQL on every connection of the pool.
 */
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { queryRows } from "../src/db/client";
import { createTestDatabase } from "../src/testing";

test("every connection Clientele opens plans without parallel workers", async () => {
  const database = await createTestDatabase({ driver: "postgres" });
  try {
    // Several at once, so more than one connection of the pool answers.
    const settings = await Promise.all(
      Array.from({ length: 4 }, () =>
        queryRows<{ setting: string }>(
          database.db,
          sql`select current_setting('max_parallel_workers_per_gather') as setting, pg_sleep(0.05)`,
        ),
      ),
    );
    expect(settings.map((rows) => rows[0]?.setting)).toEqual(["0", "0", "0", "0"]);
  } finally {
    await database.drop();
  }
});
