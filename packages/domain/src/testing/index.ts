import { createHash, randomBytes } from "node:crypto";
import { type Database, openDatabase } from "../db/client";
import { otoboSchema } from "./otobo-schema";

export { type OtoboFixtureFlavour, otoboSchema } from "./otobo-schema";

/**
 * A fresh database per test file. On real PostgreSQL (the default; `TEST_POSTGRES_URL` overrides
 * the server) a new database is created and dropped afterwards; with `TEST_DRIVER=pglite` an
 * in-memory PGlite; with `TEST_DRIVER=otobo` a PostgreSQL database holding OTOBO 11's tables and
 * initial rows, which Clientele attaches to. A missing PostgreSQL fails loudly with how to start
 * it; it is never skipped.
 */
export interface TestDatabase extends Database {
  url: string | null;
  drop(): Promise<void>;
}

export const testDriver = (): "postgres" | "pglite" | "otobo" =>
  process.env.TEST_DRIVER === "pglite"
    ? "pglite"
    : process.env.TEST_DRIVER === "otobo"
      ? "otobo"
      : "postgres";

/**
 * OTOBO's initial insert (scripts/database/otobo-initial_insert.xml) as far as Clientele reads it:
 * the valid states, root@localhost (here with the given password, SHA-256 as OTOBO stores it) with
 * rw in every base group, the base groups and the ticket history types Clientele writes.
 */
function otoboInitialRows(adminPassword: string): string {
  const audit = "current_timestamp, 1, current_timestamp, 1";
  const sha256 = createHash("sha256").update(adminPassword).digest("hex");
  return [
    `INSERT INTO valid (name, create_time, create_by, change_time, change_by)
       VALUES ('valid', ${audit}), ('invalid', ${audit}), ('invalid-temporarily', ${audit})`,
    `INSERT INTO users (login, pw, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
       VALUES ('root@localhost', '${sha256}', 'Admin', 'OTOBO', 1, ${audit})`,
    `INSERT INTO groups_table (name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
       ('users', 'Group for default access.', 1, ${audit}),
       ('admin', 'Group of all administrators.', 1, ${audit}),
       ('stats', 'Group for statistics access.', 1, ${audit})`,
    `INSERT INTO group_user (user_id, group_id, permission_key, create_time, create_by, change_time, change_by)
       SELECT u.id, g.id, 'rw', ${audit} FROM users u, groups_table g WHERE u.login = 'root@localhost'`,
    `INSERT INTO ticket_history_type (name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
       ('NewTicket', '', 1, ${audit}), ('CustomerUpdate', '', 1, ${audit}), ('Misc', '', 1, ${audit}),
       ('TicketDynamicFieldUpdate', '', 1, ${audit})`,
  ].join(";\n");
}

export interface TestDatabaseOptions {
  /** Overrides `TEST_DRIVER`. */
  driver?: "postgres" | "pglite" | "otobo";
  /** `otobo`: the password OTOBO's root@localhost is given. */
  otoboAdminPassword?: string;
}

export const testServerUrl = (): string =>
  process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const driver = options.driver ?? testDriver();
  if (driver === "pglite") {
    const database = await openDatabase({ dataDir: "memory://" });
    return { ...database, url: null, drop: () => database.close() };
  }
  const { default: postgres } = await import("postgres");
  const adminUrl = testServerUrl();
  // Idle, the admin connection closes itself: a database kept (not dropped) does not keep the process alive.
  const admin = postgres(adminUrl, { max: 1, idle_timeout: 1, onnotice: () => {} });
  const name = `clientele_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } catch (error) {
    await admin.end();
    throw new Error(
      `PostgreSQL is needed for the integration tests and is not reachable at ${adminUrl}: ${(error as Error).message}\n` +
        "Start it with: pg_ctlcluster --skip-systemctl-redirect 15 main start (or set TEST_POSTGRES_URL).",
    );
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (driver === "otobo") {
    const otobo = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await otobo.unsafe(otoboSchema("otobo11"));
      await otobo.unsafe(otoboInitialRows(options.otoboAdminPassword ?? randomBytes(12).toString("hex")));
    } finally {
      await otobo.end();
    }
  }
  const database = await openDatabase({ url: url.toString() });
  return {
    ...database,
    url: url.toString(),
    async drop() {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
export { createOtoboSysconfig, OTOBO_SYSCONFIG_DDL } from "./otobo-sysconfig";
