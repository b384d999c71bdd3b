import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";

/**
 * `column IN (values)` with the values sent as one JSON parameter: a list of 10,000 logins is then
 * one bind parameter instead of 10,000, which keeps parsing and planning cheap on both drivers.
 */
export function inJsonList(column: AnyColumn | SQL, values: readonly (string | number)[]): SQL {
  if (values.length === 0) return sql`false`;
  const json = JSON.stringify(values);
  return typeof values[0] === "number"
    ? sql`${column} in (select (jsonb_array_elements_text(${json}::jsonb))::int)`
    : sql`${column} in (select jsonb_array_elements_text(${json}::jsonb))`;
}

/**
 * Serialises the set-mutations on one relation table. Each replaces a set by delete + insert; two
 * concurrent saves touching the same rows would otherwise collide on the primary key instead of the
 * later one simply winning. Admin saves are rare, so one lock per table costs nothing.
 */
export async function lockRelation(
  tx: Db,
  table:
    | "group_customer_user"
    | "group_customer"
    | "service_customer_user"
    | "customer_user_customer"
    | "setting",
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`clientele:${table}`}))`);
}
