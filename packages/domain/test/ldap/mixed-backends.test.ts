import { groupLdif, ouLdif, personLdif, READER_PASSWORD, readerLdif, seedDirectory } from "@clientele/slapd";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { type Clientele, createClientele } from "../../src/clientele";
import { parseConfig } from "../../src/config/backends";
import type { CustomerUserRecord } from "../../src/customer-users/sources/source";
import { createTestDatabase, type TestDatabase } from "../../src/testing";
import { type SeedFacts, type Slapd, startSlapd } from "./helpers";

/**
 * DB + LDAP + a second LDAP behind the facade, on real PostgreSQL and two real slapd servers:
 * merge order, global sort and limit, the source filter, read-only LDAP users that still get
 * groups and services, authentication by bind, and a directory that goes down mid-suite.
 */

const actor = { id: 1, login: "root@localhost" };
const TIMEOUT_MS = 1500;
const PARTNERS = "dc=partners,dc=test";

/** The second directory: a few partners, two logins that clash with the first one. */
const partners = [
  { uid: "pa-one", givenName: "Paula", sn: "Partner", mail: "pa-one@p-dir.test" },
  {
    uid: "pa-two",
    givenName: "Peter",
    sn: "Partner",
    mail: "pa-two@p-dir.test",
    userPassword: "partner pw 2",
  },
  {
    uid: "pa-locked",
    givenName: "Lotte",
    sn: "Partner",
    mail: "pa-locked@p-dir.test",
    description: "gesperrt",
  },
  { uid: "pa-nonmember", givenName: "Nina", sn: "Partner", mail: "pa-nonmember@p-dir.test" },
  {
    uid: "pa-staff",
    givenName: "Stefan",
    sn: "Partner",
    mail: "pa-staff@p-dir.test",
    employeeType: "staff",
  },
  // Also in the first directory (there as cu0002, here upper-case): the first directory wins.
  { uid: "CU0002", givenName: "Duplicate", sn: "Shadow", mail: "cu0002@p-dir.test" },
  {
    uid: "auth-user",
    givenName: "Other",
    sn: "Auth",
    mail: "auth@p-dir.test",
    userPassword: "partner pw",
  },
];
const partnersLdif = () =>
  readerLdif(PARTNERS) +
  ouLdif("people", PARTNERS) +
  ouLdif("groups", PARTNERS) +
  partners.map((p) => personLdif({ employeeType: "customer", ...p }, PARTNERS)).join("") +
  // pa-one twice (scope sub sees both OUs): the backend still lists the login once.
  ouLdif("alumni", `ou=people,${PARTNERS}`) +
  personLdif(
    {
      ...partners[0]!,
      givenName: "Paula (old)",
      employeeType: "customer",
      parent: `ou=alumni,ou=people,${PARTNERS}`,
    },
    PARTNERS,
  ) +
  groupLdif(
    "partners",
    2000,
    partners.filter((p) => p.uid !== "pa-nonmember").map((p) => p.uid),
    PARTNERS,
  );

let db: TestDatabase;
let app: Clientele;
let main: Slapd;
let second: Slapd;
let facts: SeedFacts;

/** Users that only exist in the database; one duplicates an LDAP login (migrated data). */
const dbLogins = ["aab-db-user", "mmm-db-user", "zzzz-zzz-db"];

beforeAll(async () => {
  facts = seedDirectory().facts;
  [db, main, second] = await Promise.all([
    createTestDatabase(),
    startSlapd(),
    startSlapd({ suffix: PARTNERS, ldif: partnersLdif() }),
  ]);
  const config = parseConfig({
    backends: [
      { module: "db", name: "Database" },
      {
        module: "ldap",
        name: "Main directory",
        params: { url: main.url, baseDn: `ou=people,${main.suffix}`, timeoutMs: TIMEOUT_MS },
        customerUserSearchFields: ["uid", "cn", "sn", "mail"],
        searchPrefix: "*",
      },
      {
        module: "ldap",
        name: "Partner directory",
        params: {
          url: second.url,
          baseDn: `ou=people,${PARTNERS}`,
          bindDn: `cn=reader,${PARTNERS}`,
          bindPassword: READER_PASSWORD,
          alwaysFilter: "(employeeType=customer)",
          validFilter: "(!(description=gesperrt))",
          groupDn: `cn=partners,ou=groups,${PARTNERS}`,
          timeoutMs: TIMEOUT_MS,
        },
        customerUserSearchFields: ["uid", "cn", "sn", "mail"],
        searchPrefix: "*",
      },
    ],
  });
  app = await createClientele({ database: db, config });
  await app.customers.create({ customerId: "ACME", name: "ACME Inc.", valid: 1 }, actor);
  for (const login of dbLogins) {
    await app.customerUsers.create(
      {
        login,
        firstName: "Dora",
        lastName: "Database",
        email: `${login}@clientele.test`,
        customerId: "ACME",
        password: "db password 1",
        valid: 1,
      },
      actor,
    );
  }
  // A login that also exists in the main directory, as after importing an OTOBO database.
  await db.db.execute(sql`
    insert into customer_user (login, email, customer_id, first_name, last_name, valid_id,
      create_time, create_by, change_time, change_by)
    values ('cu0001', 'cu0001@clientele.test', 'ACME', 'Dora', 'Duplicate', 1, now(), 1, now(), 1)`);
});

