import { OTOBO_SYSCONFIG_DDL } from "./otobo-sysconfig";

/**
 * The tables Clientele touches (agents' `group_user` and `user_preferences`, dynamic fields included),
 * plus `ticket` (with its history) and the System Configuration tables, as
 * OTOBO 10/11 (scripts/database/otobo-schema.postgresql.sql and otobo-schema-post.postgresql.sql)
 * and Znuny 6.5/7 (scripts/database/schema.postgresql.sql; 7.0 added the `activity` table) create them: the same columns, types,
 * (absent) defaults, constraints, indexes and foreign keys. Ticket's foreign keys to tables outside
 * this set (queue, state, …) are left out.
 */
export type OtoboFixtureFlavour = "otobo10" | "otobo11" | "znuny65" | "znuny7";

const audit = `create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL,
  change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL`;

export function otoboSchema(flavour: OtoboFixtureFlavour): string {
  const znuny = flavour.startsWith("znuny");
  // Znuny keeps OTRS's 200-character names where OTOBO shortened them to 191.
  const nameLength = znuny ? 200 : 191;
  const groups = znuny ? "permission_groups" : "groups_table";
  const statements = [
    `CREATE TABLE valid (id serial NOT NULL, name VARCHAR(${nameLength}) NOT NULL, ${audit},
      PRIMARY KEY(id), CONSTRAINT valid_name UNIQUE (name))`,
    `CREATE TABLE users (id serial NOT NULL, login VARCHAR(${nameLength}) NOT NULL, pw VARCHAR(128) NOT NULL,
      title VARCHAR(50) NULL, first_name VARCHAR(100) NOT NULL, last_name VARCHAR(100) NOT NULL,
      valid_id SMALLINT NOT NULL, ${audit}, PRIMARY KEY(id), CONSTRAINT users_login UNIQUE (login))`,
    `CREATE TABLE ${groups} (id serial NOT NULL, name VARCHAR(${nameLength}) NOT NULL, comments VARCHAR(250) NULL,
      valid_id SMALLINT NOT NULL, ${audit}, PRIMARY KEY(id), CONSTRAINT groups_name UNIQUE (name))`,
    `CREATE TABLE group_user (user_id INTEGER NOT NULL, group_id INTEGER NOT NULL,
      permission_key VARCHAR(20) NOT NULL, ${audit})`,
    "CREATE INDEX group_user_group_id ON group_user (group_id)",
    "CREATE INDEX group_user_user_id ON group_user (user_id)",
    `CREATE TABLE user_preferences (user_id INTEGER NOT NULL, preferences_key VARCHAR(150) NOT NULL,
      preferences_value TEXT NULL)`,
    "CREATE INDEX user_preferences_user_id ON user_preferences (user_id)",
    `CREATE TABLE dynamic_field (id serial NOT NULL, internal_field SMALLINT NOT NULL DEFAULT 0,
      name VARCHAR(200) NOT NULL, label VARCHAR(200) NOT NULL, field_order INTEGER NOT NULL,
      field_type VARCHAR(200) NOT NULL, object_type VARCHAR(100) NOT NULL, config TEXT NULL,
      valid_id SMALLINT NOT NULL, ${audit}, PRIMARY KEY(id), CONSTRAINT dynamic_field_name UNIQUE (name))`,
    `CREATE TABLE dynamic_field_value (id serial NOT NULL, field_id INTEGER NOT NULL, object_id BIGINT NOT NULL,
      value_text VARCHAR(3800) NULL, value_date timestamp(0) NULL, value_int BIGINT NULL, PRIMARY KEY(id))`,
    "CREATE INDEX dynamic_field_value_field_values ON dynamic_field_value (object_id, field_id)",
    "CREATE INDEX dynamic_field_value_search_date ON dynamic_field_value (field_id, value_date)",
    "CREATE INDEX dynamic_field_value_search_int ON dynamic_field_value (field_id, value_int)",
    `CREATE TABLE group_customer_user (user_id VARCHAR(100) NOT NULL, group_id INTEGER NOT NULL,
      permission_key VARCHAR(20) NOT NULL, permission_value SMALLINT NOT NULL, ${audit})`,
    "CREATE INDEX group_customer_user_group_id ON group_customer_user (group_id)",
    "CREATE INDEX group_customer_user_user_id ON group_customer_user (user_id)",
    `CREATE TABLE group_customer (customer_id VARCHAR(150) NOT NULL, group_id INTEGER NOT NULL,
      permission_key VARCHAR(20) NOT NULL, permission_value SMALLINT NOT NULL,
      permission_context VARCHAR(100) NOT NULL, ${audit})`,
    "CREATE INDEX group_customer_customer_id ON group_customer (customer_id)",
    "CREATE INDEX group_customer_group_id ON group_customer (group_id)",
    `CREATE TABLE ticket_priority (id serial NOT NULL, name VARCHAR(${nameLength}) NOT NULL, valid_id SMALLINT NOT NULL,
      ${flavour === "znuny7" ? "color VARCHAR(25) NOT NULL," : ""} ${audit}, PRIMARY KEY(id), CONSTRAINT ticket_priority_name UNIQUE (name))`,
    `CREATE TABLE ticket (id bigserial NOT NULL, tn VARCHAR(50) NOT NULL, title VARCHAR(${nameLength}) NULL,
      queue_id INTEGER NOT NULL, ticket_lock_id SMALLINT NOT NULL, type_id SMALLINT NULL, service_id INTEGER NULL,
      sla_id INTEGER NULL, user_id INTEGER NOT NULL, responsible_user_id INTEGER NOT NULL,
      ticket_priority_id SMALLINT NOT NULL, ticket_state_id SMALLINT NOT NULL, customer_id VARCHAR(150) NULL,
      customer_user_id VARCHAR(${nameLength}) NULL, timeout INTEGER NOT NULL, until_time INTEGER NOT NULL,
      escalation_time INTEGER NOT NULL, escalation_update_time INTEGER NOT NULL,
      escalation_response_time INTEGER NOT NULL, escalation_solution_time INTEGER NOT NULL,
      archive_flag SMALLINT DEFAULT 0 NOT NULL, ${audit}, PRIMARY KEY(id), CONSTRAINT ticket_tn UNIQUE (tn))`,
    ...[
      "archive_flag",
      "create_time",
      "customer_id",
      "customer_user_id",
      "escalation_response_time",
      "escalation_solution_time",
      "escalation_time",
      "escalation_update_time",
      "queue_id",
      "responsible_user_id",
      "ticket_lock_id",
      "ticket_priority_id",
      "ticket_state_id",
      "timeout",
      "title",
      "type_id",
      "until_time",
      "user_id",
    ].map((c) => `CREATE INDEX ticket_${c} ON ticket (${c})`),
    "CREATE INDEX ticket_queue_view ON ticket (ticket_state_id, ticket_lock_id)",
    `CREATE TABLE ticket_history_type (id serial NOT NULL, name VARCHAR(${nameLength}) NOT NULL, comments VARCHAR(250) NULL,
      valid_id SMALLINT NOT NULL, ${audit}, PRIMARY KEY(id), CONSTRAINT ticket_history_type_name UNIQUE (name))`,
    `CREATE TABLE ticket_history (id bigserial NOT NULL, name VARCHAR(200) NOT NULL, history_type_id SMALLINT NOT NULL,
      ticket_id BIGINT NOT NULL, article_id BIGINT NULL, type_id SMALLINT NOT NULL, queue_id INTEGER NOT NULL,
      owner_id INTEGER NOT NULL, priority_id SMALLINT NOT NULL, state_id SMALLINT NOT NULL, ${audit}, PRIMARY KEY(id))`,
    ...[
      "article_id",
      "create_time",
      "history_type_id",
      "owner_id",
      "priority_id",
      "queue_id",
      "state_id",
      "ticket_id",
      "type_id",
    ].map((c) => `CREATE INDEX ticket_history_${c} ON ticket_history (${c})`),
    `CREATE TABLE service (id serial NOT NULL, name VARCHAR(${nameLength}) NOT NULL, valid_id SMALLINT NOT NULL,
      comments VARCHAR(250) NULL, ${audit}, PRIMARY KEY(id), CONSTRAINT service_name UNIQUE (name))`,
    `CREATE TABLE service_customer_user (customer_user_login VARCHAR(${nameLength}) NOT NULL,
      service_id INTEGER NOT NULL, create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL)`,
    "CREATE INDEX service_customer_user_customer_user_login ON service_customer_user (customer_user_login)",
    "CREATE INDEX service_customer_user_service_id ON service_customer_user (service_id)",
    `CREATE TABLE customer_user (id serial NOT NULL, login VARCHAR(${nameLength}) NOT NULL, email VARCHAR(150) NOT NULL,
      customer_id VARCHAR(150) NOT NULL, pw VARCHAR(128) NULL, title VARCHAR(50) NULL,
      first_name VARCHAR(100) NOT NULL, last_name VARCHAR(100) NOT NULL, phone VARCHAR(150) NULL,
      fax VARCHAR(150) NULL, mobile VARCHAR(150) NULL, street VARCHAR(150) NULL, zip VARCHAR(200) NULL,
      city VARCHAR(200) NULL, country VARCHAR(200) NULL, comments VARCHAR(250) NULL,
      valid_id SMALLINT NOT NULL, ${audit}, PRIMARY KEY(id), CONSTRAINT customer_user_login UNIQUE (login))`,
    `CREATE TABLE customer_user_customer (user_id VARCHAR(${znuny ? 200 : 100}) NOT NULL, customer_id VARCHAR(150) NOT NULL,
      ${audit})`,
    "CREATE INDEX customer_user_customer_customer_id ON customer_user_customer (customer_id)",
    "CREATE INDEX customer_user_customer_user_id ON customer_user_customer (user_id)",
    `CREATE TABLE customer_preferences (user_id VARCHAR(${znuny ? 250 : 191}) NOT NULL, preferences_key VARCHAR(150) NOT NULL,
      preferences_value VARCHAR(250) NULL)`,
    "CREATE INDEX customer_preferences_user_id ON customer_preferences (user_id)",
    `CREATE TABLE customer_company (customer_id VARCHAR(150) NOT NULL, name VARCHAR(${nameLength}) NOT NULL,
      street VARCHAR(200) NULL, zip VARCHAR(200) NULL, city VARCHAR(200) NULL, country VARCHAR(200) NULL,
      url VARCHAR(200) NULL, comments VARCHAR(250) NULL, valid_id SMALLINT NOT NULL, ${audit},
      PRIMARY KEY(customer_id), CONSTRAINT customer_company_name UNIQUE (name))`,
    // OTOBO's System Configuration tables, shared with the settings tests (testing/otobo-sysconfig.ts).
    ...OTOBO_SYSCONFIG_DDL.split(";")
      .map((statement) => statement.trim())
      .filter(Boolean),
  ];
  if (flavour === "znuny7") {
    statements.push(`CREATE TABLE activity (id serial NOT NULL, activity_type VARCHAR(200) NOT NULL,
      activity_title VARCHAR(255) NOT NULL, activity_text TEXT NULL, activity_state INTEGER NULL,
      activity_link VARCHAR(255) NULL, create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL,
      PRIMARY KEY(id))`);
  }
  if (flavour === "otobo11") {
    // Only OTOBO 11 versions articles; its presence tells 11 from 10.
    statements.push(`CREATE TABLE article_version (id bigserial NOT NULL, ticket_id BIGINT NOT NULL,
      article_id BIGINT NOT NULL, ${audit}, PRIMARY KEY(id))`);
  }
  const fk = (table: string, column: string, target: string) =>
    `ALTER TABLE ${table} ADD CONSTRAINT FK_${table}_${column}_id FOREIGN KEY (${column}) REFERENCES ${target} (id)`;
  statements.push(
    fk(groups, "create_by", "users"),
    fk(groups, "change_by", "users"),
    fk(groups, "valid_id", "valid"),
    fk("group_user", "user_id", "users"),
    fk("group_user", "group_id", groups),
    fk("group_user", "create_by", "users"),
    fk("group_user", "change_by", "users"),
    fk("user_preferences", "user_id", "users"),
    fk("dynamic_field", "create_by", "users"),
    fk("dynamic_field", "change_by", "users"),
    fk("dynamic_field", "valid_id", "valid"),
    fk("dynamic_field_value", "field_id", "dynamic_field"),
    fk("group_customer_user", "group_id", groups),
    fk("group_customer_user", "create_by", "users"),
    fk("group_customer_user", "change_by", "users"),
    fk("group_customer", "group_id", groups),
    fk("group_customer", "create_by", "users"),
    fk("group_customer", "change_by", "users"),
    fk("ticket", "service_id", "service"),
    fk("ticket_history", "ticket_id", "ticket"),
    fk("ticket_history", "history_type_id", "ticket_history_type"),
    fk("ticket_history", "create_by", "users"),
    fk("ticket_history", "change_by", "users"),
    fk("service_customer_user", "service_id", "service"),
    fk("service_customer_user", "create_by", "users"),
    fk("customer_user", "create_by", "users"),
    fk("customer_user", "change_by", "users"),
    fk("customer_user", "valid_id", "valid"),
    fk("customer_user_customer", "create_by", "users"),
    fk("customer_user_customer", "change_by", "users"),
    fk("sysconfig_default", "create_by", "users"),
    fk("sysconfig_default", "change_by", "users"),
    fk("sysconfig_modified", "sysconfig_default_id", "sysconfig_default"),
    fk("sysconfig_modified", "create_by", "users"),
    fk("sysconfig_modified", "change_by", "users"),
    fk("sysconfig_modified_version", "create_by", "users"),
    fk("sysconfig_modified_version", "change_by", "users"),
  );
  return statements.join(";\n");
}
