import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LdapCustomerUserSource } from "../../src/customer-users/sources/ldap-source";
import type { CustomerUserRecord, SourceSearchParams } from "../../src/customer-users/sources/source";
import { SourceUnavailableError } from "../../src/errors";
import { parseSearch } from "../../src/search/search-syntax";
import {
  countSearches,
  ldapBackend,
  type PersonSpec,
  type SeedFacts,
  type Slapd,
  seedDirectory,
  startSlapd,
} from "./helpers";

/**
 * The LDAP source against a real slapd holding 1,600+ customer users under OpenLDAP's size limit
 * of 500 (see scripts/slapd). Expected results are computed from the seed, never hard-coded.
 */

let server: Slapd;
let facts: SeedFacts;

beforeAll(async () => {
  facts = seedDirectory().facts;
  server = await startSlapd({ tls: true });
});
afterAll(async () => {
  await server?.destroy();
});

const FIELDS = ["uid", "cn", "givenName", "sn", "mail"];
/** A source that finds by any name part, as a service desk would configure it. */
const source = (overrides: Record<string, unknown> = {}, params: Record<string, unknown> = {}) =>
  new LdapCustomerUserSource(
    ldapBackend(server, { customerUserSearchFields: FIELDS, searchPrefix: "*", ...overrides }, params),
  );

const search = (src: LdapCustomerUserSource, term: string | null, more: Partial<SourceSearchParams> = {}) =>
  src.search({ query: parseSearch(term), limit: 10_000, ...more });

const logins = (records: CustomerUserRecord[]) => records.map((r) => r.login);
const sorted = (list: string[]) => [...list].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));

/** What a case-insensitive substring match over FIELDS finds in the seed (scope sub). */
function expected(predicate: (values: string[]) => boolean, people: PersonSpec[] = facts.people): string[] {
  return sorted(
    people
      .filter((p) =>
        predicate(
          [p.uid, `${p.givenName} ${p.sn}`, p.givenName, p.sn, p.mail ?? ""].map((v) => v.toLowerCase()),
        ),
      )
      .map((p) => p.uid),
  );
}
const containing = (word: string) => (values: string[]) => values.some((v) => v.includes(word.toLowerCase()));

describe("a directory larger than the server's size limit", () => {
  test("the seed really is bigger than 500 and an unpaged search is cut by the server", async () => {
    expect(facts.totalUsers).toBeGreaterThan(1500);
    const { Client, SizeLimitExceededError } = await import("ldapts");
    const client = new Client({ url: server.url });
    await expect(
      client.search(facts.peopleDn, { filter: "(uid=*)", attributes: ["uid"] }),
    ).rejects.toBeInstanceOf(SizeLimitExceededError);
    await client.unbind();
  });

  test("`*` with limit 1000 returns 1000 sorted records and says the limit was reached", async () => {
    const result = await source().search({ query: parseSearch("*"), limit: 1000 });
    expect(result.records).toHaveLength(1000);
    expect(result.limitReached).toBe(true);
    const all = sorted(facts.people.map((p) => p.uid));
    expect(logins(result.records)).toEqual(all.slice(0, 1000));
  });

  test("every entry comes back through paged results, the last login included", async () => {
    const result = await search(source(), null);
    expect(result.limitReached).toBe(false);
    expect(result.records).toHaveLength(facts.totalUsers);
    expect(result.records.at(-1)?.login).toBe(facts.lastLogin);
    expect(new Set(logins(result.records)).size).toBe(facts.totalUsers);
  });

  test("a limit equal to the number of matches is not 'reached'", async () => {
    const result = await source().search({ query: null, limit: facts.totalUsers });
    expect(result.records).toHaveLength(facts.totalUsers);
    expect(result.limitReached).toBe(false);
  });

  test("the user who sorts last is found by name, in any case, even past the limit", async () => {
    for (const term of [facts.lastSurname, facts.lastSurname.toLowerCase(), "Zygmunt"]) {
      const result = await source().search({ query: parseSearch(term), limit: 1000 });
      expect(logins(result.records), term).toEqual([facts.lastLogin]);
      expect(result.limitReached).toBe(false);
    }
  });

  test("sizeLimit caps what one search reads and is reported as limitReached", async () => {
    const result = await source({}, { sizeLimit: 120, pageSize: 50 }).search({ query: null, limit: 1000 });
    expect(result.records).toHaveLength(120);
    expect(result.limitReached).toBe(true);
  });
});

