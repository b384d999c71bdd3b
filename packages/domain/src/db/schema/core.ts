import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
  smallserial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { AGENT_FIELDS } from "../../rules/agent";
import { CATALOG_FIELDS, OTOBO_CATALOG_NAME_MAX } from "../../rules/catalog";
import { CUSTOMER_FIELDS } from "../../rules/customer";
import {
  PASSWORD_HASH_MAX,
  PREFERENCE_KEY_MAX,
  PREFERENCE_VALUE_MAX,
  CUSTOMER_USER_FIELDS as U,
} from "../../rules/customer-user";
import { auditColumns, validId } from "./common";
import { SEARCH_COVER_INDEX, SEARCH_ORDER_SQL, SEARCH_TEXT_SQL } from "./search-text";

/** OTOBO's `valid` table: 1 valid, 2 invalid, 3 invalid-temporarily. */
export const valid = pgTable("valid", {
  id: smallint("id").primaryKey(),
  name: varchar("name", { length: 191 }).notNull().unique("valid_name"),
  ...auditColumns,
});

/** Agents (OTOBO's `users`): the admins who sign in to Clientele. */
export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    login: varchar("login", { length: AGENT_FIELDS.login.max }).notNull().unique("users_login"),
    pw: varchar("pw", { length: PASSWORD_HASH_MAX }).notNull(),
    title: varchar("title", { length: U.title.max }),
    firstName: varchar("first_name", { length: AGENT_FIELDS.firstName.max }).notNull(),
    lastName: varchar("last_name", { length: AGENT_FIELDS.lastName.max }).notNull(),
    validId: validId(),
    ...auditColumns,
  },
  (t) => [uniqueIndex("users_login_lower").on(sql`lower(${t.login})`)],
);

/** Customers (companies). */
export const customerCompany = pgTable(
  "customer_company",
  {
    customerId: varchar("customer_id", { length: CUSTOMER_FIELDS.customerId.max }).primaryKey(),
    name: varchar("name", { length: CUSTOMER_FIELDS.name.max }).notNull().unique("customer_company_name"),
    street: varchar("street", { length: CUSTOMER_FIELDS.street.max }),
    zip: varchar("zip", { length: CUSTOMER_FIELDS.zip.max }),
    city: varchar("city", { length: CUSTOMER_FIELDS.city.max }),
    country: varchar("country", { length: CUSTOMER_FIELDS.country.max }),
    url: varchar("url", { length: CUSTOMER_FIELDS.url.max }),
    comments: varchar("comments", { length: CUSTOMER_FIELDS.comment.max }),
    validId: validId(),
    ...auditColumns,
  },
  (t) => [
    uniqueIndex("customer_company_id_lower").on(sql`lower(${t.customerId})`),
    index("customer_company_id_trgm").using("gin", sql`lower(${t.customerId}) gin_trgm_ops`),
    index("customer_company_name_trgm").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
  ],
);

/**
 * Customer users of the default DB backend. Extra columns (e.g. `room`) are added by admins with
 * ALTER TABLE and a map row; they are read through the backend's map, not through this definition.
 */
export const customerUser = pgTable(
  "customer_user",
  {
    id: serial("id").primaryKey(),
    login: varchar("login", { length: U.login.max }).notNull().unique("customer_user_login"),
    email: varchar("email", { length: U.email.max }).notNull(),
    customerId: varchar("customer_id", { length: U.customerId.max }).notNull(),
    pw: varchar("pw", { length: PASSWORD_HASH_MAX }),
    title: varchar("title", { length: U.title.max }),
    firstName: varchar("first_name", { length: U.firstName.max }).notNull(),
    lastName: varchar("last_name", { length: U.lastName.max }).notNull(),
    phone: varchar("phone", { length: U.phone.max }),
    fax: varchar("fax", { length: U.fax.max }),
    mobile: varchar("mobile", { length: U.mobile.max }),
    street: varchar("street", { length: U.street.max }),
    zip: varchar("zip", { length: U.zip.max }),
    city: varchar("city", { length: U.city.max }),
    country: varchar("country", { length: U.country.max }),
    comments: varchar("comments", { length: U.comment.max }),
    validId: validId(),
    ...auditColumns,
  },
  (t) => [
    // Case-insensitive uniqueness and lookup of logins (differs: OTOBO only checks in code).
    uniqueIndex("customer_user_login_lower").on(sql`lower(${t.login})`),
    // Listing order: byte order of the lower-cased login, the same order every backend and the merge use,
    // whatever the database's default collation.
    index("customer_user_login_order").on(sql`(lower(${t.login}) COLLATE "C")`, sql`${t.login} COLLATE "C"`),
    index("customer_user_email_lower").on(sql`lower(${t.email})`),
    index("customer_user_customer_id").on(t.customerId),
    // Trigram indexes keep `*term*` searches off sequential scans at 1,000,000 rows.
    index("customer_user_login_trgm").using("gin", sql`lower(${t.login}) gin_trgm_ops`),
    index("customer_user_first_name_trgm").using("gin", sql`lower(${t.firstName}) gin_trgm_ops`),
    index("customer_user_last_name_trgm").using("gin", sql`lower(${t.lastName}) gin_trgm_ops`),
    index("customer_user_customer_id_trgm").using("gin", sql`lower(${t.customerId}) gin_trgm_ops`),
    index("customer_user_email_trgm").using("gin", sql`lower(${t.email}) gin_trgm_ops`),
    // Searching at 1,000,000 rows without heap reads (docs/performance/search-plans.md).
    index(SEARCH_COVER_INDEX).on(
      sql.raw(SEARCH_ORDER_SQL[0]),
      ...SEARCH_ORDER_SQL.slice(1).map((e) => sql.raw(e)),
    ),
    index("customer_user_search_trgm").using("gin", sql.raw(`(${SEARCH_TEXT_SQL}) gin_trgm_ops`)),
  ],
);

