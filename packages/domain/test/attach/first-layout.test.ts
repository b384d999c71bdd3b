import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { AgentsService } from "../../src/agents/agents";
import { AuditLog } from "../../src/audit/audit";
import { migrationsFolder, openDatabase, queryRows } from "../../src/db/client";
import { createRawDatabase, type RawDatabase } from "../support/otobo/database";

/**
 * A database made by the first layout (`clientele_*` tables in `public`, journal in
 * `drizzle.__drizzle_migrations`, test/support/first-layout holds those migrations) is moved to the
 * current layout at start, keeping every row, and is standalone.
 */
const firstLayout = join(dirname(fileURLToPath(import.meta.url)), "../support/first-layout");
let raw: RawDatabase;

beforeAll(async () => {
  raw = await createRawDatabase();
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(raw.url, { max: 1, onnotice: () => {} });
  await migrate(drizzle(client), { migrationsFolder: firstLayout });
  await client.end();
  await raw.exec(
    `INSERT INTO users (login, pw, first_name, last_name) VALUES ('root@localhost', 'x', 'A', 'B')`,
  );
  await raw.exec(`INSERT INTO customer_company (customer_id, name) VALUES ('ACME', 'Acme')`);
  await raw.exec(`INSERT INTO clientele_setting (key, value) VALUES ('customerGroupSupport', 'false')`);
  await raw.exec(`INSERT INTO clientele_api_token (name, token_hash, agent_id) VALUES ('ci', $1, 1)`, [
    createHash("sha256").update("the-token").digest("hex"),
  ]);
  await raw.exec(
    `INSERT INTO clientele_audit_log (actor, entity_type, entity_id, action) VALUES ('root@localhost', 'customer', 'ACME', 'create')`,
  );
});

afterAll(() => raw?.drop());

test("the first layout is upgraded in place: tables moved, rows kept, journals recorded, standalone", async () => {
  const database = await openDatabase({ url: raw.url });
  try {
    expect(database.mode).toBe("standalone");
    const tables = await raw.exec(
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
       WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
         AND (table_name LIKE '%setting%' OR table_name LIKE '%api_token%' OR table_name LIKE '%audit_log%'
          OR table_name LIKE '%session%' OR table_name LIKE '%migrations%') ORDER BY 1`,
    );
    expect(tables.map((t) => t.name)).toEqual([
      "clientele.__migrations",
      "clientele.__migrations_standalone",
      "clientele.api_token",
      "clientele.audit_log",
      "clientele.session",
      "clientele.setting",
    ]);
    expect(await raw.exec("SELECT key, value FROM clientele.setting")).toEqual([
      { key: "customerGroupSupport", value: false },
    ]);
    const [audit] = await raw.exec("SELECT count(*)::int AS n FROM clientele.audit_log");
    expect(audit!.n).toBe(1);
    const agents = new AgentsService(database.db, { audit: new AuditLog(database.db) });
    expect((await agents.actorForApiToken("the-token"))?.login).toBe("root@localhost");
    // the admin of the first layout keeps full rights: rw in the group admin (standalone 0002)
    const root = (await agents.list()).find((a) => a.login === "root@localhost");
    expect(root?.role).toBe("ADMIN");
    // new rows still get ids from the moved sequences
    await agents.createApiToken(
      { id: root!.id, login: "root@localhost", role: "ADMIN" },
      { agentId: root!.id, name: "second" },
    );
    const ids = await raw.exec("SELECT id FROM clientele.api_token ORDER BY id");
    expect(ids.map((r) => r.id)).toEqual([1, 2]);
  } finally {
    await database.close();
  }
  // a second start finds nothing to do
  const again = await openDatabase({ url: raw.url });
  expect(again.mode).toBe("standalone");
  const journal = await raw.exec("SELECT count(*)::int AS n FROM clientele.__migrations_standalone");
  await again.close();
  // the two squashed migrations recorded by the upgrade, and every later one run after it
  const standalone = JSON.parse(
    readFileSync(join(migrationsFolder, "standalone/meta/_journal.json"), "utf8"),
  );
  expect(journal[0]!.n).toBe(standalone.entries.length);
});

test("an embedded (PGlite) database of the first layout is upgraded the same way", async () => {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dataDir = mkdtempSync(join(tmpdir(), "clientele-first-layout-"));
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    const client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
    await migrate(drizzle(client), { migrationsFolder: firstLayout });
    await client.query(
      `INSERT INTO clientele_setting (key, value) VALUES ('defaultServicesMode', '"ALWAYS"')`,
    );
    await client.close();
    const database = await openDatabase({ dataDir });
    try {
      expect(database.mode).toBe("standalone");
      const rows = await queryRows(database.db, sql`select key, value from clientele.setting`);
      expect(rows).toEqual([{ key: "defaultServicesMode", value: "ALWAYS" }]);
      const [legacy] = await queryRows<{ found: string | null }>(
        database.db,
        sql`select to_regclass('public.clientele_setting')::text as found`,
      );
      expect(legacy?.found).toBeNull();
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
