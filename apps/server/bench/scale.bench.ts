/**
 * The scale benchmark: 1,000,000 OTOBO-shaped customer users and 20,000 customers (`--users N`,
 * `--customers N`) in a throwaway PostgreSQL database, the real server started on it, and one table
 * per area. The search area sends each search class through GraphQL (`limit: 1000`, `valid: VALID`,
 * sorted by login), checks hits and `limitReached` against an exact count, and runs the same terms
 * with OTOBO's query shape on a copy of the table that has OTOBO's indexes only.
 *
 * Run: pnpm bench (all benchmarks), or: cd apps/server && pnpm exec tsx bench/scale.bench.ts
 *   --users N     customer users (default 1,000,000); customers default to users / 50
 *   --runs N      measured requests per class (default 30, after 2 warm-up requests)
 *   --lookup-runs N   measured requests per lookup (default 200): a lookup takes 1–3 ms, so it can
 *                 afford enough requests that its p95 is not just the second-slowest of 30
 *   --lookup-warm-up N   unmeasured requests before each lookup's (default 3000): until V8 has
 *                 optimised a lookup's path, the server spends about twice the CPU on it (measured:
 *                 2.4 ms per lookup over a fresh server's first 1,000, 1.0 ms after 3,000); a
 *                 running server has long served that many
 *   --explain     also print EXPLAIN (ANALYZE, BUFFERS) of each class's search statement
 *   --keep        keep the database (its URL is printed) instead of dropping it
 *   --database-url URL   reuse a data set kept by an earlier run (it is kept again)
 *   --areas a,b   run only these areas (search, paging, relations)
 *   --port N      the server's port (default 4331)
 */
import { parseConfig, parseSearch } from "@clientele/domain";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { DbCustomerUserSource } from "../../../packages/domain/src/customer-users/sources/db-source";
import { type Db, postgresClient } from "../../../packages/domain/src/db/client";
import * as schema from "../../../packages/domain/src/db/schema";
import { recordGoal } from "../../../scripts/bench/goals.mjs";
import {
  type Area,
  type AreaContext,
  graphql,
  load,
  measure,
  ms,
  percentile,
  rssMb,
  SEARCH_QUERY,
} from "./area";
import { ABSENT_TERM, createDataset, type Dataset, RARE_LAST_NAME } from "./dataset";
import { run as runPaging } from "./paging.bench";
import { run as runRelations } from "./relations.bench";
import { buildServer, startServerProcess } from "./server-process";

const argv = process.argv.slice(2);
const numberArg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const USERS = numberArg("users", 1_000_000);
const CUSTOMERS = numberArg("customers", Math.max(10, Math.round(USERS / 50)));
const RUNS = numberArg("runs", 30);
const LOOKUP_RUNS = numberArg("lookup-runs", 200);
const LOOKUP_WARM_UP = numberArg("lookup-warm-up", 3000);
const EXPLAIN = argv.includes("--explain");
const KEEP = argv.includes("--keep");
const stringArg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const DATABASE_URL = stringArg("database-url");
const ONLY = stringArg("areas")?.split(",");
const PORT = numberArg("port", 4331);

// ---------------------------------------------------------------------------------------------
// Search area

/** The search classes of the issue's table: term, and the words the exact count ANDs. */
const CLASSES: Array<{ name: string; term: string; words: string[] }> = [
  { name: "common first name", term: "john", words: ["john"] },
  { name: "common last name", term: "smith", words: ["smith"] },
  { name: "infix", term: "*ller*", words: ["ller"] },
  { name: "prefix", term: "anna*", words: ["anna"] },
  { name: "two words", term: "john smith", words: ["john", "smith"] },
  { name: "rare", term: RARE_LAST_NAME.toLowerCase(), words: [RARE_LAST_NAME.toLowerCase()] },
  { name: "absent", term: ABSENT_TERM, words: [ABSENT_TERM] },
  { name: "list all", term: "*", words: [] },
];

