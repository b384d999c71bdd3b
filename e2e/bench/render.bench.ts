/**
 * First render of the customer-user list with 1000 rows in Chromium, and the initial JavaScript
 * (README §Benchmarks). Builds the web app and the server, creates a throwaway database with
 * `--users` generated customer users (default 2000; the list shows the first 1000), starts the built
 * server on `E2E_PORT` (default 4325) the way `playwright.config.ts` does, and opens
 * /customer-users in Debian's Chromium: the time from navigation to the table holding 1000 rows
 * with its first rows painted, in a fresh browser context each run (no cache), then with a warm
 * cache. Run: pnpm --filter @clientele/e2e bench [--users N] [--runs N]
 */
import { type ChildProcess, execSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import postgres from "postgres";
import { startArguments } from "../../apps/server/bench/server-process";
import { recordGoal } from "../../scripts/bench/goals.mjs";

const { values } = parseArgs({
  options: { users: { type: "string", default: "2000" }, runs: { type: "string", default: "10" } },
});
const USERS = Number(values.users);
const RUNS = Number(values.runs);
const PORT = Number(process.env.E2E_PORT ?? 4325);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const ADMIN_PASSWORD = "render-bench-password";
const ROOT = join(import.meta.dirname, "..", "..");
const ADMIN_URL = process.env.E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const NAME = `clientele_render_${Date.now()}_${process.pid}`;
const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${NAME}` }).toString();
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;

/** The entry script of index.html and every chunk it preloads, gzip level 9 (as `pnpm --filter @clientele/web size`). */
function initialJs(): { files: number; gzipKb: number } {
  const dist = join(ROOT, "apps", "web", "dist");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const files = new Set(
    [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map(
      (m) => m[1]!,
    ),
  );
  let gzip = 0;
  for (const file of files)
    gzip += gzipSync(readFileSync(join(dist, file.replace(/^\//, ""))), { level: 9 }).length;
  return { files: files.size, gzipKb: gzip / 1024 };
}

async function seed(): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`
      insert into customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
        select 'co' || i, 'Company ' || i, 1, now(), 1, now(), 1 from generate_series(1, 50) i;
      insert into customer_user (login, email, customer_id, first_name, last_name, phone, city, valid_id,
          create_time, create_by, change_time, change_by)
        select 'user' || lpad(i::text, 6, '0'), 'user' || i || '@clientele.test', 'co' || (i % 50 + 1),
          (array['John','Anna','Peter','Maria','Jan','Emma'])[i % 6 + 1], 'Lastname ' || i,
          '+31 20 555 ' || lpad(i::text, 4, '0'), 'Amsterdam', 1, now(), 1, now(), 1
        from generate_series(1, ${USERS}) i;
      analyze;`);
  } finally {
    await sql.end();
  }
}

async function waitForServer(child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped with code ${child.exitCode}`);
    try {
      if ((await fetch(`${BASE_URL}/healthz`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
let server: ChildProcess | null = null;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  execSync(
    "pnpm exec turbo run build --filter=@clientele/web --filter=@clientele/server --output-logs=errors-only",
    { cwd: ROOT, stdio: "inherit", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } },
  );
  await admin.unsafe(`CREATE DATABASE ${NAME}`);
  const env = {
    ...process.env,
    PORT: String(PORT),
    DATABASE_URL: databaseUrl,
    CLIENTELE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CLIENTELE_DEMO_DATA: "false",
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
  };
  execSync("pnpm --filter @clientele/server cli migrate", { cwd: ROOT, env, stdio: "ignore" });
  await seed();
  server = spawn("node", startArguments(join(ROOT, "apps", "server")), {
    cwd: join(ROOT, "apps", "server"),
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitForServer(server);

  // One admin session, shared by every context as its stored state.
  const signIn = await browser.newContext({ baseURL: BASE_URL });
  const login = await signIn.request.post("/graphql", {
    data: {
      query: "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }",
      variables: { l: "root@localhost", p: ADMIN_PASSWORD },
    },
  });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
  const storageState = await signIn.storageState();
  await signIn.close();

  /** Milliseconds from navigation start until 1000 rows are in the table and its first rows are painted. */
  const render = async (page: import("@playwright/test").Page): Promise<number> => {
    await page.goto("/customer-users", { waitUntil: "commit" });
    const handle = await page.waitForFunction(
      () => {
        const table = document.querySelector('table.data-table[aria-rowcount="1001"][aria-busy="false"]');
        const row = table?.querySelector("tbody tr:not([role=presentation]) a");
        return row ? performance.now() : false;
      },
      undefined,
      { polling: "raf", timeout: 60_000 },
    );
    const done = (await handle.jsonValue()) as number;
    return done;
  };

  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await browser.newContext({ baseURL: BASE_URL, storageState, locale: "en-GB" });
    const page = await context.newPage();
    const first = await render(page);
    const second = await render(page);
    // The first run warms the server and the browser's compile cache; it is not counted.
    if (i > 0) {
      cold.push(first);
      warm.push(second);
    }
    await context.close();
  }
  cold.sort((a, b) => a - b);
  warm.sort((a, b) => a - b);
  const js = initialJs();
  console.log(
    `\nSPA first render of /customer-users, 1000 of ${USERS.toLocaleString("en")} users, Chromium, ${RUNS} runs`,
  );
  console.log("| load | p50 ms | p95 ms | max ms |");
  console.log("|---|---|---|---|");
  console.log(
    `| new context (empty cache) | ${percentile(cold, 0.5).toFixed(0)} | ${percentile(cold, 0.95).toFixed(0)} | ${cold.at(-1)?.toFixed(0)} |`,
  );
  console.log(
    `| same context (warm cache) | ${percentile(warm, 0.5).toFixed(0)} | ${percentile(warm, 0.95).toFixed(0)} | ${warm.at(-1)?.toFixed(0)} |`,
  );
  console.log(`\ninitial JS: ${js.gzipKb.toFixed(1)} kB gzip (${js.files} files)`);
  recordGoal({
    goal: "customer-user list, 1000 rows, first render in Chromium with an empty cache: p95 ≤ 1 s",
    measured: `p95 ${percentile(cold, 0.95).toFixed(0)} ms (p50 ${percentile(cold, 0.5).toFixed(0)})`,
    met: percentile(cold, 0.95) <= 1000,
  });
  recordGoal({
    goal: "customer-user list, 1000 rows, first render in Chromium with a warm cache: p95 ≤ 1 s",
    measured: `p95 ${percentile(warm, 0.95).toFixed(0)} ms (p50 ${percentile(warm, 0.5).toFixed(0)})`,
    met: percentile(warm, 0.95) <= 1000,
  });
  recordGoal({
    goal: "initial JavaScript ≤ 200 kB gzip",
    measured: `${js.gzipKb.toFixed(1)} kB gzip in ${js.files} files`,
    met: js.gzipKb <= 200,
  });
} finally {
  await browser.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await admin.unsafe(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.end();
}