afterEach(async () => {
  second.resume();
  await second.start();
  await main.start();
});

afterAll(async () => {
  await Promise.all([db?.drop(), main?.destroy(), second?.destroy()]);
});

const loginsOf = (records: CustomerUserRecord[]) => records.map((r) => r.login);
const bySource = (records: CustomerUserRecord[]) =>
  Object.fromEntries(records.map((r) => [r.login, r.source]));
const ciSort = (list: string[]) =>
  [...list].sort((a, b) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : 1;
  });

/** Every login the facade should list: DB, then main, then partners (members, customers), first wins. */
function expectedAll(): string[] {
  const seen = new Map<string, string>();
  const partnerLogins = partners
    .filter((p) => p.uid !== "pa-nonmember" && p.uid !== "pa-staff")
    .map((p) => p.uid);
  for (const login of [...dbLogins, "cu0001", ...facts.people.map((p) => p.uid), ...partnerLogins]) {
    if (!seen.has(login.toLowerCase())) seen.set(login.toLowerCase(), login);
  }
  return ciSort([...seen.values()]);
}

describe("merging", () => {
  test("sources are named CustomerUser, CustomerUser1, CustomerUser2 in configured order", () => {
    expect(app.customerUsers.sources.map((s) => [s.id, s.readOnly])).toEqual([
      ["CustomerUser", false],
      ["CustomerUser1", true],
      ["CustomerUser2", true],
    ]);
  });

  test("a duplicate login is won by the earlier backend, case-insensitively", async () => {
    const one = await app.customerUsers.search({ search: "cu0001" });
    expect(bySource(one.nodes)).toMatchObject({ cu0001: "CustomerUser" });
    expect(one.nodes.filter((r) => r.login.toLowerCase() === "cu0001")).toHaveLength(1);
    expect(one.nodes.find((r) => r.login === "cu0001")?.attributes.UserLastname).toBe("Duplicate");

    const two = await app.customerUsers.search({ search: "cu0002" });
    expect(loginsOf(two.nodes)).toEqual(["cu0002"]);
    expect(two.nodes[0]?.source).toBe("CustomerUser1");
    expect((await app.customerUsers.get("CU0002"))?.source).toBe("CustomerUser1");
    expect((await app.customerUsers.get("cu0001"))?.source).toBe("CustomerUser");
  });

  test("sorted by login across backends and cut to the limit globally, limitReached honest", async () => {
    const all = expectedAll();
    const page = await app.customerUsers.search({ limit: 1000 });
    expect(page.unavailable).toEqual([]);
    expect(loginsOf(page.nodes)).toEqual(all.slice(0, 1000));
    expect(page.limitReached).toBe(true);
    expect(new Set(page.nodes.map((r) => r.source))).toEqual(new Set(["CustomerUser", "CustomerUser1"]));

    const everything = await app.customerUsers.search({ limit: 100_000 });
    expect(loginsOf(everything.nodes)).toEqual(all);
    expect(everything.limitReached).toBe(false);
    expect(everything.nodes.at(-1)?.login).toBe("zzzz-zzz-db");
    expect(new Set(everything.nodes.map((r) => r.source))).toEqual(
      new Set(["CustomerUser", "CustomerUser1", "CustomerUser2"]),
    );
  });

  test("one search across the three backends with the full syntax", async () => {
    const result = await app.customerUsers.search({ search: "Partner OR Database" });
    expect(loginsOf(result.nodes)).toEqual(ciSort([...dbLogins, "pa-one", "pa-two", "pa-locked"]));
    expect(bySource(result.nodes)["pa-one"]).toBe("CustomerUser2");
  });

  test("the source filter searches one backend only (no merging away its duplicates)", async () => {
    const partnersOnly = await app.customerUsers.search({ source: "CustomerUser2", limit: 100 });
    expect(loginsOf(partnersOnly.nodes)).toEqual(
      ciSort(["auth-user", "CU0002", "pa-locked", "pa-one", "pa-two"]),
    );
    expect(partnersOnly.nodes.every((r) => r.source === "CustomerUser2")).toBe(true);
    // The backend itself answers with one record per login, though pa-one is in two OUs.
    const direct = await app.customerUsers.source("CustomerUser2")!.search({ query: null, limit: 100 });
    expect(loginsOf(direct.records)).toEqual(loginsOf(partnersOnly.nodes));
    expect(direct.records.find((r) => r.login === "pa-one")?.attributes.UserFirstname).toBeDefined();
    const dbOnly = await app.customerUsers.search({ source: "CustomerUser" });
    expect(loginsOf(dbOnly.nodes)).toEqual(ciSort([...dbLogins, "cu0001"]));
    await expect(app.customerUsers.search({ source: "CustomerUser9" })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
    });
  });

  test("alwaysFilter, validFilter and groupDn of the second directory, seen through the facade", async () => {
    expect(await app.customerUsers.get("pa-staff")).toBeNull();
    expect(await app.customerUsers.get("pa-nonmember")).toBeNull();
    expect((await app.customerUsers.get("pa-locked"))?.validId).toBe(2);
    const valid = await app.customerUsers.search({ search: "Partner", validId: 1 });
    expect(loginsOf(valid.nodes)).toEqual(["pa-one", "pa-two"]);
    const invalid = await app.customerUsers.search({ search: "Partner", validId: 2 });
    expect(loginsOf(invalid.nodes)).toEqual(["pa-locked"]);
  });

  test("customerId filter reaches LDAP's customer id attribute (mail)", async () => {
    const result = await app.customerUsers.search({ customerId: "pa-one@p-dir.test" });
    expect(loginsOf(result.nodes)).toEqual(["pa-one"]);
  });
});

