import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseConfig } from "../src/config/backends";
import { DbCustomerUserSource } from "../src/customer-users/sources/db-source";
import { type Db, queryRows } from "../src/db/client";
import * as schema from "../src/db/schema";
import { SEARCH_TEXT_SQL } from "../src/db/schema/search-text";
import { SEARCH_INDEXES, SEARCH_STATISTICS_TARGET } from "../src/db/search-indexes";
import { parseSearch } from "../src/search/search-syntax";
import { createTestDatabase, type TestDatabase } from "../src/testing";

/**
 * The default search fields are matched through one search text (login, first name, last name,
 * customer id joined by U+001F) and the matching logins are chosen before the rows are read. These
 * tests compare every search form with the same search spelled per column (a custom field list
 * that turns the search text off) and with the rows counted in SQL, on real PostgreSQL.
 */
let database: TestDatabase;
let searchText: DbCustomerUserSource;
let perColumn: DbCustomerUserSource;
let recorder: postgres.Sql;
/** Every statement the sources send, as SQL text, and the parameters of the last one. */
const statements: string[] = [];
let lastParams: unknown[] = [];

const USERS: Array<[string, string, string, string, number]> = [
  // login, first name, last name, customer id, valid id
  ["john.smith", "John", "Smith", "acme", 1],
  ["JOHN.SMITH2", "Johnny", "Smithers", "acme", 1],
  ["jsmith", "Jan", "Smith", "beta", 1],
  ["anna", "Anna", "Müller", "beta", 1],
  ["hanna.keller", "Hanna", "Keller", "gamma", 2],
  ["zed", "Zed", "Johnson", "JOHN-CORP", 1],
  ["ann", "Ann", "Abel", "delta", 1], // "nab" only spans the first and last name: no match
  ["percent", "100%", "under_score", "x\\y", 1],
  ["müller.jürgen", "Jürgen", "Müller", "gamma", 3],
  ["nobody", "", "", "empty", 1],
];

beforeAll(async () => {
  database = await createTestDatabase({ driver: "postgres" });
  for (const [login, first, last, customer, valid] of USERS) {
    await database.db.execute(sql`INSERT INTO customer_user
      (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
      VALUES (${login}, ${`${login}@example.com`}, ${customer}, ${first}, ${last}, ${valid}, now(), 1, now(), 1)`);
  }
  // A second client whose every statement is recorded (postgres.js `debug`), transactions included.
  recorder = postgres(database.url!, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, query, params) => {
      statements.push(query);
      lastParams = params as unknown[];
    },
  });
  const recording = drizzle(recorder, { schema }) as unknown as Db;
  const [config] = parseConfig({ backends: [{ module: "db" }] }).backends;
  searchText = new DbCustomerUserSource(recording, config as never);
  // The same four fields plus email, which cannot be in the search text: every word per column.
  const [wide] = parseConfig({
    backends: [
      {
        module: "db",
        customerUserSearchFields: ["login", "first_name", "last_name", "customer_id", "email"],
      },
    ],
  }).backends;
  perColumn = new DbCustomerUserSource(recording, wide as never);
  await searchText.verifySchema();
  await perColumn.verifySchema();
});

afterAll(async () => {
  await recorder?.end();
  await database?.drop();
});

const logins = async (source: DbCustomerUserSource, term: string, extra: object = {}) =>
  (await source.search({ query: parseSearch(term), limit: 100, ...extra })).records.map((r) => r.login);

