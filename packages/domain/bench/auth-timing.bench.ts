/**
 * Whether the answer time of a failed sign-in tells which logins exist: median and p90 of ~50 wrong
 * passwords for a known login against ~50 for an unknown one, for agents (`login`) and for customer
 * users (`authenticateCustomerUser`), on the real PostgreSQL server. The throttle is set out of the
 * way (its limits would stop a known login after 5 failures); the whole check runs, throttle
 * bookkeeping included. Run: npx tsx bench/auth-timing.bench.ts [--runs 50]
 */
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { AgentsService } from "../src/agents/agents";
import { createClientele } from "../src/clientele";
import { loadConfig } from "../src/config/backends";
import { CustomerUserAuthenticator } from "../src/identity/customer-user-auth";
import { LoginThrottle } from "../src/security/login-throttle";
import { createTestDatabase } from "../src/testing";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg("runs", 50);
const actor = { id: 1, login: "root@localhost" };

const database = await createTestDatabase();
try {
  const app = await createClientele({ database, config: loadConfig(undefined) });
  await app.agents.ensureAdmin("bench-admin-password");
  await app.customers.create({ customerId: "ACME", name: "ACME" }, actor);
  await app.customerUsers.create(
    {
      login: "known.user",
      firstName: "Known",
      lastName: "User",
      email: "known@example.com",
      customerId: "ACME",
      password: "the-right-password",
    },
    actor,
  );
  await app.customerUsers.create(
    {
      login: "legacy.user",
      firstName: "Legacy",
      lastName: "User",
      email: "legacy@example.com",
      customerId: "ACME",
      password: "the-right-password",
    },
    actor,
  );
  // An OTOBO sha256 hash, as a database taken over from OTOBO holds them.
  const sha256 = createHash("sha256").update("the-right-password").digest("hex");
  await app.db.execute(sql`UPDATE customer_user SET pw = ${sha256} WHERE login = 'legacy.user'`);
  const unlimited = new LoginThrottle(app.db, { accountLimit: 1e9, clientLimit: 1e9 });
  const agents = new AgentsService(app.db, { audit: app.audit, loginThrottle: unlimited });
  const customerUsers = new CustomerUserAuthenticator(app.customerUsers, app.permissions, unlimited);

  const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const p90 = (sorted: number[]) =>
    sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))] ?? Number.NaN;

  /** Alternates known and unknown so load on the machine hits both alike. */
  async function compare(label: string, known: () => Promise<unknown>, unknown: () => Promise<unknown>) {
    await known();
    await unknown(); // warm-up: the dummy hash is made on first use
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      for (const [kind, work] of [
        ["known", known],
        ["unknown", unknown],
      ] as const) {
        const start = performance.now();
        await work();
        times[kind].push(performance.now() - start);
      }
    }
    for (const kind of ["known", "unknown"] as const) {
      const sorted = times[kind].sort((a, b) => a - b);
      console.log(
        `${label.padEnd(40)} ${kind.padEnd(8)} median ${median(sorted).toFixed(1).padStart(6)} ms   p90 ${p90(sorted).toFixed(1).padStart(6)} ms   (${RUNS} runs)`,
      );
    }
  }

  console.log("Failed sign-in timing, known vs unknown login (wrong password):");
  await compare(
    "login (agent)",
    () => agents.login("root@localhost", "wrong-password", "bench").catch(() => null),
    () => agents.login("nobody@localhost", "wrong-password", "bench").catch(() => null),
  );
  await compare(
    "authenticateCustomerUser",
    () => customerUsers.authenticate("known.user", "wrong-password", "bench"),
    () => customerUsers.authenticate("unknown.user", "wrong-password", "bench"),
  );
  await compare(
    "authenticateCustomerUser, sha256 hash",
    () => customerUsers.authenticate("legacy.user", "wrong-password", "bench"),
    () => customerUsers.authenticate("unknown.user", "wrong-password", "bench"),
  );
} finally {
  await database.drop();
}