/** OTOBO's DB backend: per word `LOWER(col) LIKE LOWER('%word%')` ORed over the search fields. */
const otoboWords = (words: string[]) =>
  words.length === 0
    ? "true"
    : words
        .map(
          (_, i) =>
            `(${["login", "first_name", "last_name", "customer_id"]
              .map((c) => `LOWER(${c}) LIKE LOWER($${i + 1})`)
              .join(" OR ")})`,
        )
        .join(" AND ");

async function searchArea(ctx: AreaContext): Promise<void> {
  const sql = postgres(ctx.databaseUrl, { max: 1, onnotice: () => {} });
  const direct = await openSource(ctx.databaseUrl);
  try {
    // OTOBO's table as OTOBO creates it: primary key on id and unique login, nothing else.
    await sql.unsafe(`DROP TABLE IF EXISTS otobo_customer_user`);
    await sql.unsafe(`CREATE TABLE otobo_customer_user AS SELECT * FROM customer_user`);
    await sql.unsafe(`ALTER TABLE otobo_customer_user ADD PRIMARY KEY (id),
                        ADD CONSTRAINT otobo_customer_user_login UNIQUE (login)`);
    await sql.unsafe(`VACUUM ANALYZE otobo_customer_user`);
    // Write the copy (and the generated data) out now, so no checkpoint flushes them during the runs.
    await sql.unsafe(`CHECKPOINT`);

    const otobo = async (words: string[]) =>
      sql.unsafe(
        `SELECT login, first_name, last_name, email FROM otobo_customer_user
         WHERE ${otoboWords(words)} AND valid_id IN (1) ORDER BY login LIMIT 1000`,
        words.map((w) => `%${w}%`),
      );

    console.log(
      `\nSearch through GraphQL: ${ctx.users.toLocaleString("en")} customer users, limit 1000, valid VALID, sorted by login; ${RUNS} requests per class and ${LOOKUP_RUNS} per lookup, after ${LOOKUP_WARM_UP.toLocaleString("en")} unmeasured ones (ms). OTOBO: its query shape on a copy of the table with OTOBO's indexes only, sorted by login, SQL only (ms). DB source: the source's statements for the same columns, without the API (ms).\n`,
    );
    console.log(
      "| class | search | hits | limitReached | p50 | p95 | max | DB source p50 | DB source p95 | OTOBO p50 | OTOBO p95 | DB source / OTOBO (p95) |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|---|---|---|");
    let failures = 0;
    for (const c of CLASSES) {
      const [{ count }] = await sql.unsafe<[{ count: string }]>(
        `SELECT count(*) FROM customer_user WHERE ${otoboWords(c.words)} AND valid_id = 1`,
        c.words.map((w) => `%${w}%`),
      );
      const hits = Number(count);
      let last: { nodes: Array<{ login: string }>; limitReached: boolean } | null = null;
      const times = await measure(async () => {
        last = (
          await graphql<{ customerUsers: { nodes: Array<{ login: string }>; limitReached: boolean } }>(
            ctx,
            SEARCH_QUERY,
            { search: c.term },
          )
        ).customerUsers;
      }, RUNS);
      const result = last as unknown as { nodes: Array<{ login: string }>; limitReached: boolean };
      const truthful = result.limitReached === hits > 1000 && result.nodes.length === Math.min(hits, 1000);
      if (!truthful) failures++;
      recordGoal({
        goal: `search \`${c.term}\` (${c.name}) through GraphQL at ${ctx.users.toLocaleString("en")} users: p95 ≤ 50 ms, limitReached true to the count`,
        measured: `p95 ${ms(percentile(times, 0.95))} ms, ${hits.toLocaleString("en")} hits, limitReached ${result.limitReached}${truthful ? " (right)" : " (WRONG)"}`,
        met: percentile(times, 0.95) <= 50 && truthful,
      });
      const sourceTimes = await measure(() => direct.search(c.term), RUNS);
      const otoboTimes = await measure(() => otobo(c.words), Math.min(RUNS, 5));
      console.log(
        `| ${c.name} | \`${c.term}\` | ${hits.toLocaleString("en")} | ${result.limitReached}${truthful ? " ✓" : " ✗ WRONG"} | ${ms(percentile(times, 0.5))} | ${ms(percentile(times, 0.95))} | ${ms(times.at(-1)!)} | ${ms(percentile(sourceTimes, 0.5))} | ${ms(percentile(sourceTimes, 0.95))} | ${ms(percentile(otoboTimes, 0.5))} | ${ms(percentile(otoboTimes, 0.95))} | ${(percentile(sourceTimes, 0.95) / percentile(otoboTimes, 0.95)).toFixed(3)} |`,
      );
    }

    // Lookups: the login and the email of one user in the middle of the table.
    const [user] = await sql<[{ login: string; email: string }]>`
      SELECT login, email FROM customer_user ORDER BY id OFFSET ${Math.floor(ctx.users / 2)} LIMIT 1`;
    const lookups: Array<[string, () => Promise<unknown>, () => Promise<unknown>, () => Promise<unknown>]> = [
      [
        "login lookup `customerUser(login:)`",
        () =>
          graphql(ctx, "query($l: String!) { customerUser(login: $l) { login firstName lastName email } }", {
            l: user.login.toUpperCase(),
          }),
        () => direct.source.findByLogin(user.login.toUpperCase()),
        () =>
          sql.unsafe(
            "SELECT login, first_name, last_name, email FROM otobo_customer_user WHERE LOWER(login) = LOWER($1)",
            [user.login.toUpperCase()],
          ),
      ],
      [
        "email lookup `customerUsersByEmail`",
        () =>
          graphql(
            ctx,
            "query($e: String!) { customerUsersByEmail(email: $e) { login firstName lastName } }",
            {
              e: user.email.toUpperCase(),
            },
          ),
        () => direct.source.findByEmail(user.email.toUpperCase()),
        () =>
          sql.unsafe(
            "SELECT login, first_name, last_name FROM otobo_customer_user WHERE LOWER(email) = LOWER($1) AND valid_id IN (1)",
            [user.email.toUpperCase()],
          ),
      ],
    ];
    for (const [name, run, sourceRun, otoboRun] of lookups) {
      const times = await measure(run, LOOKUP_RUNS, LOOKUP_WARM_UP);
      recordGoal({
        goal: `${name.replace(/ `.*/, "")} through GraphQL: p95 ≤ 3 ms`,
        measured: `p95 ${ms(percentile(times, 0.95))} ms (p50 ${ms(percentile(times, 0.5))})`,
        met: percentile(times, 0.95) <= 3,
      });
      const sourceTimes = await measure(sourceRun, LOOKUP_RUNS);
      const otoboTimes = await measure(otoboRun, Math.min(RUNS, 5));
      console.log(
        `| ${name} | | 1 | | ${ms(percentile(times, 0.5))} | ${ms(percentile(times, 0.95))} | ${ms(times.at(-1)!)} | ${ms(percentile(sourceTimes, 0.5))} | ${ms(percentile(sourceTimes, 0.95))} | ${ms(percentile(otoboTimes, 0.5))} | ${ms(percentile(otoboTimes, 0.95))} | ${(percentile(sourceTimes, 0.95) / percentile(otoboTimes, 0.95)).toFixed(3)} |`,
      );
    }
    if (failures > 0) {
      console.log(`\n${failures} class(es) returned hits or limitReached that differ from the exact count.`);
      process.exitCode = 1;
    }
    if (EXPLAIN) await explainSearches(direct);
  } finally {
    await direct.client.end();
    await sql.end();
  }
}

/** The DB source the server uses, on its own connection, remembering the last search statement. */
async function openSource(databaseUrl: string) {
  const state: { last: { text: string; params: unknown[] } | null } = { last: null };
  // The server's client (session settings, prepared statements), so the source's statements are
  // sent and planned as the server's are.
  const client = await postgresClient(databaseUrl, {
    max: 1,
    debug: (_connection, text, params) => {
      if (/^\s*select/i.test(text)) state.last = { text, params: params as unknown[] };
    },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  const config = parseConfig({ backends: [{ module: "db" }] }).backends[0]!;
  const source = new DbCustomerUserSource(db, config as never);
  await source.verifySchema();
  // The columns the search table's request asks (SEARCH_QUERY), as the API passes them.
  const attributes = ["UserCustomerID", "UserEmail", "UserFirstname", "UserLastname"];
  const search = (term: string) =>
    source.search({ query: parseSearch(term), validId: 1, limit: 1000, attributes });
  return { client, state, search, source };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the statement the DB source sends for each class. */
async function explainSearches(direct: Awaited<ReturnType<typeof openSource>>): Promise<void> {
  for (const c of CLASSES) {
    await direct.search(c.term);
    const statement = direct.state.last!;
    const plan = await direct.client.unsafe(
      `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
      statement.params as never[],
    );
    // The search text's separator (U+001F) is shown as ␟.
    const text = plan.map((r) => String(r["QUERY PLAN"]).replaceAll("\u001f", "␟")).join("\n");
    console.log(`\n### ${c.name}: \`${c.term}\`\n\n\`\`\`\n${text}\n\`\`\``);
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * The areas, run in this order after the data set is generated and the server started. Each further
 * area is a module exporting `run(ctx: AreaContext)` (`./area.ts`); add it to this list.
 */
const areas: Area[] = [
  { name: "search", run: searchArea },
  { name: "paging", run: runPaging },
  { name: "relations", run: runRelations },
];

console.log(`Load average at start (1 / 5 / 15 min): ${load()}`);
buildServer();
const dataset = DATABASE_URL
  ? await existingDataset(DATABASE_URL)
  : await createDataset({ users: USERS, customers: CUSTOMERS });
if (!DATABASE_URL) {
  console.log(
    `Generated ${USERS.toLocaleString("en")} customer users and ${CUSTOMERS.toLocaleString("en")} customers in ${dataset.seconds.toFixed(0)} s (VACUUM ANALYZE included)`,
  );
}
// The built server in a process of its own, as in production: its CPU and RSS are its own.
const server = await startServerProcess({ databaseUrl: dataset.databaseUrl, port: PORT });
// The server's RSS, sampled every 20 ms from its start to the end of the last area.
const rss = { started: rssMb(server.pid), max: 0 };
const sampler = setInterval(() => {
  rss.max = Math.max(rss.max, rssMb(server.pid));
}, 20);
try {
  const ctx: AreaContext = {
    baseUrl: server.baseUrl,
    token: server.token,
    pid: server.pid,
    databaseUrl: dataset.databaseUrl,
    users: dataset.users,
  };
  for (const area of areas) if (!ONLY || ONLY.includes(area.name)) await area.run(ctx);
  clearInterval(sampler);
  rss.max = Math.max(rss.max, rssMb(server.pid));
  console.log(
    `\nServer RSS: ${Math.round(rss.started)} MB after the start, ${Math.round(rss.max)} MB at most (sampled every 20 ms through every area)`,
  );
  console.log(`\nLoad average at end (1 / 5 / 15 min): ${load()}`);
} finally {
  clearInterval(sampler);
  await server.stop();
  if (KEEP || DATABASE_URL) {
    await dataset.keep();
    console.log(`Database kept: ${dataset.databaseUrl}`);
  } else await dataset.drop();
}

/** A data set kept by an earlier run (`--keep`), reused as it is. */
async function existingDataset(databaseUrl: string): Promise<Dataset> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [{ users }] = await sql<[{ users: number }]>`select count(*)::int as users from customer_user`;
  const [{ customers }] = await sql<
    [{ customers: number }]
  >`select count(*)::int as customers from customer_company`;
  await sql.end();
  return { databaseUrl, users, customers, seconds: 0, drop: async () => {}, keep: async () => {} };
}
