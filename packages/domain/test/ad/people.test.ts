import { describe, expect, test } from "vitest";
import { ad, adSource, logins, search, sortedLogins } from "./helpers";

/** directoryType activeDirectory lists people only, even from the domain root. */
describe("AD defaults: only people", () => {
  test("from the domain root: no computers, groups, contacts or system accounts", async () => {
    const { baseDn, facts } = ad();
    const result = await search(adSource({}, { baseDn }), null);
    const found = logins(result.records);
    expect(found).toEqual(sortedLogins(facts.users.map((u) => u.login)));
    for (const system of [
      "DC1$",
      "krbtgt",
      "Administrator",
      "Guest",
      "Domain Admins",
      "Support",
      "filler001",
    ]) {
      expect(found).not.toContain(system);
    }
  });

  test("customerKey is sAMAccountName; an explicit empty alwaysFilter lists every object with one", async () => {
    const { baseDn } = ad();
    expect((await adSource().findByLogin("AD0005"))?.login).toBe("ad0005");
    const everything = logins((await search(adSource({}, { baseDn, alwaysFilter: "" }), null)).records);
    expect(everything).toContain("DC1$");
    expect(everything).toContain("krbtgt");
  });
});
