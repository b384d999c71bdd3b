import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { ADMIN_PASSWORD, BASE_URL, DATABASE_NAME, databaseUrl, E2E_PORT } from "./fixtures/env";
import { writeConfigWithDirectory } from "./fixtures/ldap";

// Debian's Chromium, never a downloaded browser (the network here only reaches npm and Debian).
const CHROMIUM = "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `Chromium is missing at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium`,
  );
}

export default defineConfig({
  testDir: "specs",
  // One server and one database for the run; the specs build on each other in file order
  // (the "no customer yet" check must see the empty database), so they run one at a time.
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  // The company directory (slapd) starts after the web server: LDAP sources connect lazily.
  globalSetup: ["./fixtures/global-setup.ts", "./fixtures/ldap-setup.ts"],
  globalTeardown: ["./fixtures/ldap-teardown.ts", "./fixtures/global-teardown.ts"],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "en-GB",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: [
      "pnpm --dir .. exec turbo run build --filter=@clientele/web --filter=@clientele/server --output-logs=errors-only",
      "node fixtures/create-database.mjs",
      "pnpm --dir .. --filter @clientele/server cli migrate",
      "node fixtures/add-room-column.mjs",
      "pnpm --dir .. --filter @clientele/server start",
    ].join(" && "),
    url: `${BASE_URL}/`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      DATABASE_URL: databaseUrl(),
      CLIENTELE_E2E_DATABASE: DATABASE_NAME,
      CLIENTELE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CLIENTELE_DEMO_DATA: "false",
      // The base config with the run's directory appended as the second backend.
      CLIENTELE_CONFIG: writeConfigWithDirectory(),
      TURBO_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    },
  },
});
