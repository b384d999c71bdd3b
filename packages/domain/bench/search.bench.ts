/**
 * Search latency on generated customer users (default 100,000; `--users N`), on real PostgreSQL,
 * through the DB source exactly as the API runs it, plus EXPLAIN ANALYZE of each query.
 * Run: pnpm bench (or npx tsx bench/search.bench.ts --users 1000000)
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { parseConfig } from "../src/config/backends";
import { DbCustomerUserSource } from "../src/customer-users/sources/db-source";
import type { Db } from "../src/db/client";
import * as schema from "../src/db/schema";
import { parseSearch } from "../src/search/search-syntax";
import { createTestDatabase } from "../src/testing";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const USERS = arg("users", 100_000);
const RUNS = arg("runs", 30);

const database = await createTestDatabase();
if (!database.url) throw new Error("The search benchmark runs on PostgreSQL (unset TEST_DRIVER).");
let lastQuery: { text: string; params: unknown[] } | null = null;
const client = postgres(database.url, {
  max: 4,
  onnotice: () => {},
  debug: (_connection, text, params) => {
    lastQuery = { text, params: params as unknown[] };
  },
});
const db = drizzle(client, { schema }) as unknown as Db;

try {
  const started = performance.now();
  await db.execute(sql`INSERT INTO customer_company (customer_id, name)
    SELECT 'CUST-' || g, 'Customer ' || g FROM generate_series(1, 2000) g`);
  const first = [
    "Anna",
    "Bram",
    "Chloé",
    "Daan",
    "Eva",
    "Finn",
    "Greta",
    "Hugo",
    "Iris",
    "Jan",
    "John",
    "Katrin",
    "Lars",
    "Mila",
    "Noah",
  ];
  const last = [
    "de Vries",
    "Müller",
    "Jansen",
    "Schmidt",
    "Bakker",
    "Novak",
    "Smit",
    "Weber",
    "Visser",
    "Doe",
    "Okafor",
    "Smith",
  ];
  await db.execute(sql`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id)
    SELECT 'user' || lpad(g::text, 7, '0'),
           'user' || g || '@bench.example',
           'CUST-' || (1 + g % 2000),
           (ARRAY[${sql.join(
             first.map((f) => sql`${f}`),
             sql`, `,
           )}]::text[])[1 + g % ${first.length}] || CASE WHEN g % 97 = 0 THEN ' Maria' ELSE '' END,
           (ARRAY[${sql.join(
             last.map((f) => sql`${f}`),
             sql`, `,
           )}]::text[])[1 + (g / 7) % ${last.length}],
           CASE WHEN g % 50 = 0 THEN 2 ELSE 1 END
    FROM generate_series(1, ${USERS}) g`);
  // VACUUM moves the bulk insert out of the GIN pending lists, as autovacuum would in production.
  await db.execute(sql`VACUUM ANALYZE customer_user`);
  console.log(
    `Generated ${USERS.toLocaleString("en")} customer users in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const config = parseConfig({ backends: [{ module: "db" }] }).backends[0]!;
  const source = new DbCustomerUserSource(db, config as never);
  await source.verifySchema();

  const cases: Array<[string, () => Promise<unknown>]> = [
    ["list all (*), limit 1000", () => source.search({ query: parseSearch("*"), limit: 1000 })],
    ["one word 'müller'", () => source.search({ query: parseSearch("müller"), limit: 1000 })],
    ["two words 'john doe'", () => source.search({ query: parseSearch("john doe"), limit: 1000 })],
    ["rare word 'maria'", () => source.search({ query: parseSearch("maria"), limit: 1000 })],
    ["login prefix 'user00123*'", () => source.search({ query: parseSearch("user00123*"), limit: 1000 })],
    ["no match 'zzqx'", () => source.search({ query: parseSearch("zzqx"), limit: 1000 })],
    ["customerId filter 'CUST-42'", () => source.search({ query: null, customerId: "CUST-42", limit: 1000 })],
    ["login lookup (case-insensitive)", () => source.findByLogin("USER0054321")],
    ["email lookup (PostMasterSearch)", () => source.findByEmail("User54321@Bench.example")],
  ];

  console.log(
    `\n${"query".padEnd(36)} ${"median ms".padStart(10)} ${"p95 ms".padStart(8)} ${"rows".padStart(6)}`,
  );
  const plans: string[] = [];
  for (const [name, run] of cases) {
    await run(); // warm the plan and the buffer cache
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const result = (await run()) as { records?: unknown[] } | unknown[] | null;
      times.push(performance.now() - t0);
      rows = Array.isArray(result)
        ? result.length
        : result && "records" in result
          ? (result.records?.length ?? 0)
          : result
            ? 1
            : 0;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const p95 = times[Math.floor(times.length * 0.95)]!;
    console.log(
      `${name.padEnd(36)} ${median.toFixed(2).padStart(10)} ${p95.toFixed(2).padStart(8)} ${String(rows).padStart(6)}`,
    );
    const query = lastQuery as { text: string; params: unknown[] } | null;
    if (query) {
      const plan = await client.unsafe(
        `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${query.text}`,
        query.params as never[],
      );
      plans.push(`-- ${name}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }
  }
  console.log(`\nEXPLAIN ANALYZE of each search (${USERS.toLocaleString("en")} users):\n`);
  console.log(plans.join("\n\n"));
} finally {
  await client.end();
  await database.drop();
}
