import { expect, test } from "vitest";
import { openDatabase } from "../../src/db/client";
import { describeLayout } from "../../src/db/layout";
import type { OtoboFixtureFlavour } from "../../src/testing";
import { createOtoboDatabase, createRawDatabase } from "../support/otobo/database";

test.each([
  ["otobo10", "OTOBO", "10", "groups_table"],
  ["otobo11", "OTOBO", "11", "groups_table"],
  ["znuny65", "Znuny", "6.5", "permission_groups"],
  ["znuny7", "Znuny", "7", "permission_groups"],
] as const)("%s is told apart by its schema", async (fixture, product, version, groupsTable) => {
  const raw = await createOtoboDatabase(fixture as OtoboFixtureFlavour);
  try {
    const database = await openDatabase({ url: raw.url });
    try {
      expect(database.mode).toBe("attach");
      expect(database.flavour).toMatchObject({ product, version, groupsTable });
      expect(describeLayout(database.mode, database.flavour)).toMatch(
        new RegExp(`^attached to ${product} ${version.replace(".", "\\.")} \\(PostgreSQL \\d+`),
      );
    } finally {
      await database.close();
    }
  } finally {
    await raw.drop();
  }
});

test("an empty database becomes standalone, with OTOBO's base rows seeded", async () => {
  const raw = await createRawDatabase();
  try {
    const database = await openDatabase({ url: raw.url });
    try {
      expect(database.mode).toBe("standalone");
      expect(describeLayout(database.mode, database.flavour)).toMatch(/^standalone \(PostgreSQL \d+/);
      const [groups] = await raw.exec("SELECT count(*)::int AS n FROM groups_table WHERE create_by = 1");
      expect(groups!.n).toBe(3);
    } finally {
      await database.close();
    }
  } finally {
    await raw.drop();
  }
});
