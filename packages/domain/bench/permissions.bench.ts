/**
 * Measures listing customer users with customers, direct grants, effective permissions, effective
 * services and context customers: SQL statements and wall time for 1000 users (and 10,000).
 *
 *   npx tsx bench/permissions.bench.ts            # needs PostgreSQL (TEST_POSTGRES_URL or the local default)
 */
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../src/testing";
import { countingClientele, seedPermissionScenario } from "../test/support/counting";

async function main() {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  for (const size of sizes.length ? sizes : [1000, 10_000]) {
    const database = await createTestDatabase();
    try {
      await seedPermissionScenario(database.db, size);
      const c = await countingClientele(database.url!);
      const page = async () => {
        const { nodes } = await c.app.customerUsers.search({ limit: size });
        const customerIds = await c.app.customerUsers.customerIdsMany(nodes);
        await c.app.customers.getMany([...new Set(customerIds.flat())]);
        const settings = await c.settings.get();
        const known = {
          settings,
          customerIds: new Map(nodes.map((n, i) => [n.login.toLowerCase(), customerIds[i]!])),
        };
        await c.groups.customerUserGrantsMany(nodes.map((n) => n.login));
        const effective = await c.permissions.effectiveForMany(nodes, known);
        await c.permissions.effectiveServicesForMany(nodes, known);
        await c.permissions.contextCustomersMany(nodes, known);
        return {
          nodes: nodes.length,
          permissions: [...effective.values()].reduce((n, l) => n + l.length, 0),
        };
      };
      await page(); // warm-up: connections, plans
      const times: number[] = [];
      let last = { queries: 0, result: { nodes: 0, permissions: 0 } };
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        last = await c.count(page);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      console.log(
        `${String(last.result.nodes).padStart(6)} users: ${last.queries} SQL statements, ` +
          `${last.result.permissions} effective permissions, median ${times[2]!.toFixed(0)} ms ` +
          `(min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)})`,
      );
      const effectiveOnly = await c.count(async () => {
        const { nodes } = await c.app.customerUsers.search({ limit: size });
        return c.permissions.effectiveForMany(nodes);
      });
      console.log(
        `${" ".repeat(14)}search + effectiveForMany alone: ${effectiveOnly.queries} SQL statements`,
      );
      await c.close();
    } finally {
      await database.drop();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
