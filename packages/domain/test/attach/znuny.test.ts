import { afterAll, beforeAll, expect, test } from "vitest";
import { createClientele } from "../../src/clientele";
import { loadConfig } from "../../src/config/backends";
import { type Database, openDatabase } from "../../src/db/client";
import { createOtoboDatabase, dumpOtoboSchema, type RawDatabase } from "../support/otobo/database";
import { seedOtoboRows } from "../support/otobo/rows";

/** Znuny 7 keeps groups in `permission_groups`: detected, read and written there, nothing else made. */
let raw: RawDatabase;
let database: Database;

beforeAll(async () => {
  raw = await createOtoboDatabase("znuny7");
  await seedOtoboRows(raw, "permission_groups");
  database = await openDatabase({ url: raw.url });
});

afterAll(async () => {
  await database?.close();
  await raw?.drop();
});

test("Znuny 7 is detected and its permission_groups used; argon2id is refused on it", async () => {
  const before = dumpOtoboSchema(raw.url);
  expect(database.mode).toBe("attach");
  expect(database.flavour).toMatchObject({
    product: "Znuny",
    version: "7",
    groupsTable: "permission_groups",
  });
  const app = await createClientele({ database, config: loadConfig(undefined) });
  const actor = { id: 2, login: "agent.smith" };
  expect((await app.groups.list()).map((g) => g.name)).toEqual([
    "admin",
    "retired",
    "stats",
    "support",
    "users",
  ]);
  // Znuny's names may be 200 characters long (OTOBO: 191)
  const long = await app.groups.create(actor, { name: "g".repeat(200) });
  await app.groups.setCustomerUserGroups(actor, "cu.md5", [{ groupId: long.id, permissions: ["RO"] }]);
  const [row] = await raw.exec("SELECT create_by, valid_id FROM permission_groups WHERE id = $1", [long.id]);
  expect(row).toEqual({ create_by: 2, valid_id: 1 });
  expect(
    (await app.permissions.effectiveFor((await app.customerUsers.get("cu.md5"))!)).length,
  ).toBeGreaterThan(0);
  const [tables] = await raw.exec("SELECT to_regclass('public.groups_table') AS t");
  expect(tables!.t).toBeNull();
  await expect(
    createClientele({ database, config: { ...loadConfig(undefined), passwordHash: "argon2id" } }),
  ).rejects.toThrow(/argon2id cannot be used on an OTOBO or Znuny database/);
  expect(dumpOtoboSchema(raw.url)).toBe(before);
});
