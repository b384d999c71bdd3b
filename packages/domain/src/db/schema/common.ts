import { integer, smallint, timestamp } from "drizzle-orm/pg-core";

/**
 * OTOBO's audit columns. No defaults: OTOBO's own columns have none, so every insert names them
 * (see `db/otobo-columns.ts`). Millisecond precision in standalone mode so optimistic concurrency
 * can tell two saves apart; OTOBO's own columns keep whole seconds.
 */
export const auditColumns = {
  createTime: timestamp("create_time", { precision: 3, mode: "date" }).notNull(),
  createBy: integer("create_by").notNull(),
  changeTime: timestamp("change_time", { precision: 3, mode: "date" }).notNull(),
  changeBy: integer("change_by").notNull(),
};

export const validId = () => smallint("valid_id").notNull();
