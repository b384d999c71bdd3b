import { randomBytes } from "node:crypto";
import { type Database, openDatabase } from "../db/client";

/**
 * A fresh database per test file. On real PostgreSQL (the default; `TEST_POSTGRES_URL` overrides
 * the server) a new database is created and dropped afterwards; with `TEST_DRIVER=pglite` an
 * in-memory PGlite. A missing PostgreSQL fails loudly with how to start it; it is never skipped.
 */
export interface TestDatabase extends Database {
  url: string | null;
  drop(): Promise<void>;
}

export const testDriver = (): "postgres" | "pglite" =>
  process.env.TEST_DRIVER === "pglite" ? "pglite" : "postgres";

export const testServerUrl = (): string =>
  process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDriver() === "pglite") {
    const database = await openDatabase({ dataDir: "memory://" });
    return { ...database, url: null, drop: () => database.close() };
  }
  const { default: postgres } = await import("postgres");
  const adminUrl = testServerUrl();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
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
