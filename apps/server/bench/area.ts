/**
 * What the scale benchmark (`scale.bench.ts`) hands each area module, and the helpers they share.
 * An area exports `run(ctx)`; the benchmark runs its areas in sequence after the search table.
 */
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
/** Times `run` `runs` times after two warm-up calls; returns the sorted durations in ms. */
export async function measure(run: () => Promise<unknown>, runs: number): Promise<number[]> {
  await run();
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/** One GraphQL request with the Bearer token; throws on any error. */
export async function graphql<T>(ctx: AreaContext, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${ctx.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${ctx.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
