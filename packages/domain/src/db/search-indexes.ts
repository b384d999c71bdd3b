import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { queryRows } from "./client";
import { quoteIdentifier } from "./identifiers";
import { SEARCH_COVER_INDEX, SEARCH_ORDER_SQL, SEARCH_TEXT_SQL } from "./schema/search-text";

/**
 * The search indexes on OTOBO's tables (PostgreSQL: btree on lower(), pg_trgm GIN for `*term*`).
 * Standalone mode creates them in its migrations; attached to OTOBO or Znuny they are offered, not
 * imposed: `cli search-indexes` prints them and `--apply` creates them. Without them every search
 * still works, only slower on large tables.
 */
export interface SearchIndex {
  name: string;
  table: string;
  /** The indexed expression, e.g. `lower(login)`. */
  expression: string;
  method: "btree" | "gin";
  /**
   * A statistics target for one expression column of the index (its position): the planner's
   * estimate for a search word comes from these statistics (SEARCH_STATISTICS_TARGET).
   */
  statistics?: { column: number; target: number };
}

/**
 * The statistics target of the search text in both search indexes. With PostgreSQL's default (100
 * histogram entries), a word that 3% of 1,000,000 users match was sometimes estimated at 0.01%, and
 * the planner took the trigram index instead of the ordered walk: 265 ms instead of 7 for `smith`
 * (docs/performance/search-plans.md). With 1000 entries, three ANALYZE runs in a row estimated the
 * common words within 15% of their counts.
 */
export const SEARCH_STATISTICS_TARGET = 1000;

export const SEARCH_INDEXES: readonly SearchIndex[] = [
  { name: "customer_user_login_lower", table: "customer_user", expression: "lower(login)", method: "btree" },
  {
    name: "customer_user_login_order",
    table: "customer_user",
    expression: `(lower(login) COLLATE "C"), login COLLATE "C"`,
    method: "btree",
  },
  { name: "customer_user_email_lower", table: "customer_user", expression: "lower(email)", method: "btree" },
  { name: "customer_user_customer_id", table: "customer_user", expression: "customer_id", method: "btree" },
  ...["login", "first_name", "last_name", "customer_id", "email"].map(
    (column): SearchIndex => ({
      name: `customer_user_${column}_trgm`,
      table: "customer_user",
      expression: `lower(${column})`,
      method: "gin",
    }),
  ),
  // Common words decided index-only in login order; rare words and several words through the
  // trigrams of the whole search text (docs/performance/search-plans.md).
  {
    name: SEARCH_COVER_INDEX,
    table: "customer_user",
    expression: SEARCH_ORDER_SQL.join(", "),
    method: "btree",
    statistics: { column: 3, target: SEARCH_STATISTICS_TARGET },
  },
  {
    name: "customer_user_search_trgm",
    table: "customer_user",
    expression: `(${SEARCH_TEXT_SQL})`,
    method: "gin",
    statistics: { column: 1, target: SEARCH_STATISTICS_TARGET },
  },
  {
    name: "customer_company_id_lower",
    table: "customer_company",
    expression: "lower(customer_id)",
    method: "btree",
  },
  {
    name: "customer_company_id_trgm",
    table: "customer_company",
    expression: "lower(customer_id)",
    method: "gin",
  },
  { name: "customer_company_name_trgm", table: "customer_company", expression: "lower(name)", method: "gin" },
];

/**
 * Indexes an earlier release offered that no plan uses any more (the search cover index replaced
 * `customer_user_search_order`): the report offers to drop them, as they only cost writes and space.
 */
export const OBSOLETE_SEARCH_INDEXES: readonly string[] = ["customer_user_search_order"];

/** Where pg_trgm is installed (null: not installed); attached, `--apply` installs it in `clientele`. */
async function trigramSchema(db: Db): Promise<string | null> {
  const [row] = await queryRows<{ schema: string }>(
    db,
    sql`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`,
  );
  return row?.schema ?? null;
}

/** The statement that creates one index, `CONCURRENTLY` so OTOBO keeps working meanwhile. */
export function searchIndexStatement(index: SearchIndex, trigramOpsSchema: string): string {
  const expression =
    index.method === "gin"
      ? `${index.expression} ${quoteIdentifier(trigramOpsSchema)}.gin_trgm_ops`
      : index.expression;
  return `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${index.name} ON public.${index.table} USING ${index.method} (${expression});`;
}

export interface SearchIndexReport {
  /** Names of the indexes that are there. */
  present: string[];
  /** Names of the indexes that are not there. */
  missing: string[];
  /** Names of indexes an earlier release offered that are there and no longer used. */
  obsolete: string[];
  /** Statements that create the missing ones (with pg_trgm first when it is not installed). */
  statements: string[];
  /** Logins and customer ids that differ only in case: OTOBO allows them, a case-insensitive lookup cannot tell them apart. */
  caseClashes: { table: string; column: string; values: string[] }[];
}

