/**
 * The built server (`node dist/main.js`) as its own process, as it runs in production: the
 * benchmarks measure its CPU and RSS from /proc without the load generator in the same process.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));

/**
 * The arguments `pnpm start` gives node (apps/server/package.json: V8 settings, then the bundle),
 * so the benchmarks run the server exactly as production does.
 */
export function startArguments(serverDir: string = SERVER_DIR): string[] {
  const scripts = JSON.parse(readFileSync(`${serverDir}/package.json`, "utf8")).scripts as Record<
    string,
    string
  >;
  const [command, ...args] = scripts.start!.trim().split(/\s+/);
  if (command !== "node" || args.at(-1) !== "dist/main.js") {
    throw new Error(
      `apps/server's start script must be "node [options] dist/main.js", got "${scripts.start}"`,
    );
  }
  return args;
}

export interface ServerProcess {
  baseUrl: string;
  /** An ADMIN API token (Bearer), created with the CLI before the start. */
  token: string;
  pid: number;
  stop(): Promise<void>;
}

/** Builds the server bundle (esbuild, a few seconds). */
export function buildServer(): void {
  const built = spawnSync("node", ["scripts/build.mjs"], { cwd: SERVER_DIR, stdio: "inherit" });
  if (built.status !== 0) throw new Error("building the server bundle failed");
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {}
    await new Promise<void>((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts the server as `pnpm start` does on the database (migrations run first) once `/healthz` answers. */
export async function startServerProcess(options: {
  databaseUrl: string;
  port: number;
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const env = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    PORT: String(options.port),
    CLIENTELE_DEMO_DATA: "false",
    CLIENTELE_ADMIN_PASSWORD: "bench-admin-password",
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    ...options.env,
  };
  const cli = spawnSync("node", ["dist/cli.js", "create-api-token", `bench-${Date.now()}`], {
    cwd: SERVER_DIR,
    env,
    encoding: "utf8",
  });
  const token = cli.stdout.trim().split("\n").at(-1) ?? "";
  if (cli.status !== 0 || !token) throw new Error(`create-api-token failed: ${cli.stderr}`);
  const child = spawn("node", startArguments(), {
    cwd: SERVER_DIR,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  await waitForHealth(baseUrl, child);
  return {
    baseUrl,
    token,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
