import { join } from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Db } from "./client";
import { queryRows } from "./client";

/**
 * How Clientele sits in its database, decided at every start (PostgreSQL-specific catalog queries
 * live here and nowhere else):
 * - `standalone`: Clientele made the OTOBO-shaped tables in `public` and keeps them up to date.
 * - `attach`: `public` belongs to an OTOBO or Znuny installation. Only the schema `clientele` is
 *   created and migrated; OTOBO's tables are read and written, never created, altered or dropped.
 */
export type DatabaseMode = "standalone" | "attach";

export interface Flavour {
  product: "Clientele" | "OTOBO" | "Znuny";
  /** Major version as the product names it ("10", "11", "6.5", "7"); "" for Clientele's own tables. */
  version: string;
  /** Where groups are kept: OTOBO and OTRS say `groups_table`, Znuny `permission_groups`. */
  groupsTable: "groups_table" | "permission_groups";
  /** `SHOW server_version`, e.g. "15.8 (Debian 15.8-0+deb12u1)". */
  server: string;
}

/** "attached to OTOBO 11 (PostgreSQL 15.8)" / "standalone (PostgreSQL 15.8)". */
export function describeLayout(mode: DatabaseMode, flavour: Flavour): string {
  const server = `PostgreSQL ${flavour.server.split(" ")[0]}`;
  if (mode === "standalone") return `standalone (${server})`;
  return `attached to ${flavour.product}${flavour.version ? ` ${flavour.version}` : ""} (${server})`;
}

export const CLIENTELE_SCHEMA = "clientele";
/** Journal of the migrations of Clientele's own tables (schema `clientele`). */
export const CLIENTELE_JOURNAL = "__migrations";
/** Journal of the OTOBO-shaped tables Clientele made itself; its presence means standalone mode. */
export const STANDALONE_JOURNAL = "__migrations_standalone";

export interface MigrationFolders {
  clientele: string;
  standalone: string;
}

export const migrationFolders = (root: string): MigrationFolders => ({
  clientele: join(root, "clientele"),
  standalone: join(root, "standalone"),
});

type Migrate = (config: {
  migrationsFolder: string;
  migrationsSchema: string;
  migrationsTable: string;
}) => Promise<void>;

/** Whether a table (`schema.name`) exists; the one catalog lookup every layout question uses. */
export const tableExists = async (db: Db, relation: string): Promise<boolean> => {
  const [row] = await queryRows<{ found: string | null }>(
    db,
    sql`select to_regclass(${relation})::text as found`,
  );
  return Boolean(row?.found);
};

/**
 * Attach mode when OTOBO's `customer_user` is there and Clientele did not make it. A database of
 * the first layout (`clientele_*` tables in `public`, journal in `drizzle`) is Clientele's own.
 */
async function detectMode(db: Db): Promise<{ mode: DatabaseMode; legacy: boolean }> {
  if (await tableExists(db, `${CLIENTELE_SCHEMA}.${STANDALONE_JOURNAL}`))
    return { mode: "standalone", legacy: false };
  if (await tableExists(db, "public.clientele_setting")) return { mode: "standalone", legacy: true };
  if (await tableExists(db, "public.customer_user")) return { mode: "attach", legacy: false };
  return { mode: "standalone", legacy: false };
}

/**
 * Tells the products apart by what only one of them has in its schema:
 * - Znuny renamed `groups_table` to `permission_groups`; Znuny 7.0 added the `activity` table
 *   (its agent activity feed, scripts/Migration/Znuny/UpgradeDatabaseStructure/Activity.pm).
 * - OTOBO 11 added article versioning (`article_version`), which OTOBO 10 does not have.
 */
export async function detectFlavour(db: Db, mode: DatabaseMode): Promise<Flavour> {
  const [row] = await queryRows<{ server: string }>(
    db,
    sql`select current_setting('server_version') as server`,
  );
  const server = row?.server ?? "unknown";
  if (mode === "standalone")
    return { product: "Clientele", version: "", groupsTable: "groups_table", server };
  if (await tableExists(db, "public.permission_groups")) {
    const seven = await tableExists(db, "public.activity");
    return { product: "Znuny", version: seven ? "7" : "6.5", groupsTable: "permission_groups", server };
  }
  const eleven = await tableExists(db, "public.article_version");
  return { product: "OTOBO", version: eleven ? "11" : "10", groupsTable: "groups_table", server };
}

/** The first layout's tables and what each is called now. */
const LEGACY_TABLES: ReadonlyArray<[from: string, to: string]> = [
  ["clientele_session", "session"],
  ["clientele_api_token", "api_token"],
  ["clientele_audit_log", "audit_log"],
  ["clientele_setting", "setting"],
];

