import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./client";

/** PostgreSQL takes at most 65,535 bind parameters a statement; stay well below with any row width. */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts any number of rows in as few statements as the parameter limit allows, so a set of 12,000
 * relations saves in a few statements instead of failing or taking 12,000 round trips.
 */
export async function insertInChunks<T extends PgTable>(
  tx: Db,
  table: T,
  rows: ReadonlyArray<T["$inferInsert"]>,
): Promise<void> {
  if (rows.length === 0) return;
  const width = Math.max(1, Object.keys(rows[0] as object).length);
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / width));
  for (let i = 0; i < rows.length; i += size) {
    await tx.insert(table).values(rows.slice(i, i + size) as T["$inferInsert"][]);
  }
}