describe("search syntax", () => {
  test("one word matches any search field, case-insensitively", async () => {
    const result = await search(source(), "jörg");
    expect(logins(result.records)).toEqual(expected(containing("jörg")));
    expect(result.records.length).toBeGreaterThan(100);
  });

  test("all words must match, each in any field", async () => {
    const result = await search(source(), "Jörg García");
    const want = expected((v) => containing("jörg")(v) && containing("garcía")(v));
    expect(want.length).toBeGreaterThan(10);
    expect(logins(result.records)).toEqual(want);
  });

  test("OR and negation", async () => {
    const either = await search(source(), "Zoë OR Émile");
    expect(logins(either.records)).toEqual(expected((v) => containing("zoë")(v) || containing("émile")(v)));
    const without = await search(source(), "Jörg !García");
    expect(logins(without.records)).toEqual(
      expected((v) => containing("jörg")(v) && !containing("garcía")(v)),
    );
  });

  test("`*` inside a word is a wildcard", async () => {
    const result = await search(source(), "cu00*1");
    expect(logins(result.records)).toEqual(expected((v) => v.some((x) => /cu00.*1/.test(x))));
  });

  test("OTOBO's LDAP defaults: prefix '' and suffix '*' over uid, cn and mail", async () => {
    const plain = new LdapCustomerUserSource(ldapBackend(server));
    expect(logins((await search(plain, "Zygmunt")).records)).toEqual([facts.lastLogin]);
    // A surname is neither a prefix of cn nor a search field by default.
    expect((await search(plain, facts.lastSurname)).records).toEqual([]);
  });

  test("customerId filter: exact, `*` a wildcard", async () => {
    const src = source();
    expect(logins((await search(src, null, { customerId: "cu0007@example.com" })).records)).toEqual([
      "cu0007",
    ]);
    expect(logins((await search(src, null, { customerId: "CU0007@EXAMPLE.COM" })).records)).toEqual([
      "cu0007",
    ]);
    expect(logins((await search(src, null, { customerId: "cu000*@example.com" })).records)).toEqual(
      Array.from({ length: 9 }, (_, i) => `cu000${i + 1}`),
    );
    expect((await search(src, null, { customerId: "cu0007" })).records).toEqual([]);
  });
});

describe("injection strings match only literally", () => {
  const injections: [string, string[]][] = [
    ["*)(uid=*", ["inj-star"]],
    ["\\", ["inj-backslash"]],
    ["(", ["inj-paren", "inj-star"]],
    [")", ["inj-paren", "inj-star"]],
    ["\0", []],
    ["100%", ["inj-percent"]],
    [")(|(uid=*))(", []],
  ];

  test.each(injections)("search box: %j", async (term, want) => {
    const result = await search(source(), `"${term}"`);
    expect(logins(result.records)).toEqual(sorted(want));
  });

  test.each(injections)("customerId filter, login, logins, email and authentication: %j", async (term) => {
    const src = source();
    expect((await search(src, null, { customerId: term })).records).toEqual([]);
    expect(await src.findByLogin(term)).toBeNull();
    expect(await src.findByLogin(`${term}*`)).toBeNull();
    expect(await src.findByLogins([term, `*${term}`, "*"])).toEqual([]);
    expect(await src.findByEmail(term)).toEqual([]);
    expect(await src.findByEmail(`*${term}*@example.com`)).toEqual([]);
    expect(await src.authenticate(`${term}*`, facts.authPassword)).toBeNull();
  });

  test("NUL inside a term never widens the match (OpenLDAP would cut the value at it)", async () => {
    const src = source();
    expect((await search(src, '"cu0001\0zzz"')).records).toEqual([]);
    expect(await src.findByLogin("cu0001\0zzz")).toBeNull();
    expect(await src.findByEmail("cu0001@example.com\0zzz")).toEqual([]);
    expect(await src.authenticate(`${facts.authLogin}\0x`, facts.authPassword)).toBeNull();
    // A negated NUL word excludes nothing.
    expect(logins((await search(src, 'Zygmunt !"a\0b"')).records)).toEqual([facts.lastLogin]);
  });

  test("a wildcard login or email is never a wildcard lookup", async () => {
    const src = source();
    expect(await src.findByLogin("*")).toBeNull();
    expect(await src.findByLogin("cu000*")).toBeNull();
    expect(await src.findByEmail("*@example.com")).toEqual([]);
    expect(await src.authenticate("*", facts.authPassword)).toBeNull();
    expect(await src.authenticate("auth-*", facts.authPassword)).toBeNull();
  });
});

