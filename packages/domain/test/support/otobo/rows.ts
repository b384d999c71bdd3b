import type { RawDatabase } from "./database";
import { legacyHashes } from "./oracle";

/** The password every fixture customer user and agent was given, by login. */
export const FIXTURE_PASSWORDS: Record<string, string> = {};

const now = "now()";

/**
 * Rows as OTOBO writes them: every legacy hash format, rw-only grants, both permission contexts,
 * `<DEFAULT>` services, preferences, a legacy `move_into` and a value-0 row, an invalid group,
 * tickets of the customer users, sysconfig settings.
 */
export async function seedOtoboRows(db: RawDatabase, groupsTable: string): Promise<void> {
  const audit = `${now}, 1, ${now}, 1`;
  await db.exec(`INSERT INTO valid (name, create_time, create_by, change_time, change_by) VALUES
    ('valid', ${audit}), ('invalid', ${audit}), ('invalid-temporarily', ${audit})`);
  FIXTURE_PASSWORDS["root@localhost"] = "root-Secret-1";
  FIXTURE_PASSWORDS["agent.smith"] = "agent-Secret-2";
  FIXTURE_PASSWORDS["agent.reader"] = "agent-Secret-3";
  await db.exec(
    `INSERT INTO users (login, pw, first_name, last_name, valid_id, create_time, create_by, change_time, change_by) VALUES
    ('root@localhost', $1, 'Admin', 'OTOBO', 1, ${audit}), ('agent.smith', $2, 'Agent', 'Smith', 1, ${audit}),
    ('agent.reader', $3, 'Agent', 'Reader', 1, ${audit})`,
    [
      legacyHashes.sha256("root-Secret-1"),
      legacyHashes.bcrypt("agent-Secret-2"),
      legacyHashes.sha256("agent-Secret-3"),
    ],
  );
  await db.exec(`INSERT INTO ${groupsTable} (name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
    ('users', 'Group for default access.', 1, ${audit}), ('admin', 'Group of all administrators.', 1, ${audit}),
    ('stats', 'Group for statistics access.', 1, ${audit}), ('support', NULL, 1, ${audit}),
    ('retired', 'No longer used.', 2, ${audit})`);
  // OTOBO's initial data makes root@localhost a member of every base group with rw; agent.smith is
  // an admin too; agent.reader may only read in `admin`, with an OTOBO-only key beside it that
  // Clientele leaves alone.
  await db.exec(`INSERT INTO group_user (user_id, group_id, permission_key, create_time, create_by, change_time, change_by)
    SELECT u.id, g.id, 'rw', ${audit} FROM users u, ${groupsTable} g
      WHERE (u.login = 'root@localhost' AND g.name IN ('users', 'admin', 'stats'))
         OR (u.login = 'agent.smith' AND g.name = 'admin')`);
  await db.exec(`INSERT INTO group_user (user_id, group_id, permission_key, create_time, create_by, change_time, change_by)
    SELECT u.id, g.id, k.key, ${audit} FROM users u, ${groupsTable} g, (VALUES ('ro'), ('move_into')) AS k(key)
      WHERE u.login = 'agent.reader' AND g.name = 'admin'`);
  await db.exec(`INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by) VALUES
    ('ACME', 'Acme Inc.', 1, ${audit}), ('GLOBEX', 'Globex Corp.', 1, ${audit})`);
  const users = Object.entries(legacyHashes);
  for (const [format, hash] of users) {
    const login = `cu.${format}`;
    const password = `pw-${format}-Ünïcode`;
    FIXTURE_PASSWORDS[login] = password;
    await db.exec(
      `INSERT INTO customer_user (login, email, customer_id, pw, first_name, last_name, valid_id,
         create_time, create_by, change_time, change_by)
       VALUES ($1, $2, 'ACME', $3, 'Cu', $4, 1, ${audit})`,
      [login, `${login}@acme.example`, hash(password), format],
    );
  }
  await db.exec(`INSERT INTO customer_user_customer (user_id, customer_id, create_time, create_by, change_time, change_by)
    VALUES ('cu.sha256', 'GLOBEX', ${audit})`);
  const group = (name: string) => `(SELECT id FROM ${groupsTable} WHERE name = '${name}')`;
  // OTOBO stores rw alone for "rw"; a legacy move_into row and an explicit value-0 row stay as they are.
  await db.exec(`INSERT INTO group_customer_user (user_id, group_id, permission_key, permission_value,
      create_time, create_by, change_time, change_by) VALUES
    ('cu.sha256', ${group("support")}, 'rw', 1, ${audit}),
    ('cu.sha256', ${group("users")}, 'move_into', 1, ${audit}),
    ('cu.sha256', ${group("stats")}, 'ro', 0, ${audit}),
    ('cu.md5', ${group("retired")}, 'ro', 1, ${audit})`);
  await db.exec(`INSERT INTO group_customer (customer_id, group_id, permission_key, permission_value, permission_context,
      create_time, create_by, change_time, change_by) VALUES
    ('ACME', ${group("support")}, 'ro', 1, 'Ticket::CustomerID::Same', ${audit}),
    ('ACME', ${group("support")}, 'rw', 1, 'Ticket::CustomerID::Other', ${audit}),
    ('GLOBEX', ${group("users")}, 'create', 1, 'Ticket::CustomerID::Same', ${audit})`);
  await db.exec(`INSERT INTO service (name, valid_id, comments, create_time, create_by, change_time, change_by) VALUES
    ('Email', 1, NULL, ${audit}), ('VPN', 1, 'Remote access', ${audit})`);
  await db.exec(`INSERT INTO service_customer_user (customer_user_login, service_id, create_time, create_by) VALUES
    ('<DEFAULT>', (SELECT id FROM service WHERE name = 'Email'), ${now}, 1),
    ('cu.sha256', (SELECT id FROM service WHERE name = 'VPN'), ${now}, 1)`);
  await db.exec(`INSERT INTO customer_preferences (user_id, preferences_key, preferences_value) VALUES
    ('cu.sha256', 'UserLanguage', 'nl'), ('cu.sha256', 'UserTimeZone', 'Europe/Amsterdam')`);
  await db.exec(`INSERT INTO ticket_priority (name, valid_id, ${groupsTable === "permission_groups" ? "color, " : ""}create_time, create_by, change_time, change_by)
    VALUES ('3 normal', 1, ${groupsTable === "permission_groups" ? "'#cdcdcd', " : ""}${audit})`);
  await db.exec(`INSERT INTO ticket_history_type (name, valid_id, create_time, create_by, change_time, change_by)
    VALUES ('NewTicket', 1, ${audit}), ('CustomerUpdate', 1, ${audit})`);
  for (const [tn, login, customerId] of [
    ["2026010110000011", "cu.sha256", "ACME"],
    ["2026010110000022", "cu.sha256", "ACME"],
    ["2026010110000033", "cu.sha256", "GLOBEX"],
    ["2026010110000044", "cu.md5", "ACME"],
  ] as const) {
    await db.exec(
      `INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, user_id, responsible_user_id, ticket_priority_id,
         ticket_state_id, customer_id, customer_user_id, timeout, until_time, escalation_time, escalation_update_time,
         escalation_response_time, escalation_solution_time, create_time, create_by, change_time, change_by)
       VALUES ($1, 'Printer on fire', 1, 1, 1, 1, 1, 1, $2, $3, 0, 0, 0, 0, 0, 0, ${audit})`,
      [tn, customerId, login],
    );
  }
  await db.exec(`INSERT INTO sysconfig_default (name, description, navigation, is_invisible, is_readonly, is_required,
      is_valid, has_configlevel, user_modification_possible, user_modification_active, xml_content_raw,
      xml_content_parsed, xml_filename, effective_value, is_dirty, exclusive_lock_guid,
      create_time, create_by, change_time, change_by)
    VALUES ('CustomerGroupSupport', 'Activates support for customer and customer user groups.', 'Core::Customer', 0, 0, 1, 1,
      100, 0, 0, '<Setting/>', '---', 'Framework.xml', '--- 0', 0, '0', ${audit})`);
  await db.exec(`INSERT INTO sysconfig_modified (sysconfig_default_id, name, is_valid, user_modification_active,
      effective_value, is_dirty, reset_to_default, create_time, create_by, change_time, change_by)
    VALUES (1, 'CustomerGroupSupport', 1, 0, '--- 1', 0, 0, ${audit})`);
}