/** Which search indexes exist on the tables Clientele searches, by name. */
export async function searchIndexPresence(
  db: Db,
): Promise<{ present: string[]; missing: string[]; invalid: string[]; obsolete: string[] }> {
  // An interrupted CREATE INDEX CONCURRENTLY leaves an invalid index behind: it counts as missing.
  const rows = await queryRows<{ name: string; valid: boolean }>(
    db,
    sql`select c.relname as name, i.indisvalid as valid
        from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
        join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = 'public' and t.relname in ('customer_user', 'customer_company')`,
  );
  const valid = new Set(rows.filter((r) => r.valid).map((r) => r.name));
  const invalid = new Set(rows.filter((r) => !r.valid).map((r) => r.name));
  return {
    present: SEARCH_INDEXES.filter((i) => valid.has(i.name)).map((i) => i.name),
    missing: SEARCH_INDEXES.filter((i) => !valid.has(i.name)).map((i) => i.name),
    invalid: SEARCH_INDEXES.filter((i) => invalid.has(i.name)).map((i) => i.name),
    obsolete: OBSOLETE_SEARCH_INDEXES.filter((name) => valid.has(name) || invalid.has(name)),
  };
}

/** The statistics target of each search index's expression column that has one (SearchIndex.statistics). */
async function statisticsTargets(db: Db): Promise<Map<string, number>> {
  const targets = new Map<string, number>();
  for (const index of SEARCH_INDEXES) {
    if (!index.statistics) continue;
    const [row] = await queryRows<{ target: number | null }>(
      db,
      sql`select a.attstattarget as target from pg_attribute a
          join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relname = ${index.name} and a.attnum = ${index.statistics.column}`,
    );
    if (row?.target !== null && row?.target !== undefined) targets.set(index.name, Number(row.target));
  }
  return targets;
}

/** What `cli search-indexes` prints: what is there, what is missing and how to add it. */
export async function searchIndexReport(db: Db): Promise<SearchIndexReport> {
  const { present, missing, invalid, obsolete } = await searchIndexPresence(db);
  const installed = await trigramSchema(db);
  const statements: string[] = [];
  const needsTrigram = SEARCH_INDEXES.some((i) => i.method === "gin" && missing.includes(i.name));
  if (needsTrigram && !installed) statements.push(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA clientele;`);
  for (const index of SEARCH_INDEXES) {
    if (invalid.includes(index.name))
      statements.push(`DROP INDEX CONCURRENTLY IF EXISTS public.${index.name};`);
    if (missing.includes(index.name)) statements.push(searchIndexStatement(index, installed ?? "clientele"));
  }
  for (const name of obsolete) statements.push(`DROP INDEX CONCURRENTLY IF EXISTS public.${name};`);
  // The statistics targets of the indexes that will exist, then one ANALYZE so they take effect.
  const targets = await statisticsTargets(db);
  const analyse = new Set<string>();
  for (const index of SEARCH_INDEXES) {
    const wanted = index.statistics;
    if (!wanted || (!missing.includes(index.name) && (targets.get(index.name) ?? 0) >= wanted.target))
      continue;
    statements.push(
      `ALTER INDEX public.${index.name} ALTER COLUMN ${wanted.column} SET STATISTICS ${wanted.target};`,
    );
    analyse.add(index.table);
  }
  for (const table of analyse) statements.push(`ANALYZE public.${table};`);
  const caseClashes: SearchIndexReport["caseClashes"] = [];
  for (const [table, column] of [
    ["customer_user", "login"],
    ["customer_company", "customer_id"],
  ] as const) {
    const rows = await queryRows<{ values: string[] }>(
      db,
      sql`select array_agg(${sql.identifier(column)} order by ${sql.identifier(column)}) as values
          from ${sql.identifier(table)} group by lower(${sql.identifier(column)}) having count(*) > 1`,
    );
    for (const row of rows) caseClashes.push({ table, column, values: row.values });
  }
  return { present, missing, obsolete, statements, caseClashes };
}

/**
 * Creates the missing indexes one statement at a time (CONCURRENTLY cannot run in a transaction),
 * non-unique, so logins OTOBO let differ only in case stay as they are.
 */
export async function applySearchIndexes(
  db: Db,
  onStatement: (statement: string) => void = () => {},
): Promise<SearchIndexReport> {
  const report = await searchIndexReport(db);
  for (const statement of report.statements) {
    onStatement(statement);
    await db.execute(sql.raw(statement));
  }
  return searchIndexReport(db);
}