describe("lookups", () => {
  test("by login: exact, case-insensitive, with every mapped attribute", async () => {
    const src = source();
    const record = await src.findByLogin("CU0003");
    const person = facts.people.find((p) => p.uid === "cu0003")!;
    expect(record).toMatchObject({
      source: "CustomerUser",
      readOnly: true,
      login: "cu0003",
      validId: 1,
      attributes: {
        UserLogin: "cu0003",
        UserFirstname: person.givenName,
        UserLastname: person.sn,
        UserEmail: person.mail,
        UserCustomerID: person.mail,
        UserTitle: "Dr.",
        UserPhone: person.telephoneNumber,
      },
    });
    expect(record?.createdAt).toBeInstanceOf(Date);
    expect(await src.findByLogin("cu000")).toBeNull();
    expect(await src.findByLogin("")).toBeNull();
  });

  test("non-ASCII values arrive intact", async () => {
    const record = await source().findByLogin(facts.lastLogin);
    expect(record?.attributes.UserLastname).toBe("Żółtowski");
  });

  test("by logins in a batch, unknown ones absent", async () => {
    const found = await source().findByLogins(["cu0001", "CU0002", "nobody", "cu0001", facts.lastLogin]);
    expect(logins(found).sort()).toEqual(["cu0001", "cu0002", facts.lastLogin].sort());
  });

  test("by email: exact and case-insensitive, never partial", async () => {
    const src = source();
    for (const mail of [
      facts.mixedCaseMail,
      facts.mixedCaseMail.toLowerCase(),
      facts.mixedCaseMail.toUpperCase(),
    ]) {
      expect(logins(await src.findByEmail(mail)), mail).toEqual([facts.mixedCaseLogin]);
    }
    expect(await src.findByEmail("mixed.case@example")).toEqual([]);
    expect(await src.findByEmail("ixed.case@example.com")).toEqual([]);
  });

  test("map rows decide the attributes, custom ones included", async () => {
    const src = source({
      map: [
        ["UserLogin", "Username", "uid", 1, 1, "var", "", 1],
        ["UserEmail", "Email", "mail", 1, 1, "var", "", 1],
        ["UserCustomerID", "CustomerID", "mail", 0, 1, "var", "", 0],
        ["UserFirstname", "Firstname", "givenName", 1, 1, "var", "", 1],
        ["UserLastname", "Lastname", "sn", 1, 1, "var", "", 1],
        ["UserKind", "Kind", "employeeType", 1, 0, "var", "", 1],
      ],
    });
    const record = await src.findByLogin("cu0007");
    expect(record?.attributes).toEqual({
      UserLogin: "cu0007",
      UserEmail: "cu0007@example.com",
      UserCustomerID: "cu0007@example.com",
      UserFirstname: facts.people.find((p) => p.uid === "cu0007")?.givenName,
      UserLastname: facts.people.find((p) => p.uid === "cu0007")?.sn,
      UserKind: "staff",
    });
    expect(src.config.map.every((r) => r.readOnly)).toBe(true);
  });
});

