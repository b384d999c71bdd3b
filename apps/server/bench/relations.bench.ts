/**
 * The 1000-row relation request and the list page under concurrency (README §Benchmarks).
 *
 * `run(ctx)` measures a running server: the relation request (customer, customerIds, customers,
 * groups, effectivePermissions with via, services, effectiveServices for `limit: 1000`) as p50/p95/max
 * with its SQL statement count (counted on a second, in-process server over the same database), then
 * 10 concurrent clients on the list page's query (requests/s, p50/p95, errors) while the server
 * process's RSS is sampled from /proc.
 *
 * Run alone (`tsx bench/relations.bench.ts [--users N] [--port P]`), it builds the server bundle,
 * creates a throwaway database with N generated users (100,000 by default) and their relations,
 * starts `node dist/main.js` on it, calls `run`, and drops the database.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase } from "@clientele/domain";
import { createTestDatabase } from "@clientele/domain/testing";
import { sql } from "drizzle-orm";
import { openCountingDatabase } from "../../../packages/domain/test/support/counting";
import { recordGoal } from "../../../scripts/bench/goals.mjs";
import { startServerOn } from "../src/app";
import { readEnv } from "../src/env";
import { ms, percentile, postGraphQL, rssMb, SEARCH_QUERY } from "./area";
import { buildServer, type ServerProcess, startServerProcess } from "./server-process";

export interface RelationsBenchContext {
  baseUrl: string;
  /** An ADMIN API token (Bearer). */
  token: string;
  databaseUrl: string;
  users: number;
  /** The server's process id, for its CPU and RSS (found by its port when not given). */
  pid?: number;
  /** The term searched for; a common first name of the data set (default `john`). */
  term?: string;
}

export const RELATION_QUERY = `query Relations($search: String, $limit: Int) {
  customerUsers(search: $search, limit: $limit) { limitReached nodes {
    login firstName lastName email
    customer { customerId name valid }
    customerIds
    customers { customerId name }
    groups { group { id name } permissions }
    effectivePermissions { group { id name } permissions via { via permission customerId } }
    services { id name }
    effectiveServices { id name isDefault }
  } } }`;

/** The list page's query (apps/web/src/features/customer-users/list-query.ts) with an explicit limit. */
export const LIST_QUERY = `query CustomerUsers($search: String, $limit: Int) {
  customerUsers(search: $search, limit: $limit) {
    nodes {
      login source title firstName lastName email customerId phone fax mobile
      street zip city country comment valid attributes(custom: true) { attribute value }
    }
    limit limitReached pageInfo { endCursor hasNextPage } unavailableSources
  } }`;

async function post(ctx: RelationsBenchContext, query: string, variables: Record<string, unknown>) {
  const { status, text } = await postGraphQL(ctx.baseUrl, ctx.token, query, variables);
  const body = JSON.parse(text) as { data?: { customerUsers: { nodes: unknown[] } }; errors?: unknown[] };
  if (status !== 200 || body.errors) {
    throw new Error(`HTTP ${status}: ${text.slice(0, 500)}`);
  }
  return { bytes: Buffer.byteLength(text), nodes: body.data?.customerUsers.nodes.length ?? 0 };
}

/** The pid of the process listening on the port (our own processes only), from /proc. */
export function pidListeningOn(port: number): number | null {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local address HEX:PORT, state 0A = LISTEN, inode in column 10
      if (cols[3] === "0A" && Number.parseInt(cols[1]?.split(":")[1] ?? "", 16) === port && cols[9]) {
        inodes.add(cols[9]);
      }
    }
  }
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (match && inodes.has(match[1]!)) return Number(entry);
      } catch {}
    }
  }
  return null;
}

/** CPU time (user + system) the process has used, in ms (clock ticks of 10 ms). */
const cpuMs = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

/** Statements one request costs, counted on an in-process server over the same database. */
async function countStatements(ctx: RelationsBenchContext, limits: number[]): Promise<number[]> {
  const { database, counter } = await openCountingDatabase(ctx.databaseUrl);
  const server = await startServerOn(database, {
    ...readEnv({}),
    port: 0,
    databaseUrl: ctx.databaseUrl,
    demoData: false,
    logLevel: "silent",
  });
  const local = { ...ctx, baseUrl: server.url };
  try {
    await post(local, RELATION_QUERY, { search: ctx.term ?? "john", limit: 5 }); // warm-up
    const counts: number[] = [];
    for (const limit of limits) {
      counter.queries = 0;
      await post(local, RELATION_QUERY, { search: ctx.term ?? "john", limit });
      counts.push(counter.queries);
    }
    return counts;
  } finally {
    await server.close();
    await database.close();
  }
}

