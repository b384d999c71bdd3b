/**
 * How fast over-limit requests are refused (API.md §Limits): the server on an in-memory embedded
 * database, each hostile request sent 20 times; prints median and p95 in milliseconds.
 */
import { startServer } from "../src/app";
import { readEnv } from "../src/env";

const running = await startServer({
  ...readEnv({}),
  port: 0,
  databaseUrl: undefined,
  dataDir: "memory://",
  adminPassword: "bench-admin-password",
  demoData: false,
  logLevel: "silent",
});
const url = `${running.url}/graphql`;

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

const login = await post(
  JSON.stringify({
    query: 'mutation { login(login: "root@localhost", password: "bench-admin-password") { login } }',
  }),
);
const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";

const chain = (levels: number): string => {
  let selection = levels % 2 ? "customerId" : "login";
  for (let i = levels; i >= 1; i--) selection = `${i % 2 ? "customer" : "customerUsers"} { ${selection} }`;
  return `{ customerUser(login: "x") { ${selection} } }`;
};

const cases: Array<[string, string]> = [
  [
    "110,000 __typename aliases (1.9 MB)",
    `{${Array.from({ length: 110_000 }, (_, i) => `a${i}:__typename`).join(" ")}}`,
  ],
  ["31 aliases", `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(" ")} }`],
  ["depth 13", chain(11)],
  ["depth 12, within every limit (runs)", chain(10)],
  [
    "customers(limit: 10000) × nested lists (cost)",
    "{ customers(limit: 10000) { nodes { customerUsers { customers { customerId } } } } }",
  ],
  ["11 directives", `{ version ${Array.from({ length: 11 }, () => "@include(if: true)").join(" ")} }`],
  ["for comparison: { version }", "{ version }"],
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

console.log("| request | who | answer | median ms | p95 ms |\n|---|---|---|---|---|");
for (const [name, query] of cases) {
  for (const [who, headers] of [
    ["anonymous", {}],
    ["admin", { cookie }],
  ] as const) {
    const body = JSON.stringify({ query });
    const times: number[] = [];
    let answer = "";
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      const response = await post(body, headers);
      const json = (await response.json()) as {
        errors?: Array<{ extensions?: { code?: string; limit?: string } }>;
      };
      times.push(performance.now() - start);
      const e = json.errors?.[0]?.extensions;
      answer = `${response.status} ${e ? `${e.code}${e.limit ? ` ${e.limit}` : ""}` : "data"}`;
    }
    times.sort((a, b) => a - b);
    console.log(
      `| ${name} | ${who} | ${answer} | ${percentile(times, 0.5).toFixed(1)} | ${percentile(times, 0.95).toFixed(1)} |`,
    );
  }
}
await running.close();
