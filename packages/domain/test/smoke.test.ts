import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { queryRows } from "../src/db/client";
import { createTestDatabase } from "../src/testing";

test("migrates", async () => {
  const d = await createTestDatabase();
  const rows = await queryRows(d.db, sql`select name from groups_table order by id`);
  expect(rows.map((r) => r.name)).toEqual(["users", "admin", "stats"]);
  await d.drop();
});
