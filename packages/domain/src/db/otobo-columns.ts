import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/**
 * The audit columns as OTOBO writes them (Kernel/System/CustomerUser/DB.pm and friends): the time
 * and the acting agent's `users.id`, named in every insert and update, because OTOBO's columns have
 * no defaults.
 */
export const createdBy = (actorId: number, now: Date = new Date()) => ({
  createTime: now,
  createBy: actorId,
  changeTime: now,
  changeBy: actorId,
});

export const changedBy = (actorId: number, now: Date = new Date()) => ({
  changeTime: now,
  changeBy: actorId,
});

/**
 * The change time of a row that takes part in optimistic concurrency (`expectedChangedAt`). OTOBO's
 * columns keep whole seconds, so two saves in one second would carry the same time and a stale
 * save could not be told from a fresh one; the time therefore always moves on by at least a
 * second past the previous one (a burst of saves runs at most that far ahead of the clock).
 */
export const nextChangeTime = (column: AnyColumn | SQL): SQL =>
  sql`greatest(now(), ${column} + interval '1 second')`;
