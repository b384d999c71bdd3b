import { describe, expect, test } from "vitest";
import { ad, adSource, logins, search, sortedLogins } from "./helpers";

/** sizeLimit with server-side sorting (RFC 2891): the entries kept are the first by login. */
describe("sizeLimit keeps the first entries by login", () => {
  test("the server's directory order is not login order, yet the first 100 by login come back", async () => {
    const { facts } = ad();
    const all = sortedLogins(facts.users.map((u) => u.login));
    const result = await search(adSource({}, { sizeLimit: 100, pageSize: 40 }), null);
    expect(result.limitReached).toBe(true);
    expect(logins(result.records)).toEqual(all.slice(0, 100));
    const tail = await search(adSource({}, { sizeLimit: 5 }), "s*");
    expect(logins(tail.records)).toEqual(all.filter((l) => l.startsWith("s")).slice(0, 5));
  });
});
