import { ldifEntry, ouLdif, personLdif, readerLdif } from "@clientele/slapd";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LdapCustomerUserSource, type LdapSourceLogger } from "../../src/customer-users/sources/ldap-source";
import { parseSearch } from "../../src/search/search-syntax";
import { ldapBackend, type Slapd, startSlapd } from "./helpers";

/**
 * Continuation references (RFC 4511 §4.5.3) on OpenLDAP: ou=partners on the first server is a
 * referral object pointing at the same subtree on a second server. Followed, the second server's
 * users join the result; not followed, the result says limitReached and the log names the URL.
 */

const SUFFIX = "dc=example,dc=com";
const PEOPLE = `ou=people,${SUFFIX}`;
const PARTNERS = `ou=partners,${PEOPLE}`;
const person = (uid: string, parent = PEOPLE) =>
  personLdif({ uid, givenName: "Ref", sn: uid, mail: `${uid}@example.com`, parent }, SUFFIX);

let home: Slapd;
let remote: Slapd;
beforeAll(async () => {
  remote = await startSlapd({
    ldif: [
      readerLdif(SUFFIX),
      ouLdif("people", SUFFIX),
      ouLdif("partners", PEOPLE),
      person("partner-a", PARTNERS),
      person("partner-b", PARTNERS),
    ].join(""),
  });
  home = await startSlapd({
    ldif: [
      readerLdif(SUFFIX),
      ouLdif("people", SUFFIX),
      person("home-a"),
      person("home-b"),
      ldifEntry(PARTNERS, {
        objectClass: ["referral", "extensibleObject"],
        ou: "partners",
        ref: `${remote.url}/${PARTNERS}`,
      }),
    ].join(""),
  });
});
afterAll(async () => {
  await home?.destroy();
  await remote?.destroy();
});

function recording(): {
  logger: LdapSourceLogger;
  lines: { details: Record<string, unknown>; message: string }[];
} {
  const lines: { details: Record<string, unknown>; message: string }[] = [];
  return { lines, logger: { warn: (details, message) => lines.push({ details, message }) } };
}

const source = (params: Record<string, unknown>, logger?: LdapSourceLogger) =>
  new LdapCustomerUserSource(
    ldapBackend(home, {}, { bindDn: home.readerDn, bindPassword: "reader-secret", ...params }),
    { logger },
  );

describe("continuation references on OpenLDAP", () => {
  test("not followed: the home users, limitReached, and a log line naming the reference", async () => {
    const { logger, lines } = recording();
    const result = await source({}, logger).search({ query: null, limit: 100 });
    expect(result.records.map((r) => r.login)).toEqual(["home-a", "home-b"]);
    expect(result.limitReached).toBe(true);
    expect(lines).toHaveLength(1);
    expect(String(lines[0]?.details.reference)).toMatch(new RegExp(`^${remote.url}/${PARTNERS}(\\?|$)`));
  });

  test("followReferrals: the referred server's users are found too, and the result is complete", async () => {
    const { logger, lines } = recording();
    const src = source({ followReferrals: true }, logger);
    const result = await src.search({ query: null, limit: 100 });
    expect(result.records.map((r) => r.login)).toEqual(["home-a", "home-b", "partner-a", "partner-b"]);
    expect(result.limitReached).toBe(false);
    expect(
      (await src.search({ query: parseSearch("partner-b"), limit: 10 })).records.map((r) => r.login),
    ).toEqual(["partner-b"]);
    expect((await src.findByLogin("partner-a"))?.login).toBe("partner-a");
    expect(lines).toEqual([]);
  });

  test("followReferrals with the referred server down: partial, limitReached, logged", async () => {
    await remote.stop();
    try {
      const { logger, lines } = recording();
      const result = await source({ followReferrals: true }, logger).search({ query: null, limit: 100 });
      expect(result.records.map((r) => r.login)).toEqual(["home-a", "home-b"]);
      expect(result.limitReached).toBe(true);
      expect(String(lines[0]?.details.cause)).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await remote.start();
    }
  });
});