describe("search through the search text", () => {
  test.each([
    ["john", ["john.smith", "JOHN.SMITH2", "zed"]],
    ["SMITH", ["john.smith", "JOHN.SMITH2", "jsmith"]],
    ["john smith", ["john.smith", "JOHN.SMITH2"]],
    ["john !smithers", ["john.smith", "zed"]],
    ["*ller*", ["hanna.keller", "müller.jürgen", "anna"]],
    ["müller", ["müller.jürgen", "anna"]],
    ["nab", []],
    ["100%", ["percent"]],
    ["under_score", ["percent"]],
    ["_", ["percent"]],
    ["x\\y", ["percent"]],
    ["jo*th", ["john.smith", "JOHN.SMITH2"]],
    ["anna OR zed", ["anna", "hanna.keller", "zed"]],
    ['"john.smith"', ["john.smith", "JOHN.SMITH2"]],
    ["n\u001fa", []],
  ])("%s finds what the per-column search finds", async (term, expected) => {
    const found = await logins(searchText, term);
    expect([...found].sort()).toEqual([...expected].sort());
    // The same logins in the same order (lower-cased login, byte order), however the SQL is spelled.
    expect(found).toEqual(await logins(perColumn, term));
  });

  test("the default fields are one condition on the search text; other field lists stay per column", async () => {
    await logins(searchText, "john smith");
    const statement = statements.findLast((s) => s.startsWith("SELECT"))!;
    expect(statement.match(/E'\\x1f'/g)).toHaveLength(2 * 3);
    // Which logins match is decided first, in login order, then only those rows are read.
    expect(statement).toMatch(
      /"login" IN \(SELECT "login" FROM "customer_user" WHERE .* LIMIT \$\d+\) ORDER BY/,
    );
    await logins(perColumn, "john smith");
    const perColumnStatement = statements.findLast((s) => s.startsWith("SELECT"))!;
    expect(perColumnStatement).not.toContain("x1f");
    expect(perColumnStatement).toContain(`lower("email") LIKE`);
  });

  test("returns the login order, the valid and customer filters and a truthful limitReached", async () => {
    const all = await searchText.search({ query: parseSearch("*"), limit: 100 });
    const order = all.records.map((r) => r.login);
    expect(order).toEqual(
      [...order].sort((a, b) => Buffer.compare(Buffer.from(a.toLowerCase()), Buffer.from(b.toLowerCase()))),
    );
    expect(order).toHaveLength(USERS.length);
    expect(all.limitReached).toBe(false);

    const valid = await searchText.search({ query: parseSearch("*ller*"), validId: 1, limit: 100 });
    expect(valid.records.map((r) => r.login)).toEqual(["anna"]);

    const acme = await searchText.search({ query: parseSearch("smith"), customerId: "ACME", limit: 100 });
    expect(acme.records.map((r) => r.login)).toEqual(["john.smith", "JOHN.SMITH2"]);

    // Cut at the limit: the first two in login order, and limitReached says more matched.
    const cut = await searchText.search({ query: parseSearch("smith"), limit: 2 });
    expect(cut.records.map((r) => r.login)).toEqual(["john.smith", "JOHN.SMITH2"]);
    expect(cut.limitReached).toBe(true);
    const exact = await searchText.search({ query: parseSearch("smith"), limit: 3 });
    expect(exact.records).toHaveLength(3);
    expect(exact.limitReached).toBe(false);
  });

  test("reads every mapped attribute of the rows it returns", async () => {
    const [user] = (await searchText.search({ query: parseSearch("jürgen"), limit: 10 })).records;
    expect(user).toMatchObject({
      login: "müller.jürgen",
      validId: 3,
      attributes: expect.objectContaining({
        UserFirstname: "Jürgen",
        UserLastname: "Müller",
        UserCustomerID: "gamma",
      }),
    });
  });

  test("a projection reads only the asked attributes, with the same users in the same order", async () => {
    statements.length = 0;
    const projected = await searchText.search({
      query: parseSearch("smith"),
      limit: 10,
      attributes: ["UserEmail", "UserFirstname"],
    });
    const select = statements.find((s) => /^\s*select/i.test(s)) ?? "";
    expect(select).toContain('"UserEmail"');
    expect(select).not.toContain('"UserLastname"');
    expect(select).not.toContain("create_time");
    // The cover index holds email and first name: one step, no second read of the chosen rows.
    expect(select).not.toMatch(/IN \(SELECT/i);
    statements.length = 0;
    await searchText.search({ query: parseSearch("smith"), limit: 10, attributes: ["UserStreet"] });
    expect(statements.find((s) => /^\s*select/i.test(s))).toMatch(/IN \(SELECT/i);
    const complete = await searchText.search({ query: parseSearch("smith"), limit: 10 });
    expect(projected.records.map((r) => r.login)).toEqual(complete.records.map((r) => r.login));
    expect(projected.limitReached).toBe(complete.limitReached);
    const [first] = projected.records;
    expect(first).toMatchObject({ login: "john.smith", validId: 1, createdAt: null });
    expect(first?.attributes).toEqual({ UserEmail: "john.smith@example.com", UserFirstname: "John" });
    expect(complete.records[0]?.attributes).toMatchObject({ UserLastname: "Smith" });
    expect(complete.records[0]?.createdAt).toBeInstanceOf(Date);
  });

  test("the indexes the search text needs are in the offered set and the standalone layout", async () => {
    const names = SEARCH_INDEXES.map((i) => i.name);
    expect(names).toEqual(
      expect.arrayContaining(["customer_user_search_cover", "customer_user_search_trgm"]),
    );
    const present = await queryRows<{ indexname: string }>(
      database.db,
      sql`select indexname from pg_indexes where tablename = 'customer_user' and indexname like 'customer_user_search_%'`,
    );
    expect(present.map((r) => r.indexname).sort()).toEqual([
      "customer_user_search_cover",
      "customer_user_search_trgm",
    ]);
    // Both keep 1000 statistics entries on the search text, as the offered set asks
    // (SEARCH_STATISTICS_TARGET): the planner's choice between them depends on that estimate.
    const targets = await queryRows<{ name: string; target: number }>(
      database.db,
      sql`select c.relname as name, a.attstattarget::int as target from pg_attribute a
          join pg_class c on c.oid = a.attrelid
          where (c.relname, a.attnum) in (('customer_user_search_cover', 3), ('customer_user_search_trgm', 1))
          order by 1`,
    );
    expect(targets).toEqual(
      SEARCH_INDEXES.filter((i) => i.statistics)
        .map((i) => ({ name: i.name, target: i.statistics!.target }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(targets.map((t) => t.target)).toEqual([SEARCH_STATISTICS_TARGET, SEARCH_STATISTICS_TARGET]);
  });

  test("a common word is decided from the index alone once the table is large", async () => {
    // 20,000 more users, a tenth of them "common", stored in no particular order (as a table that
    // has lived for years); after VACUUM the ordered search index answers which 101 logins match
    // without reading the table (Heap Fetches: 0).
    await database.db.execute(sql`INSERT INTO customer_user
      (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
      SELECT 'bulk' || g, 'bulk' || g || '@example.com', 'c' || (g % 50),
             CASE WHEN g % 10 = 0 THEN 'Common' ELSE 'Other' || g END, 'Last' || g, 1, now(), 1, now(), 1
      FROM generate_series(1, 20000) g ORDER BY md5(g::text)`);
    await database.db.execute(sql`VACUUM ANALYZE customer_user`);
    const result = await searchText.search({ query: parseSearch("common"), validId: 1, limit: 100 });
    expect(result.records).toHaveLength(100);
    expect(result.limitReached).toBe(true);
    const plan = await queryRows<{ "QUERY PLAN": string }>(
      database.db,
      sql`EXPLAIN (ANALYZE, COSTS OFF) SELECT login FROM customer_user
          WHERE ${sql.raw(SEARCH_TEXT_SQL)} LIKE '%common%'
            AND valid_id = 1
          ORDER BY (lower(login) COLLATE "C"), login COLLATE "C" LIMIT 101`,
    );
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain("Index Only Scan using customer_user_search_cover");
    expect(text).toContain("Heap Fetches: 0");
    // A list of the columns the index holds is read from it alone, in the same one scan.
    statements.length = 0;
    const projected = await searchText.search({
      query: parseSearch("common"),
      validId: 1,
      limit: 100,
      attributes: ["UserEmail", "UserFirstname", "UserLastname", "UserCustomerID"],
    });
    expect(projected.records.map((r) => r.login)).toEqual(result.records.map((r) => r.login));
    expect(projected.records[0]?.attributes.UserEmail).toBe(result.records[0]?.attributes.UserEmail);
    expect(statements).toHaveLength(1);
    const coverPlan = (
      await recorder.unsafe(`EXPLAIN (ANALYZE, COSTS OFF) ${statements[0]}`, lastParams as never[])
    )
      .map((r) => r["QUERY PLAN"])
      .join("\n");
    expect(coverPlan).toContain("Index Only Scan using customer_user_search_cover");
    expect(coverPlan).toContain("Heap Fetches: 0");
    expect(coverPlan).not.toContain("customer_user_login ");
  });
});
