import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Clientele, createClientele, loadConfig } from "@clientele/domain";
import { createTestDatabase, type TestDatabase } from "@clientele/domain/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));

let database: TestDatabase;
let clientele: Clientele;

beforeAll(async () => {
  database = await createTestDatabase();
  clientele = await createClientele({ database, config: loadConfig(undefined) });
});
afterAll(async () => database?.drop());

/** Runs the real command line on the test database; resolves to its exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ["src/cli.ts", ...args], {
      cwd: serverDir,
      env: {
        ...process.env,
        DATABASE_URL: database.url ?? "",
        CLIENTELE_ADMIN_PASSWORD: "cli-admin",
        LOG_LEVEL: "silent",
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each command starts a process and opens the database: minutes, not seconds, on a busy machine.
describe("command line", { timeout: 180_000 }, () => {
  test("create-agent prints the generated password once; list-agents shows the role", async () => {
    const created = await cli("create-agent", "ops@example.com", "--role", "READ_ONLY");
    expect(created.code).toBe(0);
    const password = /\/ (\S{20})$/m.exec(created.stdout)?.[1];
    expect(password).toBeDefined();
    const { actor } = await clientele.agents.login("ops@example.com", password!);
    expect(actor.role).toBe("READ_ONLY");
    const list = await cli("list-agents");
    expect(list.stdout).toMatch(/ops@example\.com\tREAD_ONLY\tvalid/);
    expect(list.stdout).toMatch(/root@localhost\tADMIN\tvalid/);
    expect(list.stdout).not.toContain(password!);
  });

  test("create-api-token with --role and --expires; list-api-tokens; revoke-api-token", async () => {
    const made = await cli(
      "create-api-token",
      "nightly export",
      "ops@example.com",
      "--role",
      "READ_ONLY",
      "--expires",
      "2099-12-31",
    );
    expect(made.code).toBe(0);
    const token = made.stdout.trim();
    expect(await clientele.agents.actorForApiToken(token)).toMatchObject({
      login: "ops@example.com",
      role: "READ_ONLY",
    });
    const list = await cli("list-api-tokens");
    expect(list.stdout).toMatch(/^(\d+)\tnightly export\tops@example\.com\tREAD_ONLY\texpires 2099-12-31/m);
    expect(list.stdout).not.toContain(token);
    const id = /^(\d+)\tnightly export/m.exec(list.stdout)![1]!;
    expect((await cli("revoke-api-token", id)).code).toBe(0);
    expect(await clientele.agents.actorForApiToken(token)).toBeNull();
    expect((await cli("list-api-tokens")).stdout).toMatch(/nightly export.*REVOKED/);
  });

  test("mistakes are reported with the usage or the reason", async () => {
    const role = await cli("create-api-token", "x", "--role", "god");
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/--role must be ADMIN or READ_ONLY/);
    const dup = await cli("create-agent", "OPS@example.com");
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already taken/);
  });
});