describe("scope, alwaysFilter, validFilter, groupDn", () => {
  test("scope one leaves out sub-OUs, scope sub includes them", async () => {
    const one = await search(source({}, { scope: "one" }), null);
    expect(one.records).toHaveLength(facts.directUsers);
    expect(logins(one.records)).not.toContain(facts.contractorLogins[0]);
    const sub = await search(source({}, { scope: "sub" }), "Contract");
    expect(logins(sub.records)).toEqual(sorted(facts.contractorLogins));
  });

  test("alwaysFilter is ANDed to every search and lookup", async () => {
    const src = source({}, { alwaysFilter: "(employeeType=customer)" });
    const all = await search(src, null);
    expect(all.records).toHaveLength(facts.totalUsers - facts.staffLogins.length);
    const staff = facts.staffLogins[0]!;
    expect(logins(all.records)).not.toContain(staff);
    expect(await src.findByLogin(staff)).toBeNull();
    expect(await src.findByEmail(`${staff}@example.com`)).toEqual([]);
    expect(await src.findByLogin("cu0001")).not.toBeNull();
  });

  test("validFilter: users outside it are invalid (validId 2), hidden from a search for valid users", async () => {
    const src = source({}, { validFilter: "(!(description=gesperrt))" });
    const locked = sorted(facts.lockedLogins);
    const all = await search(src, null);
    expect(all.records).toHaveLength(facts.totalUsers);
    expect(logins(all.records.filter((r) => r.validId === 2))).toEqual(locked);
    const valid = await search(src, null, { validId: 1 });
    expect(valid.records).toHaveLength(facts.totalUsers - locked.length);
    expect(valid.records.every((r) => r.validId === 1)).toBe(true);
    const invalid = await search(src, null, { validId: 2 });
    expect(logins(invalid.records)).toEqual(locked);
    expect((await search(src, null, { validId: 3 })).records).toEqual([]);
    expect((await src.findByLogin(locked[0]!))?.validId).toBe(2);
    expect((await src.findByLogin("cu0001"))?.validId).toBe(1);
  });

  test("without a validFilter everyone is valid", async () => {
    const src = source();
    expect((await src.findByLogin(facts.lockedLogins[0]!))?.validId).toBe(1);
    expect((await search(src, null, { validId: 2 })).records).toEqual([]);
  });

  test("groupDn keeps only members (memberUid), with one group query per search", async () => {
    const src = source({}, { groupDn: facts.groupDn });
    const all = await search(src, null);
    const members = new Set(facts.groupMembers);
    expect(logins(all.records)).toEqual(sorted(facts.people.map((p) => p.uid).filter((l) => members.has(l))));
    expect(await src.findByLogin(facts.outsiderLogin)).toBeNull();
    expect(await src.findByLogin("cu0002")).not.toBeNull();
    expect(await src.findByLogin("cu0001")).toBeNull();
    // 800+ members among 1,600+ users: exactly one group read on top of the paged user search
    // (each page of the default 1,000 entries is one search operation), never one query per user.
    const pages = Math.ceil(facts.totalUsers / 1000);
    expect(pages).toBe(2);
    expect(await countSearches(server, () => search(source(), null))).toBe(pages);
    expect(await countSearches(server, () => search(src, null))).toBe(pages + 1);
    expect(await countSearches(server, () => src.findByLogins(["cu0002", "cu0004", "cu0006"]))).toBe(2);
  });

  test("an empty group hides everyone; a missing group is a clear error", async () => {
    expect(
      (await search(source({}, { groupDn: `cn=empty,ou=groups,${server.suffix}` }), null)).records,
    ).toEqual([]);
    const missing = source({}, { groupDn: `cn=nope,ou=groups,${server.suffix}` });
    await expect(search(missing, null)).rejects.toThrow(/cn=nope,ou=groups.*does not exist/);
  });

  test("a bad alwaysFilter is refused when the backend is built", () => {
    expect(() => source({}, { alwaysFilter: "(mail=*" })).toThrow(
      /params\.alwaysFilter.*not a valid LDAP filter/,
    );
    expect(() => source({ customerUserSearchFields: ["cn)(uid=*"] })).toThrow(/not an LDAP attribute name/);
  });
});

