import { ouLdif, personLdif } from "@clientele/slapd";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Clientele, createClientele } from "../../src/clientele";
import { parseConfig } from "../../src/config/backends";
import { defaultDbMap } from "../../src/config/map";
import { queryRows } from "../../src/db/client";
import { createTestDatabase, type TestDatabase } from "../../src/testing";
import { type Slapd, startSlapd } from "../ldap/helpers";

/** Preferences in OTOBO's customer_preferences, for database and LDAP users alike. */

const actor = { id: 1, login: "root@localhost" };
const SUFFIX = "dc=prefs,dc=test";
let database: TestDatabase;
let directory: Slapd;
let app: Clientele;

const rows = (login: string) =>
  queryRows(
    app.db,
    sql`select user_id, preferences_key, preferences_value from customer_preferences
        where user_id = ${login} order by preferences_key`,
  );
const auditCount = async () =>
  (await queryRows<{ n: number }>(app.db, sql`select count(*)::int as n from clientele.audit_log`))[0]!.n;

beforeAll(async () => {
  [database, directory] = await Promise.all([
    createTestDatabase(),
    startSlapd({
      suffix: SUFFIX,
      ldif:
        ouLdif("people", SUFFIX) +
        personLdif({ uid: "dir-user", givenName: "Dir", sn: "User", mail: "dir@x.test" }, SUFFIX),
    }),
  ]);
  await database.db.execute(sql`alter table customer_user add room varchar(250)`);
  const config = parseConfig({
    backends: [
      {
        module: "db",
        map: [
          ...defaultDbMap.map((r) => ({ ...r })),
          { attribute: "UserRoom", label: "Room", storage: "room", shown: 1 },
        ],
      },
      { module: "ldap", params: { url: directory.url, baseDn: `ou=people,${SUFFIX}`, timeoutMs: 3000 } },
    ],
  });
  app = await createClientele({ database, config });
  await app.customers.create({ customerId: "acme", name: "Acme Inc.", valid: 1 }, actor);
  await app.customerUsers.create(
    {
      login: "Ann",
      firstName: "Ann",
      lastName: "Lee",
      email: "ann@acme.test",
      customerId: "acme",
      password: "correct horse battery",
      valid: 1,
    },
    actor,
  );
});
afterAll(async () => {
  await database?.drop();
  await directory?.destroy();
});

test("set replaces the whole set, writes OTOBO's three columns, and is audited", async () => {
  await app.preferences.set(actor, "ann", [
    { key: "UserLanguage", value: "nl" },
    { key: "UserTimeZone", value: "Europe/Amsterdam" },
    { key: "UserRefreshTime", value: null },
  ]);
  // The login as stored (Ann), not as typed.
  expect(await rows("Ann")).toEqual([
    { user_id: "Ann", preferences_key: "UserLanguage", preferences_value: "nl" },
    { user_id: "Ann", preferences_key: "UserRefreshTime", preferences_value: "" },
    { user_id: "Ann", preferences_key: "UserTimeZone", preferences_value: "Europe/Amsterdam" },
  ]);
  await app.preferences.set(actor, "Ann", [{ key: "UserLanguage", value: "de" }]);
  expect(await app.preferences.get("Ann")).toEqual([{ key: "UserLanguage", value: "de" }]);
  const [latest] = await app.audit.list("customer_user", "Ann");
  expect(latest).toMatchObject({
    action: "set_preferences",
    before: { preferences: { UserLanguage: "nl", UserTimeZone: "Europe/Amsterdam", UserRefreshTime: "" } },
    after: { preferences: { UserLanguage: "de" } },
  });
  // The same set again changes nothing and writes no audit entry.
  const count = await auditCount();
  await app.preferences.set(actor, "Ann", [{ key: "UserLanguage", value: "de" }]);
  expect(await auditCount()).toBe(count);
});

test("an LDAP user's preferences live in the database by login", async () => {
  await app.preferences.set(actor, "dir-user", [{ key: "UserLanguage", value: "en" }]);
  expect(await rows("dir-user")).toEqual([
    { user_id: "dir-user", preferences_key: "UserLanguage", preferences_value: "en" },
  ]);
  const many = await app.preferences.getMany(["Ann", "dir-user", "nobody"]);
  expect(Object.fromEntries(many)).toEqual({
    Ann: [{ key: "UserLanguage", value: "de" }],
    "dir-user": [{ key: "UserLanguage", value: "en" }],
    nobody: [],
  });
});

test("bad input: BAD_USER_INPUT on the row's field, nothing written", async () => {
  const before = await rows("Ann");
  const count = await auditCount();
  const cases: [unknown[], string, RegExp][] = [
    [[{ key: "", value: "x" }], "preferences.0.key", /needs a key/],
    [
      [
        { key: "UserLanguage", value: "x" },
        { key: "k".repeat(151), value: "x" },
      ],
      "preferences.1.key",
      /150/,
    ],
    [[{ key: "User Language", value: "x" }], "preferences.0.key", /letters, digits/],
    [[{ key: "UserEmail", value: "x@y.test" }], "preferences.0.key", /customer-user data/],
    // A custom map attribute is data as well.
    [
      [
        { key: "UserLanguage", value: "x" },
        { key: "UserRoom", value: "B-204" },
      ],
      "preferences.1.key",
      /customer-user data/,
    ],
    [[{ key: "UserToken", value: "abc" }], "preferences.0.key", /password reset/],
    [
      [
        { key: "A", value: "1" },
        { key: "A", value: "2" },
      ],
      "preferences.1.key",
      /twice/,
    ],
    [[{ key: "UserLanguage", value: "é".repeat(251) }], "preferences.0.value", /250/],
    [[{ key: "UserLanguage", value: "a\u0000b" }], "preferences.0.value", /NUL/],
    [Array.from({ length: 1001 }, (_, i) => ({ key: `K${i}`, value: "v" })), "preferences", /at most 1000/],
  ];
  for (const [input, field, message] of cases) {
    await expect(app.preferences.set(actor, "Ann", input as never)).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field },
      message: expect.stringMatching(message),
    });
  }
  // 250 characters fit, even when each takes two UTF-16 units.
  await app.preferences.set(actor, "Ann", [{ key: "UserLanguage", value: "😀".repeat(250) }]);
  await app.preferences.set(actor, "Ann", [{ key: "UserLanguage", value: "de" }]);
  expect(await rows("Ann")).toEqual(before);
  expect(await auditCount()).toBe(count + 2);
  await expect(app.preferences.set(actor, "ghost", [])).rejects.toMatchObject({ code: "NOT_FOUND" });
});

test("OTOBO's password-reset token is neither shown nor replaced", async () => {
  await app.db.execute(
    sql`insert into customer_preferences (user_id, preferences_key, preferences_value) values ('Ann', 'UserToken', 'abcdefghijklmn')`,
  );
  expect((await app.preferences.get("Ann")).map((p) => p.key)).toEqual(["UserLanguage"]);
  await app.preferences.set(actor, "Ann", [{ key: "UserTimeZone", value: "UTC" }]);
  expect((await rows("Ann")).map((r) => r.preferences_key)).toEqual(["UserTimeZone", "UserToken"]);
  expect(JSON.stringify(await app.audit.list("customer_user", "Ann"))).not.toContain("abcdefghijklmn");
});

test("a renamed login keeps its preferences", async () => {
  const ann = await app.customerUsers.get("Ann");
  await app.customerUsers.update("Ann", { login: "ann.lee" }, actor, ann!.changedAt ?? undefined);
  expect(await app.preferences.get("ann.lee")).toEqual([{ key: "UserTimeZone", value: "UTC" }]);
});
