/**
 * What the scale benchmark (`scale.bench.ts`) hands each area module, and the helpers they share.
 * An area exports `run(ctx)`; the benchmark runs its areas in sequence after the search table.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";

/** What every area gets: the running server, an ADMIN API token, the database, the data set size. */
export interface AreaContext {
  baseUrl: string;
  token: string;
  /** The server's process id (CPU and RSS are read from /proc). */
  pid?: number;
  databaseUrl: string;
  users: number;
}
export interface Area {
  name: string;
  run(ctx: AreaContext): Promise<void>;
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
export const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
/** Times `run` `runs` times after `warmUp` unmeasured calls (2); returns the sorted durations in ms. */
export async function measure(run: () => Promise<unknown>, runs: number, warmUp = 2): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/**
 * Keep-alive connections for the benchmark's requests. Node's `fetch` (undici) adds about 2 ms per
 * request on this machine, which would be counted as the server's; `node:http` adds a fraction.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs a GraphQL request with the Bearer token; the status and the body as text. */
export function postGraphQL(
  baseUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ status: number; text: string }> {
  const url = new URL("/graphql", baseUrl);
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** One GraphQL request with the Bearer token; throws on any error. */
export async function graphql<T>(ctx: AreaContext, query: string, variables: Record<string, unknown>) {
  const { text } = await postGraphQL(ctx.baseUrl, ctx.token, query, variables);
  const body = JSON.parse(text) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The search table's request (`scale.bench.ts`): a search as an integrator's client sends it. */
export const SEARCH_QUERY = `query Search($search: String) {
  customerUsers(search: $search, valid: VALID, limit: 1000) {
    nodes { login source firstName lastName email customerId valid }
    limit
    limitReached
  }
}`;

/** The server process's resident memory in MB, from /proc. */
export const rssMb = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : 0;
};

export const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
