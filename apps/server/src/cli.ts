import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  type AgentRole,
  applySearchIndexes,
  type Clientele,
  checkRole,
  createClientele,
  describeLayout,
  importOtoboConfig,
  loadConfig,
  openDatabase,
  type SearchIndexReport,
  searchIndexReport,
} from "@clientele/domain";
import { fromInvocation, readEnv } from "./env";

function printReport(report: SearchIndexReport, log: (line: string) => void): void {
  log(`Search indexes present: ${report.present.length ? report.present.join(", ") : "none"}`);
  log(`Search indexes missing: ${report.missing.length ? report.missing.join(", ") : "none"}`);
  if (report.obsolete.length) {
    log(`Search indexes no longer used (an earlier release offered them): ${report.obsolete.join(", ")}`);
  }
  for (const clash of report.caseClashes) {
    log(`${clash.table}.${clash.column} values that differ only in case: ${clash.values.join(", ")}`);
  }
  if (report.statements.length) {
    log("Statements that add the missing indexes and drop unused ones (run with --apply, or by hand):");
    for (const statement of report.statements) log(`  ${statement}`);
  }
}

const usage = `Usage: pnpm --filter @clientele/server cli <command>
  create-api-token <name> [agent-login] [--role ADMIN|READ_ONLY] [--expires <ISO date>]
                                   prints the token once (it acts as the agent, default root@localhost)
  list-api-tokens                  id, name, agent, role, expiry, last use, revoked
  revoke-api-token <id>
  list-agents                      id, login, role, valid, last login
  create-agent <login> [--role ADMIN|READ_ONLY] [--first-name <name>] [--last-name <name>]
                                   prints the generated password once (default role READ_ONLY)
  import-otobo-config <path/to/Kernel/Config.pm> [--out clientele.yaml]
                                   translates OTOBO's customer-user backends into Clientele's backend file
  search-indexes [--apply]         reports the search indexes on OTOBO's tables; --apply creates the missing
                                   ones concurrently

  migrate                          applies the migrations and stops (e.g. before an ALTER TABLE for a mapped column)`;

class UsageError extends Error {}

const VALID = ["", "valid", "invalid", "invalid-temporarily"];
const iso = (date: Date | null) => (date ? date.toISOString() : "-");

function roleOption(value: string | undefined): AgentRole | undefined {
  if (value === undefined) return undefined;
  try {
    return checkRole("role", value.toUpperCase().replace("-", "_"));
  } catch {
    throw new UsageError(`--role must be ADMIN or READ_ONLY, got "${value}".`);
  }
}

function dateOption(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--expires must be an ISO date, got "${value}".`);
  return date;
}

async function run(clientele: Clientele, command: string, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      role: { type: "string" },
      expires: { type: "string" },
      "first-name": { type: "string" },
      "last-name": { type: "string" },
    },
  });
  const agents = clientele.agents;
  switch (command) {
    case "create-api-token": {
      if (!positionals[0]) throw new UsageError("create-api-token needs a name.");
      const agent = await agents.actorByLogin(positionals[1]);
      const { token } = await agents.createApiToken(await agents.commandLineActor(), {
        agentId: agent.id,
        name: positionals[0],
        role: roleOption(values.role) ?? "ADMIN",
        expiresAt: dateOption(values.expires) ?? null,
      });
      console.log(token);
      return;
    }
    case "list-api-tokens":
      for (const t of await agents.listApiTokens()) {
        console.log(
          [t.id, t.name, t.agentLogin, t.role, `expires ${iso(t.expiresAt)}`, `used ${iso(t.lastUsedAt)}`]
            .concat(t.revoked ? ["REVOKED"] : [])
            .join("\t"),
        );
      }
      return;
    case "revoke-api-token": {
      if (!positionals[0])
        throw new UsageError("revoke-api-token needs the token's id (see list-api-tokens).");
      const token = await agents.revokeApiToken(await agents.commandLineActor(), positionals[0]);
      console.log(`Revoked API token ${token.id} "${token.name}".`);
      return;
    }
    case "list-agents":
      for (const a of await agents.list()) {
        console.log([a.id, a.login, a.role, VALID[a.validId], `last login ${iso(a.lastLoginAt)}`].join("\t"));
      }
      return;
    case "create-agent": {
      const login = positionals[0];
      if (!login) throw new UsageError("create-agent needs a login.");
      const { agent, generatedPassword } = await agents.create(await agents.commandLineActor(), {
        login,
        firstName: values["first-name"] ?? login,
        lastName: values["last-name"] ?? login,
        role: roleOption(values.role) ?? "READ_ONLY",
      });
      // Printed once, on the console only; it is stored as a hash.
      console.log(`Agent created: ${agent.login} (${agent.role}) / ${generatedPassword}`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

/** Admin commands that belong outside the browser (secrets are shown once, stored hashed). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "import-otobo-config") return importConfig(rest);
  if (!command) {
    console.error(usage);
    return 2;
  }
  const env = readEnv();
  const database = await openDatabase(env.databaseUrl ? { url: env.databaseUrl } : { dataDir: env.dataDir });
  try {
    if (command === "search-indexes") {
      if (!rest.every((a) => a === "--apply")) {
        console.error(usage);
        return 2;
      }
      console.log(`Database: ${describeLayout(database.mode, database.flavour)}`);
      const report = rest.includes("--apply")
        ? await applySearchIndexes(database.db, (statement) => console.log(`applying: ${statement}`))
        : await searchIndexReport(database.db);
      printReport(report, (line) => console.log(line));
      return 0;
    }
    // Opening the database has applied the migrations; the backend configuration is not checked.
    if (command === "migrate") {
      console.log("The database is up to date.");
      return 0;
    }
    const clientele = await createClientele({ database, config: loadConfig(env.configPath) });
    await clientele.agents.ensureAdmin(env.adminPassword);
    await run(clientele, command, rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof Error && "code" in error) {
      console.error(error.message);
      return 1;
    }
    throw error;
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
