import { afterAll, beforeAll, expect, test } from "vitest";
import { createClientele } from "../../src/clientele";
import { loadConfig } from "../../src/config/backends";
import { type Database, openDatabase } from "../../src/db/client";
import {
  applySearchIndexes,
  SEARCH_INDEXES,
  searchIndexPresence,
  searchIndexReport,
} from "../../src/db/search-indexes";
import { createOtoboDatabase, dumpOtoboSchema, type RawDatabase } from "../support/otobo/database";
import { seedOtoboRows } from "../support/otobo/rows";

/** Znuny 7 keeps groups in `permission_groups`: detected, read and written there, nothing else made. */
let raw: RawDatabase;
let database: Database;

beforeAll(async () => {
  raw = await createOtoboDatabase("znuny7");
  await seedOtoboRows(raw, "permission_groups");
  database = await openDatabase({ url: raw.url });
});

afterAll(async () => {
  await database?.close();
  await raw?.drop();
});

test("Znuny 7 is detected and its permission_groups used; argon2id is refused on it", async () => {
  const before = dumpOtoboSchema(raw.url);
  expect(database.mode).toBe("attach");
  expect(database.flavour).toMatchObject({
    product: "Znuny",
    version: "7",
    groupsTable: "permission_groups",
  });
  const app = await createClientele({ database, config: loadConfig(undefined) });
  const actor = { id: 2, login: "agent.smith" };
  expect((await app.groups.list()).map((g) => g.name)).toEqual([
    "admin",
    "retired",
    "stats",
    "support",
    "users",
  ]);
  // Znuny's names may be 200 characters long (OTOBO: 191)
  const long = await app.groups.create(actor, { name: "g".repeat(200) });
  await app.groups.setCustomerUserGroups(actor, "cu.md5", [{ groupId: long.id, permissions: ["RO"] }]);
  const [row] = await raw.exec("SELECT create_by, valid_id FROM permission_groups WHERE id = $1", [long.id]);
  expect(row).toEqual({ create_by: 2, valid_id: 1 });
  expect(
    (await app.permissions.effectiveFor((await app.customerUsers.get("cu.md5"))!)).length,
  ).toBeGreaterThan(0);
  const [tables] = await raw.exec("SELECT to_regclass('public.groups_table') AS t");
  expect(tables!.t).toBeNull();
  await expect(
    createClientele({ database, config: { ...loadConfig(undefined), passwordHash: "argon2id" } }),
  ).rejects.toThrow(/argon2id cannot be used on an OTOBO or Znuny database/);
  expect(dumpOtoboSchema(raw.url)).toBe(before);
});

test("search indexes are offered: reported missing, case clashes named, --apply adds them non-unique", async () => {
  await raw.exec(`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id,
      create_time, create_by, change_time, change_by)
    VALUES ('Cu.Twin', 'twin1@acme.example', 'ACME', 'T', 'One', 1, now(), 1, now(), 1),
           ('cu.twin', 'twin2@acme.example', 'ACME', 'T', 'Two', 1, now(), 1, now(), 1)`);
  const report = await searchIndexReport(database.db);
  expect(report.present).toEqual([]);
  expect(report.missing).toHaveLength(SEARCH_INDEXES.length);
  expect(report.caseClashes).toEqual([
    { table: "customer_user", column: "login", values: ["Cu.Twin", "cu.twin"] },
  ]);
  expect(report.statements[0]).toBe("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA clientele;");
  const creates = report.statements.filter((s) => s.startsWith("CREATE INDEX CONCURRENTLY IF NOT EXISTS"));
  expect(creates).toHaveLength(SEARCH_INDEXES.length);
  // Then the search text's statistics target in both search indexes, and one ANALYZE.
  expect(report.statements.slice(1 + creates.length)).toEqual([
    "ALTER INDEX public.customer_user_search_cover ALTER COLUMN 3 SET STATISTICS 1000;",
    "ALTER INDEX public.customer_user_search_trgm ALTER COLUMN 1 SET STATISTICS 1000;",
    "ANALYZE public.customer_user;",
  ]);
  const applied: string[] = [];
  const after = await applySearchIndexes(database.db, (s) => applied.push(s));
  expect(applied).toEqual(report.statements);
  expect(after.missing).toEqual([]);
  expect(after.statements).toEqual([]);
  const targets = await raw.exec(
    `SELECT c.relname AS name, a.attstattarget::int AS target FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE (c.relname, a.attnum) IN (('customer_user_search_cover', 3), ('customer_user_search_trgm', 1)) ORDER BY 1`,
  );
  expect(targets).toEqual([
    { name: "customer_user_search_cover", target: 1000 },
    { name: "customer_user_search_trgm", target: 1000 },
  ]);
  expect((await searchIndexPresence(database.db)).present).toHaveLength(SEARCH_INDEXES.length);
  const [unique] = await raw.exec(
    "SELECT count(*)::int AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ANY($1) AND i.indisunique",
    [SEARCH_INDEXES.map((i) => i.name)],
  );
  expect(unique!.n).toBe(0);
  const [extension] = await raw.exec(
    "SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'pg_trgm'",
  );
  expect(extension!.schema).toBe("clientele");
  // The index an earlier release offered in place of the cover index is reported, and dropped by --apply.
  expect(after.obsolete).toEqual([]);
  await raw.exec(`CREATE INDEX customer_user_search_order ON customer_user ((lower(login) COLLATE "C"))`);
  const stale = await searchIndexReport(database.db);
  expect(stale.obsolete).toEqual(["customer_user_search_order"]);
  expect(stale.statements).toEqual(["DROP INDEX CONCURRENTLY IF EXISTS public.customer_user_search_order;"]);
  expect((await applySearchIndexes(database.db)).obsolete).toEqual([]);
  // A wildcard search still answers with the indexes in place. Logins that differ only in case are
  // one user to Clientele's case-insensitive lookup, which is why the report names them.
  const app = await createClientele({ database, config: loadConfig(undefined) });
  expect((await app.customerUsers.search({ search: "*twin*" })).nodes.map((n) => n.login)).toEqual([
    "Cu.Twin",
  ]);
});