/**
 * Moves a database of the first layout to the current one in one transaction: Clientele's tables
 * into schema `clientele` under their new names, the first layout's late index changes made
 * sure of, and the squashed migrations of both new journals recorded as applied, so nothing is
 * created twice.
 */
async function upgradeLegacy(db: Db, folders: MigrationFolders): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`CREATE SCHEMA IF NOT EXISTS "${CLIENTELE_SCHEMA}"`));
    for (const [from, to] of LEGACY_TABLES) {
      await tx.execute(
        sql.raw(
          `ALTER TABLE IF EXISTS public."${from}" DROP CONSTRAINT IF EXISTS "${from}_agent_id_users_id_fk"`,
        ),
      );
      await tx.execute(sql.raw(`ALTER TABLE IF EXISTS public."${from}" SET SCHEMA "${CLIENTELE_SCHEMA}"`));
      await tx.execute(sql.raw(`ALTER TABLE IF EXISTS "${CLIENTELE_SCHEMA}"."${from}" RENAME TO "${to}"`));
      await tx.execute(
        sql.raw(`ALTER INDEX IF EXISTS "${CLIENTELE_SCHEMA}"."${from}_pkey" RENAME TO "${to}_pkey"`),
      );
    }
    await tx.execute(
      sql.raw(
        `ALTER SEQUENCE IF EXISTS "${CLIENTELE_SCHEMA}"."clientele_api_token_id_seq" RENAME TO "api_token_id_seq"`,
      ),
    );
    await tx.execute(
      sql.raw(
        `ALTER SEQUENCE IF EXISTS "${CLIENTELE_SCHEMA}"."clientele_audit_log_id_seq" RENAME TO "audit_log_id_seq"`,
      ),
    );
    // The first layout's later migrations, for a database made before them.
    await tx.execute(sql.raw(`DROP INDEX IF EXISTS public."customer_company_search_trgm"`));
    await tx.execute(
      sql.raw(
        `CREATE INDEX IF NOT EXISTS "customer_company_id_trgm" ON public."customer_company" USING gin (lower("customer_id") gin_trgm_ops)`,
      ),
    );
    await tx.execute(
      sql.raw(
        `CREATE INDEX IF NOT EXISTS "customer_company_name_trgm" ON public."customer_company" USING gin (lower("name") gin_trgm_ops)`,
      ),
    );
    await tx.execute(
      sql.raw(
        `CREATE INDEX IF NOT EXISTS "customer_user_login_order" ON public."customer_user" USING btree ((lower("login") COLLATE "C"),"login" COLLATE "C")`,
      ),
    );
    // The squashed migrations hold exactly what the first layout had made (clientele 0000, standalone
    // 0000 and 0001); later ones run after this as on any other database.
    for (const [folder, table, covered] of [
      [folders.clientele, CLIENTELE_JOURNAL, 1],
      [folders.standalone, STANDALONE_JOURNAL, 2],
    ] as const) {
      await tx.execute(
        sql.raw(
          `CREATE TABLE IF NOT EXISTS "${CLIENTELE_SCHEMA}"."${table}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
        ),
      );
      for (const m of readMigrationFiles({ migrationsFolder: folder }).slice(0, covered)) {
        await tx.execute(
          sql`insert into ${sql.identifier(CLIENTELE_SCHEMA)}.${sql.identifier(table)} (hash, created_at) values (${m.hash}, ${m.folderMillis})`,
        );
      }
    }
    await tx.execute(sql.raw(`DROP TABLE IF EXISTS "drizzle"."__drizzle_migrations"`));
  });
}

/**
 * Detects the mode, upgrades a first-layout database, then runs Clientele's migrations and, in
 * standalone mode only, the migrations of the OTOBO-shaped tables.
 */
export async function prepareLayout(
  db: Db,
  folders: MigrationFolders,
  migrate: Migrate,
  options: { migrate: boolean },
): Promise<{ mode: DatabaseMode; flavour: Flavour }> {
  const { mode, legacy } = await detectMode(db);
  if (options.migrate) {
    if (legacy) await upgradeLegacy(db, folders);
    if (mode === "standalone") {
      await migrate({
        migrationsFolder: folders.standalone,
        migrationsSchema: CLIENTELE_SCHEMA,
        migrationsTable: STANDALONE_JOURNAL,
      });
    }
    await migrate({
      migrationsFolder: folders.clientele,
      migrationsSchema: CLIENTELE_SCHEMA,
      migrationsTable: CLIENTELE_JOURNAL,
    });
  }
  return { mode, flavour: await detectFlavour(db, mode) };
}
