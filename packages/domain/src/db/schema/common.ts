import { integer, smallint, timestamp } from "drizzle-orm/pg-core";

/** OTOBO's audit columns. Millisecond precision so optimistic concurrency can tell two saves apart. */
export const auditColumns = {
  createTime: timestamp("create_time", { precision: 3, mode: "date" }).notNull().defaultNow(),
  createBy: integer("create_by").notNull().default(1),
  changeTime: timestamp("change_time", { precision: 3, mode: "date" }).notNull().defaultNow(),
  changeBy: integer("change_by").notNull().default(1),
};

export const validId = () => smallint("valid_id").notNull().default(1);
