import { createServer, type Server } from "node:http";
import {
  type Clientele,
  createClientele,
  type Database,
  describeLayout,
  loadConfig,
  openDatabase,
} from "@clientele/domain";
import type { Logger } from "pino";
import { loadDemoData } from "./demo-data";
import type { ServerEnv } from "./env";
import { createHttpApp } from "./http";
import { createLogger } from "./security/logging";

export interface RunningServer {
  clientele: Clientele;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * Start-up in order: config (fails fast naming the key), database + migrations, backends (a mapped
 * column that does not exist stops here with the ALTER statement), admin, demo data, HTTP.
 */
export async function startServer(env: ServerEnv, logger?: Logger): Promise<RunningServer> {
  loadConfig(env.configPath); // a bad config fails before the database is touched
  const database = await openDatabase(env.databaseUrl ? { url: env.databaseUrl } : { dataDir: env.dataDir });
  return startServerOn(database, env, logger);
}

/** Starts on an open database (tests hand in-process PGlite here); closes it on failure. */
export async function startServerOn(
  database: Database,
  env: ServerEnv,
  logger: Logger = createLogger(env.logLevel),
): Promise<RunningServer> {
  const config = loadConfig(env.configPath);
  try {
    const clientele = await createClientele({
      database,
      config,
      logger,
      sessionIdleMinutes: env.sessionIdleMinutes,
    });
    logger.info(
      `${describeLayout(database.mode, database.flavour)}; new passwords as ${clientele.passwordHash}`,
    );
    const admin = await clientele.agents.ensureAdmin(env.adminPassword);
    if (admin.passwordIgnored) {
      logger.warn(
        database.mode === "attach"
          ? "CLIENTELE_ADMIN_PASSWORD was not applied: attached to OTOBO, whose agents sign in with their OTOBO passwords (root@localhost keeps its own). Change a password in OTOBO (Admin → Agents) or with `bin/otobo.Console.pl Admin::User::SetPassword root@localhost <password>`, then unset CLIENTELE_ADMIN_PASSWORD."
          : "CLIENTELE_ADMIN_PASSWORD was not applied: root@localhost already exists and keeps its password. Unset CLIENTELE_ADMIN_PASSWORD.",
      );
    }
    if (admin.generatedPassword) {
      // Printed once, on the console only; it is stored as a hash.
      console.log(
        `\n  Admin created: root@localhost / ${admin.generatedPassword}\n  (set CLIENTELE_ADMIN_PASSWORD to choose it)\n`,
      );
    }
    if (env.demoData && !env.databaseUrl && database.mode === "standalone") {
      const loaded = await loadDemoData(clientele);
      if (loaded) logger.info("loaded the demo data set into the fresh embedded database");
    }
    const listener = await createHttpApp(clientele, {
      webDist: env.webDist,
      logger,
      limits: config.limits,
      trustProxy: env.trustProxy,
      importMaxBytes: env.importMaxBytes,
    });
    const server = await new Promise<Server>((resolve, reject) => {
      const s = createServer(listener);
      s.once("error", reject);
      s.listen(env.port, () => resolve(s));
    });
    // Node closes an idle keep-alive connection after 5 s; a client (or proxy) reusing it at that
    // moment gets a reset. A minute, above common proxy idle timeouts, makes that race rare.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    const resumed = await clientele.backfill.resumeInterrupted();
    if (resumed.length) logger.info({ jobs: resumed }, "resumed interrupted dynamic-field backfill jobs");
    const interrupted = await clientele.imports.failInterrupted();
    if (interrupted.length)
      logger.warn({ jobs: interrupted }, "CSV imports interrupted by a restart are marked failed");
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.port;
    return {
      clientele,
      server,
      url: `http://localhost:${port}`,
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections?.();
        await clientele.backfill.stop();
        await clientele.imports.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