describe("LDAP users are read-only but take part in everything kept in the database", () => {
  test("create, update and password changes of LDAP users → READ_ONLY_SOURCE", async () => {
    await expect(
      app.customerUsers.create(
        {
          login: "new-ldap-user",
          firstName: "N",
          lastName: "U",
          email: "n@clientele.test",
          customerId: "ACME",
          valid: 1,
        },
        actor,
        "CustomerUser1",
      ),
    ).rejects.toMatchObject({ code: "READ_ONLY_SOURCE", extensions: { source: "CustomerUser1" } });
    await expect(app.customerUsers.update("cu0005", { firstName: "Changed" }, actor)).rejects.toMatchObject({
      code: "READ_ONLY_SOURCE",
      message: expect.stringMatching(/CustomerUser1.*read-only/),
    });
    await expect(app.customerUsers.setPassword("pa-one", "a new password", actor)).rejects.toMatchObject({
      code: "READ_ONLY_SOURCE",
      extensions: { source: "CustomerUser2" },
    });
    expect((await app.customerUsers.get("cu0005"))?.attributes.UserFirstname).not.toBe("Changed");
  });

  test("a new user goes to the writable backend, and its login must be free in every backend", async () => {
    const { record } = await app.customerUsers.create(
      {
        login: "fresh-db",
        firstName: "F",
        lastName: "D",
        email: "fresh@clientele.test",
        customerId: "ACME",
        valid: 1,
      },
      actor,
    );
    expect(record.source).toBe("CustomerUser");
    await expect(
      app.customerUsers.create(
        {
          login: "CU0003",
          firstName: "X",
          lastName: "Y",
          email: "x@clientele.test",
          customerId: "ACME",
          valid: 1,
        },
        actor,
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/CustomerUser1/) });
  });

  test("groups, services and extra customers of an LDAP user are stored by login and effective", async () => {
    await app.settings.update(actor, { customerGroupSupport: true });
    const group = await app.groups.create(actor, { name: "ldap-support", validId: 1 });
    await app.groups.setCustomerUserGroups(actor, "CU0005", [{ groupId: group.id, permissions: ["RW"] }]);
    const service = await app.services.create(actor, { name: "LDAP Hotline", validId: 1 });
    await app.services.setCustomerUserServices(actor, "cu0005", [service.id]);
    await app.customerUsers.setCustomers("cu0005", ["ACME"], actor);

    const record = (await app.customerUsers.get("cu0005"))!;
    expect(record.source).toBe("CustomerUser1");
    const effective = await app.permissions.effectiveFor(record);
    const granted = effective.find((e) => e.group.name === "ldap-support");
    expect(granted?.permissions).toEqual(["RO", "RW"]);
    expect((await app.services.explicitServices("cu0005")).map((s) => s.name)).toEqual(["LDAP Hotline"]);
    expect(await app.customerUsers.customerIds(record)).toEqual(["cu0005@example.com", "ACME"]);
    await app.settings.update(actor, { customerGroupSupport: false });
  });

  test("authentication binds against the backend that owns the login", async () => {
    const main1 = await app.customerUsers.authenticate("auth-user", facts.authPassword);
    expect(main1?.source).toBe("CustomerUser1");
    // The partner directory's auth-user is shadowed by the main directory's.
    expect(await app.customerUsers.authenticate("auth-user", "partner pw")).toBeNull();
    expect((await app.customerUsers.authenticate("pa-two", "partner pw 2"))?.source).toBe("CustomerUser2");
    expect(await app.customerUsers.authenticate("pa-two", "wrong")).toBeNull();
    expect(await app.customerUsers.authenticate("pa-two", "")).toBeNull();
    expect((await app.customerUsers.authenticate("aab-db-user", "db password 1"))?.source).toBe(
      "CustomerUser",
    );
  });
});

