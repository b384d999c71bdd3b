import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import {
  ADMIN_PASSWORD,
  BASE_URL,
  CONFIG_FILE,
  DATABASE_NAME,
  databaseUrl,
  E2E_EMPTY_PORT,
  E2E_PORT,
  EMPTY_BASE_URL,
  EMPTY_DATABASE_NAME,
} from "./fixtures/env";
import { writeConfigWithDirectory } from "./fixtures/ldap";

// Debian's Chromium, never a downloaded browser (the network here only reaches npm and Debian).
const CHROMIUM = "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `Chromium is missing at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium`,
  );
}

/** Creates the database, migrates it and adds the `room` column the config maps. */
const PREPARE_DATABASE = [
  "node fixtures/create-database.mjs",
  "pnpm --dir .. --filter @clientele/server cli migrate",
  "node fixtures/add-room-column.mjs",
];

const SERVER_OPTIONS = {
  reuseExistingServer: false,
  timeout: 240_000,
  stdout: "pipe",
  stderr: "pipe",
} as const;

function serverEnv(port: number, database: string): Record<string, string> {
  return {
    PORT: String(port),
    DATABASE_URL: databaseUrl(database),
    CLIENTELE_E2E_DATABASE: database,
    CLIENTELE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CLIENTELE_DEMO_DATA: "false",
    TURBO_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
  };
}

export default defineConfig({
  testDir: "specs",
  // Every spec makes its own data, so any one of them runs alone or in any order. They share one
  // server and its directory (which the LDAP spec stops for a while), so they run one at a time.
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
  webServer: [
    {
      command: [
        "pnpm --dir .. exec turbo run build --filter=@clientele/web --filter=@clientele/server --output-logs=errors-only",
        ...PREPARE_DATABASE,
        "pnpm --dir .. --filter @clientele/server start",
      ].join(" && "),
      url: `${BASE_URL}/`,
      ...SERVER_OPTIONS,
      env: {
        ...serverEnv(E2E_PORT, DATABASE_NAME),
        // The base config with the run's directory appended as the second backend.
        CLIENTELE_CONFIG: writeConfigWithDirectory(),
      },
    },
    {
      // The second server: started after the first one built the bundle, on a database no spec
      // writes to, for what only an empty start shows ("no customer yet").
      command: [...PREPARE_DATABASE, "pnpm --dir .. --filter @clientele/server start"].join(" && "),
      url: `${EMPTY_BASE_URL}/`,
      ...SERVER_OPTIONS,
      env: { ...serverEnv(E2E_EMPTY_PORT, EMPTY_DATABASE_NAME), CLIENTELE_CONFIG: CONFIG_FILE },
    },
  ],
});
