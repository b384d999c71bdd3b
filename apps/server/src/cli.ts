import {
  applySearchIndexes,
  createClientele,
  describeLayout,
  loadConfig,
  openDatabase,
  type SearchIndexReport,
  searchIndexReport,
} from "@clientele/domain";
import { readEnv } from "./env";

const usage = `Usage:
  pnpm --filter @clientele/server cli create-api-token <name> [agent-login]
  pnpm --filter @clientele/server cli search-indexes [--apply]`;

function printReport(report: SearchIndexReport, log: (line: string) => void): void {
  log(`Search indexes present: ${report.present.length ? report.present.join(", ") : "none"}`);
  log(`Search indexes missing: ${report.missing.length ? report.missing.join(", ") : "none"}`);
  for (const clash of report.caseClashes) {
    log(`${clash.table}.${clash.column} values that differ only in case: ${clash.values.join(", ")}`);
  }
  if (report.statements.length) {
    log("Statements that add the missing indexes (run with --apply, or by hand):");
    for (const statement of report.statements) log(`  ${statement}`);
  }
}

/** Admin commands that belong outside the browser (API tokens are shown once, stored hashed). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const known =
    (command === "create-api-token" && rest[0]) ||
    (command === "search-indexes" && rest.every((a) => a === "--apply"));
  if (!known) {
    console.error(usage);
    return 2;
  }
  const env = readEnv();
  const database = await openDatabase(env.databaseUrl ? { url: env.databaseUrl } : { dataDir: env.dataDir });
  try {
    if (command === "search-indexes") {
      console.log(`Database: ${describeLayout(database.mode, database.flavour)}`);
      const report = rest.includes("--apply")
        ? await applySearchIndexes(database.db, (statement) => console.log(`applying: ${statement}`))
        : await searchIndexReport(database.db);
      printReport(report, (line) => console.log(line));
      return 0;
    }
    const clientele = await createClientele({ database, config: loadConfig(env.configPath) });
    await clientele.agents.ensureAdmin(env.adminPassword);
    const token = await clientele.agents.createApiToken(rest[0]!, rest[1]);
    console.log(token);
    return 0;
  } finally {
    await database.close();
  }
}

process.exit(await main(process.argv.slice(2)));
