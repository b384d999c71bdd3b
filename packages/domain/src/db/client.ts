import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import type { MigrationConfig } from "drizzle-orm/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { Options, Sql } from "postgres";
import { type DatabaseMode, type Flavour, migrationFolders, prepareLayout } from "./layout";
import * as schema from "./schema";
import { watchWrites } from "./write-clock";

export type Schema = typeof schema;
/** Either driver's database, or a transaction: the domain never needs to know which. */
export type Db =
  | PgDatabase<PgQueryResultHKT, Schema>
  | PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface Database {
  db: PgDatabase<PgQueryResultHKT, Schema>;
  driver: "postgres" | "pglite";
  /** `attach`: the tables in `public` belong to OTOBO or Znuny and are never created or altered. */
  mode: DatabaseMode;
  /** Which product made the tables in `public` (OTOBO 10/11, Znuny 6.5/7, or Clientele itself). */
  flavour: Flavour;
  close(): Promise<void>;
}

type Connection = Omit<Database, "mode" | "flavour">;

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "migrations");

export interface OpenDatabaseOptions {
  /** `postgres://…`; without it, embedded PGlite. */
  url?: string;
  /** PGlite data folder; `memory://` for a throwaway database. */
  dataDir?: string;
  /** Run the committed migrations (default true). */
  migrate?: boolean;
}

/**
 * Opens PostgreSQL (`DATABASE_URL`) or embedded PGlite (`./data/pglite`), tells standalone from
 * attach mode and applies the migrations that mode takes (db/layout.ts).
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const connection = options.url ? await openPostgres(options.url) : await openPglite(options.dataDir);
  watchWrites(connection.db);
  try {
    const layout = await prepareLayout(
      connection.db,
      migrationFolders(migrationsFolder),
      (config) => runMigrations(connection, config),
      { migrate: options.migrate !== false },
    );
    return { ...connection, ...layout };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/**
 * Session settings of every PostgreSQL connection Clientele opens. Parallel workers take longer to
 * start than Clientele's index plans take to run, and concurrent searches would multiply them on a
 * small machine (docs/performance/search-plans.md). Set per connection, so a search stays one
 * statement instead of BEGIN, SET LOCAL, SELECT, COMMIT.
 */
export const POSTGRES_SESSION = {
  // A string: postgres.js leaves out falsy values, so a number 0 would never reach the server.
  max_parallel_workers_per_gather: "0",
  // Prepared statements (below) are planned for their parameters on every run, as unprepared ones
  // are: a generic plan would search `john` and `xqzv` the same way (search-plans.md).
  plan_cache_mode: "force_custom_plan",
  // OTOBO's timestamp columns hold UTC: OTOBO writes its own clock's time in UTC instead of the
  // database's current_timestamp. Clientele's now() in them is UTC too, whatever the server's
  // timezone setting (a PostgreSQL installed on a machine in Amsterdam defaults to Europe/Amsterdam).
  TimeZone: "UTC",
} as const;

/** Statements with at most this many parameters are prepared on each connection (below). */
export const PREPARED_MAX_PARAMETERS = 16;

/**
 * postgres.js sends an unprepared statement with parameters in two round trips (Parse and Describe
 * to learn the parameter types, then Bind and Execute), and drizzle prepares only statements given
 * a name. Preparing every statement with a short parameter list makes each read one round trip.
 * Longer lists (an IN list per length) stay unprepared, so a connection keeps a bounded number of
 * statements. Transactions run on their own reserved connection object and keep postgres.js's way.
 */
export function preparingStatements(client: Sql): Sql {
  const unsafe = client.unsafe.bind(client);
  client.unsafe = ((query: string, parameters?: unknown[], options?: { prepare?: boolean }) =>
    unsafe(query, parameters as never, {
      ...options,
      prepare: options?.prepare || (parameters?.length ?? 0) <= PREPARED_MAX_PARAMETERS,
    })) as Sql["unsafe"];
  return client;
}

/**
 * libpq names a Unix socket's folder in the URL's query, `?host=/var/run/postgresql` (a local
 * PostgreSQL with peer or socket-only access). postgres.js takes that folder as its `host` option
 * and would otherwise send `host` to the server as a setting, which the server refuses.
 */
export function socketFolderOf(url: string): { url: string; host?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  const host = parsed.searchParams.get("host");
  if (!host?.startsWith("/")) return { url };
  parsed.searchParams.delete("host");
  return { url: parsed.toString(), host };
}

/** A postgres.js client with Clientele's session settings and prepared statements (pool of `max`). */
export async function postgresClient(
  url: string,
  options: Options<Record<string, never>> = {},
): Promise<Sql> {
  const { default: postgres } = await import("postgres");
  const socket = socketFolderOf(url);
  return preparingStatements(
    postgres(socket.url, {
      max: 10,
      onnotice: () => {},
      ...(socket.host ? { host: socket.host } : {}),
      ...options,
      connection: POSTGRES_SESSION,
    }),
  );
}

async function openPostgres(url: string): Promise<Connection> {
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = await postgresClient(url);
  const db = drizzle(client, { schema }) as unknown as Connection["db"];
  return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dataDir = resolve("data/pglite")): Promise<Connection> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = dataDir.startsWith("memory://");
  const releaseLock = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
    const db = drizzle(client, { schema }) as unknown as Connection["db"];
    return {
      db,
      driver: "pglite",
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Embedded PostgreSQL has no server to arbitrate: two processes on one folder corrupt it. A pid file
 * beside the folder refuses a second process; one left by a crashed process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockFile, "utf8"));
      if (owner && owner !== process.pid && isRunning(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${owner}. Stop that Clientele first, or set CLIENTELE_DATA_DIR or DATABASE_URL.`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Cannot lock the embedded database in ${dataDir}.`);
}

async function runMigrations(connection: Connection, config: MigrationConfig): Promise<void> {
  if (connection.driver === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(connection.db as never, config);
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(connection.db as never, config);
  }
}

/** Raw query rows from either driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
