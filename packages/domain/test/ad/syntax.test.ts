import { describe, expect, test } from "vitest";
import { ad, adSource, logins, search } from "./helpers";

/**
 * On AD, mail and telephoneNumber are Unicode strings (Directory String): which values a filter
 * can hold is read from the server's schema, not assumed from OpenLDAP's.
 */
describe("attribute syntaxes from the server's schema", () => {
  test("an address with umlauts and ß is found by findByEmail, in any case", async () => {
    const { facts } = ad();
    const src = adSource();
    expect(logins(await src.findByEmail(facts.umlautMail))).toEqual([facts.umlautLogin]);
    expect(logins(await src.findByEmail("Jürgen.Weiß@ACC.TEST"))).toEqual([facts.umlautLogin]);
  });

  test("the search box finds a non-ASCII mail and a phone number with #", async () => {
    const { facts } = ad();
    const src = adSource({
      customerUserSearchFields: ["sAMAccountName", "mail", "telephoneNumber"],
      searchPrefix: "*",
    });
    expect(logins((await search(src, "weiß@acc")).records)).toEqual([facts.umlautLogin]);
    expect(logins((await search(src, "1234#56")).records)).toEqual([facts.hashPhoneLogin]);
    // A negated non-ASCII word does not hide everyone (it is a defined match on Unicode syntaxes).
    const all = await search(src, "ad00*");
    const without = await search(src, "ad00* !jürgen");
    expect(without.records.length).toBe(all.records.length);
  });

  test("filter metacharacters in sn are literal; the injection string finds only its owner", async () => {
    const { facts } = ad();
    const src = adSource({ customerUserSearchFields: ["sn"], searchPrefix: "*" });
    expect(logins((await search(src, facts.injectionSn)).records)).toEqual([facts.injectionLogin]);
    expect(logins((await search(src, ")(sAMAccountName=")).records)).toEqual([facts.injectionLogin]);
  });
});
