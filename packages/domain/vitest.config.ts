import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share one PostgreSQL server and one slapd port range; keep the load bounded on 2 cores.
    maxWorkers: 2,
  },
});
