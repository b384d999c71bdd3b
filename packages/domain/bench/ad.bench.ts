/**
 * LDAP source latency against a real Active Directory DC (Samba, provisioned by
 * scripts/samba-ad) holding 1,200+ users, over LDAPS with the domain's own CA: searches, lookups,
 * sign-in, group restrictions (member with range retrieval, nested via the in-chain rule) and
 * sizeLimit with server-side sorting. Every call is uncached (cacheTtl 0) and runs on the backend's
 * pooled bound LDAPS connection, as the server's calls do.
 * Run: npx tsx bench/ad.bench.ts [--runs 20]
 */
import { performance } from "node:perf_hooks";
import { AD_USER_PASSWORD, startSambaAd } from "@clientele/samba-ad";
import { type LdapBackendConfig, parseConfig } from "../src/config/backends";
import { LdapCustomerUserSource } from "../src/customer-users/sources/ldap-source";
import type { SourceSearchParams } from "../src/customer-users/sources/source";
import { parseSearch } from "../src/search/search-syntax";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg("runs", 20);

const started = performance.now();
const server = await startSambaAd();
const ready = performance.now() - started;
const { facts } = server;

const source = (params: Record<string, unknown> = {}, cacheTtl = 0) =>
  new LdapCustomerUserSource(
    parseConfig({
      backends: [
        {
          module: "ldap",
          params: {
            directoryType: "activeDirectory",
            url: server.ldapsUrl,
            tls: { caFile: server.caFile, servername: server.servername },
            bindDn: server.adminDn,
            bindPassword: server.adminPassword,
            baseDn: server.peopleDn,
            timeoutMs: 30_000,
            ...params,
          },
          customerUserSearchFields: ["sAMAccountName", "cn", "givenName", "sn", "mail"],
          searchPrefix: "*",
          cacheTtl,
        },
      ],
    }).backends[0] as LdapBackendConfig,
  );

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function measure(label: string, runs: number, work: () => Promise<unknown>): Promise<void> {
  await work(); // warm-up (JIT, schema and root DSE reads)
  const times: number[] = [];
  let last: unknown;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const result = last as { records?: unknown[]; limitReached?: boolean } | unknown[] | null;
  const summary = Array.isArray(result)
    ? `${result.length} records`
    : result?.records
      ? `${result.records.length} records${result.limitReached ? ", limitReached" : ""}`
      : result
        ? "1 record"
        : "null";
  console.log(
    `${label.padEnd(62)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(times, 95)
      .toFixed(1)
      .padStart(7)} ms  → ${summary}`,
  );
}

const q = (term: string | null, limit = 1000): SourceSearchParams => ({ query: parseSearch(term), limit });

try {
  console.log(
    `Samba AD DC ready in ${(ready / 1000).toFixed(1)} s (${JSON.stringify(server.timings)} s): ${facts.users.length} users under ${server.peopleDn}, ${RUNS} runs each\n`,
  );
  const cold = source();
  console.log("uncached, on the pooled bound LDAPS connection");
  await measure("search `*` limit 1000 (reads all 1,207 entries)", RUNS, () => cold.search(q("*")));
  await measure("search `Jörg García` (2 words, 5 fields)", RUNS, () => cold.search(q("Jörg García")));
  await measure("search `weiß` (non-ASCII, schema-checked)", RUNS, () => cold.search(q("weiß")));
  await measure("search valid only (account state from every entry)", RUNS, () =>
    cold.search({ ...q(null), validId: 1 }),
  );
  await measure("findByLogin", RUNS, () => cold.findByLogin("ad0815"));
  await measure("findByLogins (50 logins)", RUNS, () =>
    cold.findByLogins(Array.from({ length: 50 }, (_, i) => `ad${String(i * 20 + 1).padStart(4, "0")}`)),
  );
  await measure("findByEmail (umlauts)", RUNS, () => cold.findByEmail(facts.umlautMail));
  await measure("authenticate (lookup + user bind)", RUNS, () =>
    cold.authenticate("signin1", AD_USER_PASSWORD),
  );

  console.log("\ngroups and limits");
  const big = source({ groupDn: facts.bigGroupDn });
  await measure("search `*` in a 1,600-value group (2 ranges + search)", RUNS, () =>
    big.search(q("*", 2000)),
  );
  const nested = source({ groupDn: facts.supportGroupDn, nestedGroups: true });
  await measure("search `*` nested group (in-chain rule)", RUNS, () => nested.search(q("*")));
  const limited = source({ sizeLimit: 100 });
  await measure("search `*` sizeLimit 100 (server-side sort)", RUNS, () => limited.search(q("*")));
  const root = source({ baseDn: server.baseDn });
  await measure("search `*` from the domain root (reference reported)", RUNS, () =>
    root.search(q("*", 2000)),
  );

  console.log("\ncached (cacheTtl 300 s)");
  const cached = source({}, 300);
  await measure("findByLogin", RUNS, () => cached.findByLogin("ad0815"));
  await measure("search `Jörg García`", RUNS, () => cached.search(q("Jörg García")));
} finally {
  await server.destroy();
}
