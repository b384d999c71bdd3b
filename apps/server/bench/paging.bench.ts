/**
 * Walking every customer user page by page over HTTP (`customerUsers(first: 1000, after)`), the way
 * an integrator reads the whole directory: prints the pages, the total time and the milliseconds per
 * page of the first ten pages against the last ten. A keyset walk costs the same per page wherever
 * it is (O(pages)); an offset walk would get slower page by page (O(pages²)).
 *
 * `run` walks a server that is already running; alone (`tsx bench/paging.bench.ts`) the file makes a
 * throwaway PostgreSQL database of PAGING_USERS (default 200,000) users, starts the server on it
 * and walks it.
 */
import { pathToFileURL } from "node:url";
import { postGraphQL } from "./area";

export interface PagingBenchContext {
  baseUrl: string;
  /** An API token of an agent (Bearer). */
  token: string;
  databaseUrl: string;
  /** How many customer users the database holds. */
  users: number;
}

const PAGE = 1000;
const QUERY = `query($first: Int!, $after: String) { customerUsers(first: $first, after: $after) {
  nodes { login fullName email customerId valid } pageInfo { endCursor hasNextPage } } }`;

interface Page {
  data?: {
    customerUsers: {
      nodes: { login: string }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
  };
  errors?: unknown[];
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

export async function run(ctx: PagingBenchContext): Promise<void> {
  const page = async (after: string | null) => {
    const { text } = await postGraphQL(ctx.baseUrl, ctx.token, QUERY, { first: PAGE, after });
    const body = JSON.parse(text) as Page;
    if (!body.data || body.errors?.length)
      throw new Error(`page after ${after}: ${JSON.stringify(body.errors)}`);
    return body.data.customerUsers;
  };
  // Warm-up (JIT, connections, plans), not counted: three reads of the first page.
  for (let i = 0; i < 3; i++) await page(null);
  const times: number[] = [];
  let after: string | null = null;
  let users = 0;
  const started = performance.now();
  for (;;) {
    const t0 = performance.now();
    const { nodes, pageInfo } = await page(after);
    times.push(performance.now() - t0);
    users += nodes.length;
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor;
  }
  const total = performance.now() - started;
  const firstTen = mean(times.slice(0, 10));
  const lastTen = mean(times.slice(-10));
  console.log(
    `Paging: walked ${users.toLocaleString("en")} of ${ctx.users.toLocaleString("en")} customer users with first: ${PAGE}`,
  );
  console.log("| pages | total s | users/s | ms/page, first 10 | ms/page, last 10 | last/first |");
  console.log("|---|---|---|---|---|---|");
  console.log(
    `| ${times.length} | ${(total / 1000).toFixed(1)} | ${Math.round(users / (total / 1000)).toLocaleString("en")} | ${firstTen.toFixed(1)} | ${lastTen.toFixed(1)} | ${(lastTen / firstTen).toFixed(2)} |`,
  );
}

async function standalone(): Promise<void> {
  const { sql } = await import("drizzle-orm");
  const { createTestDatabase } = await import("@clientele/domain/testing");
  const { startServerOn } = await import("../src/app");
  const { readEnv } = await import("../src/env");
  const users = Number(process.env.PAGING_USERS ?? 200_000);
  const database = await createTestDatabase();
  try {
    const seeded = performance.now();
    await database.db.execute(sql`INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
      SELECT 'CUST-' || g, 'Customer ' || g, 1, now(), 1, now(), 1 FROM generate_series(1, 2000) g`);
    await database.db.execute(sql`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
      SELECT CASE WHEN g % 5 = 0 THEN 'User' ELSE 'user' END || lpad(g::text, 7, '0'), 'user' || g || '@bench.example',
             'CUST-' || (1 + g % 2000), 'First' || g % 97, 'Last' || g % 89, 1, now(), 1, now(), 1
      FROM generate_series(1, ${users}) g`);
    await database.db.execute(sql`VACUUM ANALYZE customer_user`);
    console.log(
      `Generated ${users.toLocaleString("en")} customer users in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );
    const server = await startServerOn(
      { ...database, close: async () => {} },
      {
        ...readEnv({}),
        port: 0,
        databaseUrl: database.url ?? undefined,
        adminPassword: "bench-admin-password",
        demoData: false,
        logLevel: "silent",
      },
    );
    try {
      const agents = server.clientele.agents;
      const { token } = await agents.createApiToken(await agents.actorByLogin(), { name: "paging bench" });
      await run({ baseUrl: server.url, token, databaseUrl: database.url ?? "", users });
    } finally {
      await server.close();
    }
  } finally {
    await database.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await standalone();