/** Extra customers of a customer user (`user_id` holds a login). Real primary key (differs). */
export const customerUserCustomer = pgTable(
  "customer_user_customer",
  {
    userId: varchar("user_id", { length: 100 }).notNull(),
    customerId: varchar("customer_id", { length: 150 }).notNull(),
    ...auditColumns,
  },
  (t) => [
    primaryKey({ name: "customer_user_customer_pk", columns: [t.userId, t.customerId] }),
    index("customer_user_customer_user_id").on(t.userId),
    index("customer_user_customer_customer_id").on(t.customerId),
  ],
);

/** Customer preferences, keyed by login. */
export const customerPreferences = pgTable(
  "customer_preferences",
  {
    userId: varchar("user_id", { length: 191 }).notNull(),
    preferencesKey: varchar("preferences_key", { length: PREFERENCE_KEY_MAX }).notNull(),
    preferencesValue: varchar("preferences_value", { length: PREFERENCE_VALUE_MAX }),
  },
  (t) => [primaryKey({ name: "customer_preferences_pk", columns: [t.userId, t.preferencesKey] })],
);

export const groupColumns = (nameLength: number) => ({
  id: serial("id").primaryKey(),
  name: varchar("name", { length: nameLength }).notNull().unique("groups_table_name"),
  comments: varchar("comments", { length: CATALOG_FIELDS.comment.max }),
  validId: validId(),
  ...auditColumns,
});

/** Groups as OTOBO (and OTRS) keep them. */
export const groupsTable = pgTable("groups_table", groupColumns(OTOBO_CATALOG_NAME_MAX));

/**
 * Agents' group memberships, OTOBO's `group_user` (no key, as in OTOBO). Clientele's role is the
 * agent's membership of the group `admin`: `rw` is ADMIN, only `ro` is READ_ONLY. Other permission
 * keys (`move_into`, `create`, …) belong to OTOBO and are left as they are. Rows are written with
 * every column given, never relying on defaults, as OTOBO's own code does.
 */
export const groupUser = pgTable(
  "group_user",
  {
    userId: integer("user_id").notNull(),
    groupId: integer("group_id").notNull(),
    permissionKey: varchar("permission_key", { length: 20 }).notNull(),
    createTime: timestamp("create_time", { precision: 0, mode: "date" }).notNull(),
    createBy: integer("create_by").notNull(),
    changeTime: timestamp("change_time", { precision: 0, mode: "date" }).notNull(),
    changeBy: integer("change_by").notNull(),
  },
  (t) => [index("group_user_group_id").on(t.groupId), index("group_user_user_id").on(t.userId)],
);

/** Agents' preferences (OTOBO's `user_preferences`); Clientele keeps `UserLastLogin` (epoch seconds) here. */
export const userPreferences = pgTable(
  "user_preferences",
  {
    userId: integer("user_id").notNull(),
    preferencesKey: varchar("preferences_key", { length: 150 }).notNull(),
    preferencesValue: text("preferences_value"),
  },
  (t) => [index("user_preferences_user_id").on(t.userId)],
);

export const service = pgTable("service", {
  id: serial("id").primaryKey(),
  name: varchar("name", { length: CATALOG_FIELDS.name.max }).notNull().unique("service_name"),
  comments: varchar("comments", { length: CATALOG_FIELDS.comment.max }),
  validId: validId(),
  ...auditColumns,
});