describe("authentication binds as the user", () => {
  test("right password → the record; wrong, empty or unknown → null", async () => {
    const src = source();
    expect((await src.authenticate(facts.authLogin, facts.authPassword))?.login).toBe(facts.authLogin);
    expect((await src.authenticate(facts.authLogin.toUpperCase(), facts.authPassword))?.login).toBe(
      facts.authLogin,
    );
    expect(await src.authenticate(facts.authLogin, "wrong")).toBeNull();
    expect(await src.authenticate(facts.authLogin, "")).toBeNull();
    expect(await src.authenticate("nobody", facts.authPassword)).toBeNull();
    // A user without a userPassword cannot bind either.
    expect(await src.authenticate("cu0001", "anything")).toBeNull();
  });

  test("invalid users and non-members cannot sign in", async () => {
    const src = source({}, { validFilter: "(!(description=gesperrt))", groupDn: facts.groupDn });
    expect(await src.authenticate("locked-auth", facts.authPassword)).toBeNull();
    expect(await src.authenticate(facts.outsiderLogin, facts.authPassword)).toBeNull();
    expect((await src.authenticate(facts.authLogin, facts.authPassword))?.login).toBe(facts.authLogin);
    const open = source();
    expect((await open.authenticate("locked-auth", facts.authPassword))?.login).toBe("locked-auth");
  });

  test("a service account bind works; a wrong service password is a clear SOURCE_UNAVAILABLE", async () => {
    const reader = source({}, { bindDn: server.readerDn, bindPassword: "reader-secret" });
    expect((await reader.findByLogin("cu0001"))?.login).toBe("cu0001");
    expect((await reader.health()).ok).toBe(true);
    const wrong = source({}, { bindDn: server.readerDn, bindPassword: "nope" });
    const error = await wrong.findByLogin("cu0001").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as SourceUnavailableError).code).toBe("SOURCE_UNAVAILABLE");
    expect((error as Error).message).toMatch(/service bind as cn=reader.*invalid credentials/);
    const health = await wrong.health();
    expect(health).toMatchObject({ ok: false, message: expect.stringMatching(/invalid credentials/) });
  });
});

describe("TLS", () => {
  test("StartTLS with the CA file verifies the server and works", async () => {
    const src = source({}, { startTls: true, tls: { caFile: server.caFile } });
    expect((await src.findByLogin("cu0001"))?.login).toBe("cu0001");
    expect((await src.authenticate(facts.authLogin, facts.authPassword))?.login).toBe(facts.authLogin);
  });

  test("verification is on by default: an unknown CA is refused with a clear message", async () => {
    const src = source({}, { startTls: true });
    await expect(src.findByLogin("cu0001")).rejects.toThrow(/StartTLS failed.*certificate/i);
    const lax = source({}, { startTls: true, tls: { rejectUnauthorized: false } });
    expect((await lax.findByLogin("cu0001"))?.login).toBe("cu0001");
  });

  test("ldaps:// with the CA file", async () => {
    const src = source({}, { url: server.ldapsUrl, tls: { caFile: server.caFile } });
    expect((await src.findByLogin("cu0001"))?.login).toBe("cu0001");
    const untrusted = source({}, { url: server.ldapsUrl });
    await expect(untrusted.findByLogin("cu0001")).rejects.toBeInstanceOf(SourceUnavailableError);
  });
});

