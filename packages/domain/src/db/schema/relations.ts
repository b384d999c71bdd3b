import { index, integer, pgTable, primaryKey, smallint, timestamp, varchar } from "drizzle-orm/pg-core";
import { auditColumns } from "./common";
import { groupsTable, service } from "./core";

/** Direct group grants of customer users (`user_id` holds a login). */
export const groupCustomerUser = pgTable(
  "group_customer_user",
  {
    userId: varchar("user_id", { length: 100 }).notNull(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groupsTable.id),
    permissionKey: varchar("permission_key", { length: 20 }).notNull(),
    permissionValue: smallint("permission_value").notNull(),
    ...auditColumns,
  },
  (t) => [
    primaryKey({ name: "group_customer_user_pk", columns: [t.userId, t.groupId, t.permissionKey] }),
    index("group_customer_user_group_id").on(t.groupId),
  ],
);

/** Group grants of customers (companies), per permission context. */
export const groupCustomer = pgTable(
  "group_customer",
  {
    customerId: varchar("customer_id", { length: 150 }).notNull(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groupsTable.id),
    permissionKey: varchar("permission_key", { length: 20 }).notNull(),
    permissionValue: smallint("permission_value").notNull(),
    permissionContext: varchar("permission_context", { length: 100 }).notNull(),
    ...auditColumns,
  },
  (t) => [
    primaryKey({
      name: "group_customer_pk",
      columns: [t.customerId, t.groupId, t.permissionKey, t.permissionContext],
    }),
    index("group_customer_group_id").on(t.groupId),
  ],
);

/** Services of customer users; the login `<DEFAULT>` holds the default services. */
export const serviceCustomerUser = pgTable(
  "service_customer_user",
  {
    customerUserLogin: varchar("customer_user_login", { length: 191 }).notNull(),
    serviceId: integer("service_id")
      .notNull()
      .references(() => service.id),
    createTime: timestamp("create_time", { precision: 3, mode: "date" }).notNull(),
    createBy: integer("create_by").notNull(),
  },
  (t) => [
    primaryKey({ name: "service_customer_user_pk", columns: [t.customerUserLogin, t.serviceId] }),
    index("service_customer_user_service_id").on(t.serviceId),
  ],
);
