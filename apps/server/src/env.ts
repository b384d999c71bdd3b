import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseTrustProxy } from "./security/http";

/** Process configuration from the environment (docs/api.md §Transport and start-up). */
export interface ServerEnv {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  configPath: string | undefined;
  adminPassword: string | undefined;
  /** Load the demo data set on a fresh embedded database (default on; `CLIENTELE_DEMO_DATA=false` turns it off). */
  demoData: boolean;
  webDist: string;
  logLevel: string;
  /** Minutes without a request after which a session ends (`CLIENTELE_SESSION_IDLE_MINUTES`, default 30). */
  sessionIdleMinutes: number;
  /** Express's `trust proxy` (`CLIENTELE_TRUST_PROXY`): off unless set. */
  trustProxy: boolean | number | string;
  /** Largest CSV import body in bytes (`CLIENTELE_IMPORT_MAX_BYTES`, default 50 MB). */
  importMaxBytes: number;
}

/**
 * Relative paths are meant from where the admin typed the command: pnpm runs the server inside
 * apps/server but keeps the original folder in INIT_CWD.
 */
export const fromInvocation = (path: string, env: NodeJS.ProcessEnv): string =>
  resolve(env.INIT_CWD ?? process.cwd(), path);

export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a port number (1-65535), got "${env.PORT}".`);
  }
  const idle = env.CLIENTELE_SESSION_IDLE_MINUTES?.trim() || "30";
  const sessionIdleMinutes = Number(idle);
  if (!/^\d+$/.test(idle) || sessionIdleMinutes < 1 || sessionIdleMinutes > 720) {
    throw new Error(
      `CLIENTELE_SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 720, got "${env.CLIENTELE_SESSION_IDLE_MINUTES}".`,
    );
  }
  const importMax = env.CLIENTELE_IMPORT_MAX_BYTES?.trim() || String(50 * 1024 * 1024);
  const importMaxBytes = Number(importMax);
  if (!/^\d+$/.test(importMax) || importMaxBytes < 1024 || importMaxBytes > 2 ** 31) {
    throw new Error(
      `CLIENTELE_IMPORT_MAX_BYTES must be a whole number of bytes from 1024 to 2147483648, got "${env.CLIENTELE_IMPORT_MAX_BYTES}".`,
    );
  }
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    // The repository's ./data, wherever the process was started from (pnpm runs the server in apps/server).
    dataDir: env.CLIENTELE_DATA_DIR
      ? fromInvocation(env.CLIENTELE_DATA_DIR, env)
      : fileURLToPath(new URL("../../../data/pglite", import.meta.url)),
    configPath: env.CLIENTELE_CONFIG ? fromInvocation(env.CLIENTELE_CONFIG, env) : undefined,
    adminPassword: env.CLIENTELE_ADMIN_PASSWORD || undefined,
    demoData: !/^(0|false|no|off)$/i.test(env.CLIENTELE_DEMO_DATA ?? "true"),
    webDist: env.CLIENTELE_WEB_DIST
      ? fromInvocation(env.CLIENTELE_WEB_DIST, env)
      : fileURLToPath(new URL("../../web/dist", import.meta.url)),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
    sessionIdleMinutes,
    trustProxy: parseTrustProxy(env.CLIENTELE_TRUST_PROXY),
    importMaxBytes,
  };
}