describe("a server with OpenLDAP's stock paging cap and no TLS", () => {
  let stock: Slapd;
  const warnings: string[] = [];
  beforeAll(async () => {
    stock = await startSlapd({ pagedTotal: "stock" });
  });
  afterAll(async () => {
    await stock?.destroy();
  });

  test("a paged search cut by the server is reported as limitReached, never as complete", async () => {
    const src = new LdapCustomerUserSource(ldapBackend(stock), {
      logger: { warn: (_details, message) => warnings.push(message) },
    });
    const result = await src.search({ query: null, limit: 1000 });
    expect(result.records.length).toBeLessThanOrEqual(500);
    expect(result.records.length).toBeGreaterThan(0);
    expect(result.limitReached).toBe(true);
    expect(warnings.join("\n")).toMatch(/size\.prtotal/);
  });

  test("a page larger than the server's cap is retried smaller, and the smaller size is kept", async () => {
    const src = new LdapCustomerUserSource(ldapBackend(stock));
    // Pages of 1,000 fail whole at the cap of 500; pages of 500 get the first 500, then the cap.
    expect(await countSearches(stock, () => src.search({ query: null, limit: 1000 }))).toBe(3);
    const again = { records: 0, limitReached: false };
    expect(
      await countSearches(stock, async () => {
        const result = await src.search({ query: null, limit: 1000 });
        again.records = result.records.length;
        again.limitReached = result.limitReached;
      }),
    ).toBe(2);
    expect(again).toEqual({ records: 500, limitReached: true });
    // Fewer matches than the cap: one page, complete.
    const few = await src.search({ query: parseSearch("Zygmunt"), limit: 1000 });
    expect(logins(few.records)).toEqual(["zzzz-last"]);
    expect(few.limitReached).toBe(false);
  });

  test("StartTLS against a server without TLS fails with a clear error", async () => {
    const src = new LdapCustomerUserSource(ldapBackend(stock, {}, { startTls: true }));
    const error = await src.findByLogin("cu0001").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/StartTLS failed on ldap:\/\/127\.0\.0\.1:\d+/);
    expect((await src.health()).ok).toBe(false);
  });
});

describe("sourceCharset", () => {
  const legacyMap = [
    ["UserLogin", "Username", "uid", 1, 1, "var", "", 1],
    ["UserEmail", "Email", "mail", 1, 1, "var", "", 1],
    ["UserCustomerID", "CustomerID", "mail", 0, 1, "var", "", 1],
    ["UserFirstname", "Firstname", "givenName", 1, 1, "var", "", 1],
    ["UserLastname", "Lastname", "sn", 1, 1, "var", "", 1],
    ["UserComment", "Comment", "legacyName", 1, 0, "var", "", 1],
  ];
  const legacy = (charset: string) =>
    new LdapCustomerUserSource(
      ldapBackend(
        server,
        { map: legacyMap, customerUserSearchFields: ["legacyName"], searchPrefix: "", searchSuffix: "" },
        { sourceCharset: charset },
      ),
    );
  const NAME = "Jürgen Müller-Straße";

  test("values stored in latin1 are decoded to proper text", async () => {
    expect((await legacy("iso-8859-1").findByLogin("latin1-user"))?.attributes.UserComment).toBe(NAME);
    // Read as UTF-8 the same bytes are broken, which is what the setting is for.
    expect((await legacy("utf-8").findByLogin("latin1-user"))?.attributes.UserComment).not.toBe(NAME);
  });

  test("search terms are encoded to latin1 before they reach the server", async () => {
    const found = await legacy("latin1").search({ query: parseSearch(`"${NAME}"`), limit: 10 });
    expect(logins(found.records)).toEqual(["latin1-user"]);
    const utf8 = await legacy("utf-8").search({ query: parseSearch(`"${NAME}"`), limit: 10 });
    expect(utf8.records).toEqual([]);
  });

  test("an unknown charset is refused when the backend is built", () => {
    expect(() => legacy("koi8-r")).toThrow(/params\.sourceCharset.*not supported/);
  });
});
