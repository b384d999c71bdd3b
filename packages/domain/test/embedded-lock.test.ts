import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { openDatabase } from "../src/db/client";

test("a second process on the same embedded database folder is refused; a stale lock is taken over", async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), "clientele-lock-")), "pglite");
  // A lock held by a live process (PID 1 always runs) must be respected.
  writeFileSync(`${dataDir}.lock`, "1");
  await expect(openDatabase({ dataDir, migrate: false })).rejects.toThrow(/in use by process 1/);
  // A lock left by a process that is gone is taken over.
  writeFileSync(`${dataDir}.lock`, "999999999");
  const database = await openDatabase({ dataDir, migrate: false });
  await database.close();
  const again = await openDatabase({ dataDir, migrate: false });
  await again.close();
});