/** A System Configuration default as OTOBO's installer writes it (YAML effective value). */
export async function setOtoboSetting(db: RawDatabase, name: string, yaml: string): Promise<void> {
  await db.exec(
    `INSERT INTO sysconfig_default (name, description, navigation, is_invisible, is_readonly, is_required,
      is_valid, has_configlevel, user_modification_possible, user_modification_active, xml_content_raw,
      xml_content_parsed, xml_filename, effective_value, is_dirty, exclusive_lock_guid,
      create_time, create_by, change_time, change_by)
    VALUES ($1, 'test', 'Core::Ticket', 0, 0, 0, 1, 100, 0, 0, '<Setting/>', '---', 'Ticket.xml', $2, 0, '0',
      now(), 1, now(), 1)`,
    [name, yaml],
  );
}

/** DynamicFieldFromCustomerUser switched on with this mapping, and a ticket text field per mapped name. */
export async function mapOtoboDynamicFields(db: RawDatabase, mapping: Record<string, string>): Promise<void> {
  const yaml = Object.entries(mapping)
    .map(([attribute, field]) => `${attribute}: ${field}\n`)
    .join("");
  await setOtoboSetting(db, "DynamicFieldFromCustomerUser::Mapping", `---\n${yaml}`);
  await setOtoboSetting(
    db,
    "Ticket::EventModulePost###4100-DynamicFieldFromCustomerUser",
    "---\nEvent: (TicketCreate|TicketCustomerUpdate)\nModule: Kernel::System::Ticket::Event::DynamicFieldFromCustomerUser\n",
  );
  for (const [i, field] of Object.values(mapping).entries()) {
    await db.exec(
      `INSERT INTO dynamic_field (internal_field, name, label, field_order, field_type, object_type, config,
        valid_id, create_time, create_by, change_time, change_by)
      VALUES (0, $1, $1, $2, 'Text', 'Ticket', $3, 1, now(), 1, now(), 1)`,
      [field, i + 1, "---\nDefaultValue: ''\n"],
    );
  }
  await db.exec(`INSERT INTO ticket_history_type (name, valid_id, create_time, create_by, change_time, change_by)
    SELECT 'TicketDynamicFieldUpdate', 1, now(), 1, now(), 1
    WHERE NOT EXISTS (SELECT 1 FROM ticket_history_type WHERE name = 'TicketDynamicFieldUpdate')`);
}
