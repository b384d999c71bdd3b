import { readFileSync, writeFileSync } from "node:fs";
import { createClientele, importOtoboConfig, loadConfig, openDatabase } from "@clientele/domain";
import { fromInvocation, readEnv } from "./env";

const usage = `Usage:
  pnpm --filter @clientele/server cli create-api-token <name> [agent-login]
  pnpm --filter @clientele/server cli import-otobo-config <path/to/Kernel/Config.pm> [--out clientele.yaml]`;

/** Admin commands that belong outside the browser (API tokens are shown once, stored hashed). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "import-otobo-config") return importConfig(rest);
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

/**
 * Translates the customer-user backends of an OTOBO/Znuny Config.pm into Clientele's backend file:
 * the file goes to --out (or standard output), the keys it could not translate to standard error.
 * Exit code 1 when the result would not start Clientele (nothing is written then).
 */
function importConfig(args: string[]): number {
  const outIndex = args.indexOf("--out");
  const outArg = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const paths = outIndex >= 0 ? args.filter((_, i) => i !== outIndex && i !== outIndex + 1) : args;
  if (paths.length !== 1 || (outIndex >= 0 && !outArg)) {
    console.error(usage);
    return 2;
  }
  const path = fromInvocation(paths[0]!, process.env);
  const out = outArg ? fromInvocation(outArg, process.env) : undefined;
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    console.error(`Cannot read ${path}: ${(error as Error).message}`);
    return 1;
  }
  const result = importOtoboConfig(source);
  for (const p of result.problems) {
    console.error(`not translated: ${p.key}${p.line ? ` (line ${p.line})` : ""}: ${p.reason}`);
  }
  if (result.invalid) {
    console.error(
      `${result.invalid}\nNothing was written; fix the keys above in ${path} or write the file by hand.`,
    );
    return 1;
  }
  const text = `# Clientele backends translated from ${path}\n${result.yaml}`;
  if (out) {
    writeFileSync(out, text);
    console.error(
      `Wrote ${result.config.backends.length} backend(s) to ${out}; ${result.problems.length} key(s) not translated. Start with CLIENTELE_CONFIG=${out}.`,
    );
  } else process.stdout.write(text);
  return 0;
}

process.exit(await main(process.argv.slice(2)));
