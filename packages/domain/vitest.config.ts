import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share one PostgreSQL server and one slapd port range; keep the load bounded on 2 cores.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "domain", include: ["src/**/*.test.ts", "test/**/*.test.ts"], exclude: ["test/ad/**"] },
      },
      {
        // One Samba AD domain controller for every file (it holds ports 389/636; see scripts/samba-ad).
        extends: true,
        test: { name: "ad", include: ["test/ad/**/*.test.ts"], globalSetup: ["test/ad/global-setup.ts"] },
      },
    ],
  },
});
