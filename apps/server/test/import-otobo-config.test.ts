import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadConfig } from "@clientele/domain";
import { expect, test } from "vitest";

const run = promisify(execFile);
const serverDir = join(import.meta.dirname, "..");
const fixtures = join(serverDir, "../../packages/domain/test/otobo-config");

/** Runs the CLI as an admin would; resolves with the exit code and both streams. */
async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run("pnpm", ["exec", "tsx", "src/cli.ts", ...args], {
      cwd: serverDir,
      env: { ...process.env, INIT_CWD: serverDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test("import-otobo-config writes a backend file Clientele starts with, and lists what it left out", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "clientele-import-")), "clientele.yaml");
  const result = await cli("import-otobo-config", join(fixtures, "ldap-and-db.Config.pm"), "--out", out);
  expect(result.code).toBe(0);
  expect(result.stderr).toContain(
    "not translated: CustomerUser1.Params.DSN (line 10): a separate database connection is not supported",
  );
  expect(result.stderr).toContain("Wrote 2 backend(s)");
  expect(result.stderr).not.toContain("bind-secret");
  expect(readFileSync(out, "utf8")).toMatch(/^# Clientele backends translated from /);
  const config = loadConfig(out);
  expect(config.backends.map((b) => b.id)).toEqual(["CustomerUser", "CustomerUser1"]);
});

test("without --out the file goes to standard output; a result that would not start exits 1", async () => {
  const ok = await cli("import-otobo-config", join(fixtures, "db-custom-map.Config.pm"));
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain('- [ UserRoom, Room, room, 1, 0, var, "", 0 ]');
  const bad = await cli("import-otobo-config", join(fixtures, "untranslatable.Config.pm"));
  expect(bad.code).toBe(1);
  expect(bad.stdout).toBe("");
  expect(bad.stderr).toContain("Nothing was written");
  const usage = await cli("import-otobo-config");
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain("import-otobo-config <path/to/Kernel/Config.pm>");
});