/**
 * OTOBO's `dynamic_field`: field definitions per object type (`Ticket`, `Article`, …). `config` holds
 * OTOBO's YAML (e.g. `---\nDefaultValue: ''\n`), so an attached OTOBO reads what Clientele writes.
 */
export const dynamicField = pgTable("dynamic_field", {
  id: serial("id").primaryKey(),
  internalField: smallint("internal_field").notNull().default(0),
  name: varchar("name", { length: 200 }).notNull().unique("dynamic_field_name"),
  label: varchar("label", { length: 200 }).notNull(),
  fieldOrder: integer("field_order").notNull(),
  fieldType: varchar("field_type", { length: 200 }).notNull(),
  objectType: varchar("object_type", { length: 100 }).notNull(),
  config: text("config"),
  validId: validId(),
  ...auditColumns,
});

/** OTOBO's `dynamic_field_value`: one row per stored value; an empty value has no row (OTOBO's ValueSet). */
export const dynamicFieldValue = pgTable(
  "dynamic_field_value",
  {
    id: serial("id").primaryKey(),
    fieldId: integer("field_id").notNull(),
    objectId: bigint("object_id", { mode: "number" }).notNull(),
    valueText: varchar("value_text", { length: 3800 }),
    valueDate: timestamp("value_date", { precision: 0, mode: "date" }),
    valueInt: bigint("value_int", { mode: "number" }),
  },
  (t) => [
    index("dynamic_field_value_field_values").on(t.objectId, t.fieldId),
    index("dynamic_field_value_search_date").on(t.fieldId, t.valueDate),
    index("dynamic_field_value_search_int").on(t.fieldId, t.valueInt),
  ],
);

/**
 * A subset of OTOBO's `ticket`: what customer-user management needs. `ticket_state_id` uses OTOBO's
 * default state ids (1 new, 2 closed successful, 3 closed unsuccessful, 4 open, 5 removed,
 * 6 pending reminder, 7/8 pending auto close, 9 merged); see tickets/states.ts.
 */
export const ticket = pgTable(
  "ticket",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tn: varchar("tn", { length: 50 }).notNull().unique("ticket_tn"),
    title: varchar("title", { length: 255 }),
    ticketStateId: smallint("ticket_state_id").notNull().default(1),
    // OTOBO's queue, type, owner and priority; the standalone table defaults them to OTOBO's first rows
    // (queue 1, type 1, agent 1, priority 3 "normal") and a `CustomerUpdate` history line copies them.
    queueId: integer("queue_id").notNull().default(1),
    typeId: smallint("type_id").default(1),
    userId: integer("user_id").notNull().default(1),
    ticketPriorityId: smallint("ticket_priority_id").notNull().default(3),
    customerId: varchar("customer_id", { length: 150 }),
    customerUserId: varchar("customer_user_id", { length: 250 }),
    ...auditColumns,
  },
  (t) => [
    index("ticket_customer_id").on(t.customerId),
    index("ticket_customer_user_id_lower").on(sql`lower(${t.customerUserId})`),
    index("ticket_title_trgm").using("gin", sql`lower(${t.title}) gin_trgm_ops`),
  ],
);

/** OTOBO's `ticket_history_type` (names such as `NewTicket`, `CustomerUpdate`, `TicketDynamicFieldUpdate`). */
export const ticketHistoryType = pgTable("ticket_history_type", {
  id: smallserial("id").primaryKey(),
  name: varchar("name", { length: 200 }).notNull().unique("ticket_history_type_name"),
  comments: varchar("comments", { length: 250 }),
  validId: validId(),
  ...auditColumns,
});

/**
 * OTOBO's `ticket_history`. Queue, owner, priority, state and type columns are NOT NULL there; the
 * standalone tables default them to OTOBO's first rows (queue 1, owner 1, priority 3 "normal", type 1).
 */
export const ticketHistory = pgTable(
  "ticket_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    name: varchar("name", { length: 200 }).notNull(),
    historyTypeId: smallint("history_type_id").notNull(),
    ticketId: bigint("ticket_id", { mode: "number" }).notNull(),
    articleId: bigint("article_id", { mode: "number" }),
    typeId: smallint("type_id").notNull().default(1),
    queueId: integer("queue_id").notNull().default(1),
    ownerId: integer("owner_id").notNull().default(1),
    priorityId: smallint("priority_id").notNull().default(3),
    stateId: smallint("state_id").notNull().default(1),
    ...auditColumns,
  },
  (t) => [index("ticket_history_ticket_id").on(t.ticketId)],
);
