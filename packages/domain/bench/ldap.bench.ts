/**
 * LDAP source latency against a real slapd holding the 1,600+ user seed (size limit 500):
 * uncached on the backend's pooled bound connection, uncached on a new connection per call
 * (connect, bind, paged search, unbind: the pool emptied before each call) and cached (cacheTtl),
 * plus how long a call takes while the server is stopped (connection refused) or hung (SIGSTOP).
 * Besides wall time each line shows the CPU time this process (the client; slapd runs in its own)
 * spent per call at the median, which other load on the machine disturbs far less.
 * Run: npx tsx bench/ldap.bench.ts [--runs 30]
 */
import { performance } from "node:perf_hooks";
import { seedDirectory, startSlapd } from "@clientele/slapd";
import { recordGoal } from "../../../scripts/bench/goals.mjs";
import { type LdapBackendConfig, parseConfig } from "../src/config/backends";
import { LdapCustomerUserSource } from "../src/customer-users/sources/ldap-source";
import type { SourceSearchParams } from "../src/customer-users/sources/source";
import { parseSearch } from "../src/search/search-syntax";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg("runs", 30);
const TIMEOUT_MS = 2000;

const { facts } = seedDirectory();
const server = await startSlapd();

const backend = (cacheTtl: number, params: Record<string, unknown> = {}): LdapBackendConfig =>
  parseConfig({
    backends: [
      {
        module: "ldap",
        params: { url: server.url, baseDn: facts.peopleDn, timeoutMs: TIMEOUT_MS, ...params },
        customerUserSearchFields: ["uid", "cn", "givenName", "sn", "mail"],
        searchPrefix: "*",
        cacheTtl,
      },
    ],
  }).backends[0] as LdapBackendConfig;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function measure(label: string, runs: number, work: () => Promise<unknown>): Promise<{ p95: number }> {
  await work().catch(() => {}); // warm-up (JIT, first connection)
  const times: number[] = [];
  const cpu: number[] = [];
  let last: unknown;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    try {
      last = await work();
    } catch (error) {
      last = error;
    }
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const summary =
    last instanceof Error
      ? `${last.constructor.name}: ${last.message.replace(/^.*cannot be reached: /, "")}`
      : last && typeof last === "object" && "records" in last
        ? `${(last as { records: unknown[] }).records.length} records`
        : Array.isArray(last)
          ? `${last.length} records`
          : last
            ? "1 record"
            : "null";
  console.log(
    `${label.padEnd(58)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(times, 95)
      .toFixed(1)
      .padStart(7)} ms  max ${times.at(-1)?.toFixed(1).padStart(7)} ms  cpu p50 ${percentile(cpu, 50)
      .toFixed(1)
      .padStart(5)} ms  → ${summary}`,
  );
  return { p95: percentile(times, 95) };
}

const q = (term: string | null, limit = 1000): SourceSearchParams => ({ query: parseSearch(term), limit });

try {
  console.log(
    `slapd ${server.url}: ${facts.totalUsers} users under ${facts.peopleDn}, size limit 500, ${RUNS} runs each\n`,
  );
  const cold = new LdapCustomerUserSource(backend(0));
  const coldGroup = new LdapCustomerUserSource(
    backend(0, { groupDn: facts.groupDn, validFilter: "(!(description=gesperrt))" }),
  );
  const cached = new LdapCustomerUserSource(backend(300));

  console.log("uncached, pooled bound connection");
  const all = await measure("search `*` limit 1000 (reads all 1,614 entries, 2 pages)", RUNS, () =>
    cold.search(q("*")),
  );
  const word = await measure("search `Jörg` (one word, 5 fields)", RUNS, () => cold.search(q("Jörg")));
  recordGoal({
    goal: `LDAP, ${facts.totalUsers} entries, uncached on the pooled connection: \`*\` limit 1000 p95 ≤ 50 ms`,
    measured: `p95 ${all.p95.toFixed(1)} ms`,
    met: all.p95 <= 50,
  });
  recordGoal({
    goal: `LDAP, ${facts.totalUsers} entries, uncached on the pooled connection: one word p95 ≤ 10 ms`,
    measured: `p95 ${word.p95.toFixed(1)} ms`,
    met: word.p95 <= 10,
  });
  await measure("search `*` + groupDn + validFilter", RUNS, () => coldGroup.search(q("*")));
  await measure("search `Jörg García` (2 words, 5 fields)", RUNS, () => cold.search(q("Jörg García")));
  await measure("search `Żółtowski` (the user who sorts last)", RUNS, () =>
    cold.search(q(facts.lastSurname)),
  );
  await measure("findByLogin", RUNS, () => cold.findByLogin("cu0815"));
  await measure("findByLogins (50 logins)", RUNS, () =>
    cold.findByLogins(Array.from({ length: 50 }, (_, i) => `cu${String(i * 30 + 1).padStart(4, "0")}`)),
  );
  await measure("findByEmail", RUNS, () => cold.findByEmail("CU0815@example.com"));
  await measure("authenticate (lookup + user bind)", RUNS, () =>
    cold.authenticate(facts.authLogin, facts.authPassword),
  );

  console.log("\nuncached, new connection per call (connect + bind + search + unbind)");
  await measure("search `*` limit 1000", RUNS, async () => {
    await cold.close();
    return cold.search(q("*"));
  });
  await measure("search `Jörg`", RUNS, async () => {
    await cold.close();
    return cold.search(q("Jörg"));
  });

  console.log("\ncached (cacheTtl 300 s; first call fills the cache)");
  await measure("search `*` limit 1000", RUNS, () => cached.search(q("*")));
  await measure("search `Jörg García`", RUNS, () => cached.search(q("Jörg García")));
  await measure("findByLogin", RUNS, () => cached.findByLogin("cu0815"));

  await server.stop();
  console.log("\nserver stopped (connection refused)");
  await measure("search, no cache", 10, () => cold.search(q("Jörg")));
  await measure("findByLogin, no cache", 10, () => cold.findByLogin("cu0815"));
  await measure("search, warm cache", 10, () => cached.search(q("Jörg García")));
  await measure("findByLogin, warm cache", 10, () => cached.findByLogin("cu0815"));
  await measure("health()", 10, async () => {
    const h = await cold.health();
    return h.ok ? "ok" : new Error(h.message ?? "down");
  });

  await server.start();
  server.pause();
  console.log(`\nserver hung (SIGSTOP: accepts connections, never answers), timeoutMs ${TIMEOUT_MS}`);
  await measure("search, no cache", 3, () => cold.search(q("Jörg")));
  await measure("findByLogin, warm cache", 3, () => cached.findByLogin("cu0815"));
  server.resume();

  const started = performance.now();
  const back = await cold.search(q("Jörg García"));
  const backMs = (performance.now() - started).toFixed(1); // one figure for the goal and the table
  recordGoal({
    goal: "LDAP: the pooled connection is re-established after an outage",
    measured: `first search after slapd is back: ${back.records.length} records in ${backMs} ms`,
    met: back.records.length > 0,
  });
  console.log(`\nfirst search after the server is back: ${backMs} ms, ${back.records.length} records`);
} finally {
  server.resume();
  await server.destroy();
}
// Pooled connections to the stopped server are closed; nothing else keeps the process.
process.exit(0);
