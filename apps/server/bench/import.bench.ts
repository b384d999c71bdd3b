/**
 * CSV import and export rates over HTTP (docs/api.md §CSV): the real server on a throwaway
 * PostgreSQL database imports 100,000 customer users (passwords given as stored hashes), then
 * smaller files whose passwords are hashed by the server (given in clear text, or left empty and
 * generated), and exports everything. Prints rows per second and the process's peak RSS; the
 * upload is streamed from a generator, so the client side holds no file.
 */
import { loadavg } from "node:os";
import { Readable } from "node:stream";
import { createTestDatabase } from "@clientele/domain/testing";
import { startServerOn } from "../src/app";
import { readEnv } from "../src/env";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const HASHED_ROWS = Number(process.env.BENCH_IMPORT_HASHED_ROWS ?? 1_000);
const PASSWORD = "bench-admin-password";

console.log(
  `load average at the start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")}`,
);
const database = await createTestDatabase({ otoboAdminPassword: PASSWORD });
const running = await startServerOn(
  { ...database, close: async () => {} },
  {
    ...readEnv({}),
    port: 0,
    databaseUrl: database.url ?? undefined,
    adminPassword: PASSWORD,
    demoData: false,
    logLevel: "silent",
  },
);
const url = running.url;
try {
  const login = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `mutation { login(login: "root@localhost", password: "${PASSWORD}") { login } }`,
    }),
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";

  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

  async function importFile(
    path: string,
    lines: () => Generator<string>,
  ): Promise<{ seconds: number; job: Record<string, unknown> }> {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { cookie, "content-type": "text/csv" },
      body: Readable.toWeb(Readable.from(lines())) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    const { jobId } = (await response.json()) as { jobId: string };
    const job = await running.clientele.imports.settled(Number(jobId));
    return { seconds: (performance.now() - started) / 1000, job: job as unknown as Record<string, unknown> };
  }

  await importFile("/api/import/customers", function* () {
    yield "CustomerID,CustomerCompanyName\nACME,Acme\n";
  });

  const header = "UserLogin,UserFirstname,UserLastname,UserEmail,UserCustomerID,UserCity,";
  const users = (prefix: string, count: number, password: (i: number) => string, column: string) =>
    function* () {
      yield `${header}${column}\n`;
      for (let i = 0; i < count; i++) {
        const n = String(i).padStart(6, "0");
        yield `${prefix}${n},First ${n},Last ${n},${prefix}${n}@example.com,ACME,City ${i % 100},${password(i)}\n`;
      }
    };
  const sha256 = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";

  const results: Array<[string, number, number, unknown]> = [];
  const run = async (name: string, count: number, lines: () => Generator<string>) => {
    const rssBefore = process.memoryUsage().rss;
    peakRss = rssBefore;
    const { seconds, job } = await importFile("/api/import/customer-users", lines);
    results.push([name, count, seconds, job.state]);
    console.log(
      `${name}: ${count} rows in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} rows/s, state ${job.state}, created ${job.created}, errors ${job.errorCount}; RSS ${mb(rssBefore)} before, peak ${mb(peakRss)}`,
    );
  };

  await run(
    "passwords given as stored hashes (UserPasswordHash)",
    ROWS,
    users("u", ROWS, () => sha256, "UserPasswordHash"),
  );
  await run(
    "passwords given in clear text (UserPassword, hashed with argon2id)",
    HASHED_ROWS,
    users("p", HASHED_ROWS, (i) => `secret-password-${i}`, "UserPassword"),
  );
  await run(
    "passwords left empty (generated, hashed with argon2id)",
    HASHED_ROWS,
    users("g", HASHED_ROWS, () => "", "UserPassword"),
  );

  const exportStarted = performance.now();
  const exported = await fetch(`${url}/api/export/customer-users.csv`, { headers: { cookie } });
  let bytes = 0;
  let lineCount = 0;
  peakRss = process.memoryUsage().rss;
  for await (const chunk of exported.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lineCount++;
  }
  const exportSeconds = (performance.now() - exportStarted) / 1000;
  console.log(
    `export: ${lineCount - 1} rows (${mb(bytes)}) in ${exportSeconds.toFixed(2)} s = ${Math.round((lineCount - 1) / exportSeconds)} rows/s; peak RSS ${mb(peakRss)}`,
  );
  clearInterval(sampler);
  console.log(`process peak RSS (maxRSS): ${mb(process.resourceUsage().maxRSS * 1024)}`);
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")}`,
  );
  console.log(
    "| import | rows | seconds | rows/s |\n|---|---|---|---|\n" +
      results.map(([n, c, s]) => `| ${n} | ${c} | ${s.toFixed(2)} | ${Math.round(c / s)} |`).join("\n"),
  );
} finally {
  await running.close();
  await database.drop();
}
