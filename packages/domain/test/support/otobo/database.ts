import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { testServerUrl } from "../../../src/testing";
import { type OtoboFixtureFlavour, otoboSchema } from "../../../src/testing/otobo-schema";

export interface RawDatabase {
  url: string;
  /** Runs statements outside Clientele (as OTOBO would). */
  exec(statements: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

/** An empty PostgreSQL database of its own; a missing server fails with how to start it. */
export async function createRawDatabase(): Promise<RawDatabase> {
  const { default: postgres } = await import("postgres");
  const adminUrl = testServerUrl();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `clientele_attach_${Date.now()}_${randomBytes(4).toString("hex")}`;
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } catch (error) {
    await admin.end();
    throw new Error(
      `PostgreSQL is needed for the attach tests and is not reachable at ${adminUrl}: ${(error as Error).message}\n` +
        "Start it with: pg_ctlcluster --skip-systemctl-redirect 15 main start (or set TEST_POSTGRES_URL).",
    );
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  return {
    url: url.toString(),
    exec: async (statements, params) =>
      params
        ? [...(await client.unsafe(statements, params as never[]))]
        : [...(await client.unsafe(statements))],
    async drop() {
      await client.end();
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** An empty database with OTOBO's (or Znuny's) tables, as their installer leaves it. */
export async function createOtoboDatabase(flavour: OtoboFixtureFlavour): Promise<RawDatabase> {
  const database = await createRawDatabase();
  await database.exec(otoboSchema(flavour));
  return database;
}

/** `pg_dump --schema-only` of every schema but Clientele's own: what attach mode must never change. */
export function dumpOtoboSchema(url: string): string {
  try {
    const dump = execFileSync("pg_dump", ["--schema-only", "--no-owner", "--exclude-schema=clientele", url], {
      encoding: "utf8",
    });
    // pg_dump's \restrict/\unrestrict lines carry a fresh random key on every run.
    return dump.replace(/^\\(un)?restrict .*$/gm, "");
  } catch (error) {
    throw new Error(
      `pg_dump is needed to compare OTOBO's schema before and after (apt-get install postgresql-client): ${(error as Error).message}`,
    );
  }
}