export async function run(ctx: RelationsBenchContext): Promise<void> {
  const term = ctx.term ?? "john";
  const port = Number(new URL(ctx.baseUrl).port || 80);
  const pid = ctx.pid ?? pidListeningOn(port);

  // 1. The relation request, one client.
  const times: number[] = [];
  let shape = { bytes: 0, nodes: 0 };
  for (let i = 0; i < 3; i++) await post(ctx, RELATION_QUERY, { search: term, limit: 1000 });
  const cpuBefore = pid ? cpuMs(pid) : 0;
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    shape = await post(ctx, RELATION_QUERY, { search: term, limit: 1000 });
    times.push(performance.now() - started);
  }
  const cpuPerRequest = pid ? (cpuMs(pid) - cpuBefore) / 30 : Number.NaN;
  times.sort((a, b) => a - b);
  const [small = Number.NaN, large = Number.NaN] = await countStatements(ctx, [10, 1000]);
  console.log(
    `\nRelation request, \`${term}\`, limit 1000, ${ctx.users.toLocaleString("en")} users, 30 runs`,
  );
  console.log(
    "| rows | response kB | p50 ms | p95 ms | max ms | server CPU ms per request | SQL statements (10 rows / 1000 rows) |",
  );
  console.log("|---|---|---|---|---|---|---|");
  console.log(
    `| ${shape.nodes} | ${Math.round(shape.bytes / 1024)} | ${ms(percentile(times, 0.5))} | ${ms(percentile(times, 0.95))} | ${ms(times.at(-1) ?? 0)} | ${Math.round(cpuPerRequest)} | ${small} / ${large} |`,
  );

  recordGoal({
    goal: "relation request (1000 users with customers, groups, effective permissions, services): p95 ≤ 150 ms, ≤ 10 SQL statements whatever the rows",
    measured: `p95 ${ms(percentile(times, 0.95))} ms, ${small} statements for 10 rows and ${large} for 1000`,
    met: percentile(times, 0.95) <= 150 && large <= 10 && small === large,
  });

  // 2. Ten concurrent clients: the search request of the search table (the goal), then the list
  // page's heavier query (all fields and attributes, 1.4 MB per answer).
  console.log(`\nTen concurrent clients, \`${term}\`, limit 1000, 40 requests each`);
  console.log(
    "| request | response kB | requests/s | p50 ms | p95 ms | errors | server CPU ms per request | server RSS before / max MB |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  const search = await concurrently(ctx, pid, SEARCH_QUERY, term, "search (search table's request)");
  recordGoal({
    goal: `10 concurrent clients searching \`${term}\` at ${ctx.users.toLocaleString("en")} users: ≥ 100 requests/s, 0 errors`,
    measured: `${ms(search.perSecond)} requests/s, ${search.errors} errors (p95 ${ms(search.p95)} ms)`,
    met: search.perSecond >= 100 && search.errors === 0,
  });
  if (pid) {
    recordGoal({
      goal: "server RSS ≤ 250 MB throughout the 10-client search run",
      measured: `${Math.round(search.rssBefore)} MB before, ${Math.round(search.rssMax)} MB at most`,
      met: search.rssMax <= 250,
    });
  }
  await concurrently(ctx, pid, LIST_QUERY, term, "list page query");
  console.log(
    `(load average at the end: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")})`,
  );
}

/** Ten clients sending `query` 40 times each, as fast as answers come; RSS sampled throughout. */
async function concurrently(
  ctx: RelationsBenchContext,
  pid: number | null,
  query: string,
  term: string,
  label: string,
) {
  const clients = 10;
  const perClient = 40;
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const rssBefore = pid ? rssMb(pid) : 0;
  let rssMax = rssBefore;
  const sampler = pid
    ? setInterval(() => {
        rssMax = Math.max(rssMax, rssMb(pid));
      }, 20)
    : null;
  for (let i = 0; i < clients; i++) await post(ctx, query, { search: term, limit: 1000 });
  const cpuBefore = pid ? cpuMs(pid) : 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) {
        const t0 = performance.now();
        try {
          bytes = (await post(ctx, query, { search: term, limit: 1000 })).bytes;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  if (sampler) clearInterval(sampler);
  if (pid) rssMax = Math.max(rssMax, rssMb(pid));
  const cpu = pid ? (cpuMs(pid) - cpuBefore) / (clients * perClient) : Number.NaN;
  latencies.sort((a, b) => a - b);
  const result = {
    perSecond: (clients * perClient) / elapsed,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    errors,
    rssBefore,
    rssMax,
  };
  console.log(
    `| ${label} | ${Math.round(bytes / 1024)} | ${ms(result.perSecond)} | ${ms(result.p50)} | ${ms(result.p95)} | ${errors} | ${Math.round(cpu)} | ${pid ? `${Math.round(rssBefore)} / ${Math.round(rssMax)}${pid === process.pid ? " (server in this process)" : ""}` : "server process not found"} |`,
  );
  return result;
}

const FIRST_NAMES = [
  "John",
  "Anna",
  "Peter",
  "Maria",
  "Thomas",
  "Laura",
  "Michael",
  "Sofia",
  "Jan",
  "Emma",
  "Lukas",
  "Julia",
  "David",
  "Sarah",
  "Daniel",
  "Lena",
  "Paul",
  "Nina",
  "Felix",
  "Clara",
];
const LAST_NAMES = [
  "Smith",
  "Müller",
  "Jansen",
  "Schneider",
  "de Vries",
  "Fischer",
  "Brown",
  "Weber",
  "Bakker",
  "Meyer",
  "Wagner",
  "Visser",
  "Becker",
  "Johnson",
  "Hoffmann",
  "Smit",
  "Schulz",
  "Koch",
  "Mulder",
  "Keller",
];

/**
 * `users` customer users over users/50 customers, with extra customers, grants and services; false
 * (and nothing written) when the database already has customer users.
 */
async function seed(url: string, users: number): Promise<boolean> {
  const database = await openDatabase({ url });
  const db = database.db;
  const existing = await db.execute(sql`select exists (select 1 from customer_user) as found`);
  if ((existing as unknown as { found: boolean }[])[0]?.found) {
    await database.close();
    return false;
  }
  const customers = Math.max(50, Math.floor(users / 50));
  const list = (names: string[]) => sql.raw(`array[${names.map((n) => `'${n}'`).join(", ")}]`);
  await db.execute(sql`insert into customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
    select 'co' || i, 'Company ' || i, 1, now(), 1, now(), 1 from generate_series(1, ${customers}) i`);
  await db.execute(sql`insert into groups_table (name, valid_id, create_time, create_by, change_time, change_by)
    select 'group' || i, 1, now(), 1, now(), 1 from generate_series(1, 20) i`);
  await db.execute(sql`insert into service (name, valid_id, create_time, create_by, change_time, change_by)
    select 'service' || i, 1, now(), 1, now(), 1 from generate_series(1, 20) i`);
  await db.execute(sql`insert into customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
    select 'user' || lpad(i::text, 7, '0'), 'user' || i || '@clientele.test', 'co' || (i % ${customers} + 1),
      (${list(FIRST_NAMES)})[i % 20 + 1], (${list(LAST_NAMES)})[(i / 20) % 20 + 1], 1, now(), 1, now(), 1
    from generate_series(1, ${users}) i`);
  await db.execute(sql`insert into customer_user_customer (user_id, customer_id, create_time, create_by, change_time, change_by)
    select 'user' || lpad(i::text, 7, '0'), 'co' || ((i + k) % ${customers} + 1), now(), 1, now(), 1
    from generate_series(1, ${users}) i, generate_series(7, 8) k`);
  await db.execute(sql`insert into group_customer_user (user_id, group_id, permission_key, permission_value, create_time, create_by, change_time, change_by)
    select 'user' || lpad(i::text, 7, '0'), g.id, case when i % 2 = 0 then 'rw' else 'ro' end, 1, now(), 1, now(), 1
    from generate_series(1, ${users}) i
    join groups_table g on g.name in ('group' || (i % 20 + 1), 'group' || ((i + 3) % 20 + 1))`);
  await db.execute(sql`insert into group_customer (customer_id, group_id, permission_key, permission_value, permission_context, create_time, create_by, change_time, change_by)
    select 'co' || c, g.id, 'ro', 1, ctx, now(), 1, now(), 1
    from generate_series(1, ${customers}) c
    join groups_table g on g.name = 'group' || (c % 20 + 1)
    cross join (values ('Ticket::CustomerID::Same'), ('Ticket::CustomerID::Other')) v(ctx)`);
  await db.execute(sql`insert into service_customer_user (customer_user_login, service_id, create_time, create_by)
    select 'user' || lpad(i::text, 7, '0'), s.id, now(), 1 from generate_series(1, ${users}) i
    join service s on s.name = 'service' || (i % 20 + 1)`);
  await db.execute(sql`insert into service_customer_user (customer_user_login, service_id, create_time, create_by)
    select '<DEFAULT>', id, now(), 1 from service where name in ('service1', 'service2')`);
  await db.execute(sql`insert into clientele.setting (key, value) values
    ('customerGroupSupport', 'true'), ('customerGroupOtherCustomersContext', 'true')
    on conflict (key) do update set value = excluded.value`);
  await db.execute(sql`vacuum analyze`);
  await database.close();
  return true;
}

async function standalone(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: "string", default: "100000" },
      port: { type: "string", default: "4321" },
      // An existing database to use and keep (seeded first when it has no customer users).
      "database-url": { type: "string" },
    },
  });
  const users = Number(values.users);
  const port = Number(values.port);
  buildServer();

  const given = values["database-url"];
  const database = given ? null : await createTestDatabase({ driver: "postgres" });
  const databaseUrl = given ?? database!.url!;
  let server: ServerProcess | null = null;
  try {
    const seeded = performance.now();
    if (await seed(databaseUrl, users)) {
      console.log(
        `seeded ${users.toLocaleString("en")} users in ${Math.round(performance.now() - seeded)} ms`,
      );
    }
    server = await startServerProcess({ databaseUrl, port });
    await run({ baseUrl: server.baseUrl, token: server.token, databaseUrl, users, pid: server.pid });
  } finally {
    await server?.stop();
    await database?.drop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await standalone();
