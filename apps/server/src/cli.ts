import { createClientele, loadConfig, openDatabase } from "@clientele/domain";
import { readEnv } from "./env";

const usage = `Usage: pnpm --filter @clientele/server cli create-api-token <name> [agent-login]`;

/** Admin commands that belong outside the browser (API tokens are shown once, stored hashed). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "create-api-token" || !rest[0]) {
    console.error(usage);
    return 2;
  }
  const env = readEnv();
  const database = await openDatabase(env.databaseUrl ? { url: env.databaseUrl } : { dataDir: env.dataDir });
  try {
    const clientele = await createClientele({ database, config: loadConfig(env.configPath) });
    await clientele.agents.ensureAdmin(env.adminPassword);
    const token = await clientele.agents.createApiToken(rest[0], rest[1]);
    console.log(token);
    return 0;
  } finally {
    await database.close();
  }
}

process.exit(await main(process.argv.slice(2)));