describe("a directory that goes down mid-suite", () => {
  test("stopped: search returns the other backends plus SOURCE_UNAVAILABLE naming it; back: recovered", async () => {
    await second.stop();
    const started = performance.now();
    const result = await app.customerUsers.search({ search: "Partner OR Database OR cu000" });
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS);
    expect(result.unavailable.map((e) => [e.code, e.source])).toEqual([
      ["SOURCE_UNAVAILABLE", "CustomerUser2"],
    ]);
    expect(result.unavailable[0]?.message).toMatch(/Partner|CustomerUser2/);
    expect(loginsOf(result.nodes)).toEqual(
      ciSort([...dbLogins, "cu0001", ...Array.from({ length: 8 }, (_, i) => `cu000${i + 2}`)]),
    );

    // A login only that directory knows is an error, not "no such user"; others still resolve.
    await expect(app.customerUsers.get("pa-one")).rejects.toMatchObject({
      code: "SOURCE_UNAVAILABLE",
      extensions: { source: "CustomerUser2" },
    });
    expect((await app.customerUsers.get("cu0005"))?.source).toBe("CustomerUser1");
    expect((await app.customerUsers.get("aab-db-user"))?.source).toBe("CustomerUser");
    const health = await Promise.all(app.customerUsers.sources.map((s) => s.health()));
    expect(health.map((h) => h.ok)).toEqual([true, true, false]);

    await second.start();
    const back = await app.customerUsers.search({ search: "Partner" });
    expect(back.unavailable).toEqual([]);
    expect(loginsOf(back.nodes)).toEqual(["pa-locked", "pa-one", "pa-two"]);
    expect((await app.customerUsers.get("pa-one"))?.source).toBe("CustomerUser2");
  });

  test("hung: the search still answers within timeoutMs with the other backends' results", async () => {
    second.pause();
    const started = performance.now();
    const result = await app.customerUsers.search({ search: "Database" });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 750);
    expect(result.unavailable.map((e) => e.source)).toEqual(["CustomerUser2"]);
    expect(result.unavailable[0]?.message).toMatch(new RegExp(`no answer .* within ${TIMEOUT_MS} ms`));
    expect(loginsOf(result.nodes)).toEqual(ciSort(dbLogins));
    second.resume();
    expect((await app.customerUsers.search({ search: "Database" })).unavailable).toEqual([]);
  });

  test("both directories down: the database users are still served", async () => {
    await Promise.all([main.stop(), second.stop()]);
    const result = await app.customerUsers.search({ search: "db" });
    expect(result.unavailable.map((e) => e.source).sort()).toEqual(["CustomerUser1", "CustomerUser2"]);
    expect(loginsOf(result.nodes)).toEqual(ciSort([...dbLogins, "fresh-db"]));
  });
});
