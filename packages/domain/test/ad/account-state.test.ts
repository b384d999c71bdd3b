import { AD_USER_PASSWORD } from "@clientele/samba-ad";
import { describe, expect, test } from "vitest";
import { ad, adSource, logins, search, sortedLogins } from "./helpers";

/** userAccountControl / accountExpires / lockoutTime decide validity on AD. */
describe("account state as validity", () => {
  test("disabled → invalid (2); expired and locked → invalid-temporarily (3); others valid", async () => {
    const { facts } = ad();
    const src = adSource();
    const [disabled, expired, locked, valid] = await Promise.all(
      [facts.disabledLogin, facts.expiredLogin, facts.lockedLogin, "signin1"].map((l) => src.findByLogin(l)),
    );
    expect(disabled?.validId).toBe(2);
    expect(expired?.validId).toBe(3);
    expect(locked?.validId).toBe(3);
    expect(valid?.validId).toBe(1);
  });

  test("a search by validity returns exactly the accounts in that state", async () => {
    const { facts } = ad();
    const src = adSource();
    expect(logins((await search(src, null, { validId: 2 })).records)).toEqual([facts.disabledLogin]);
    expect(logins((await search(src, null, { validId: 3 })).records)).toEqual(
      sortedLogins([facts.expiredLogin, facts.lockedLogin]),
    );
    expect(logins((await search(src, null, { validId: 1 })).records)).toEqual(
      sortedLogins(facts.validLogins),
    );
  });

  test("only valid accounts sign in, even with the right password", async () => {
    const { facts } = ad();
    const src = adSource();
    expect((await src.authenticate("signin1", AD_USER_PASSWORD))?.login).toBe("signin1");
    expect(await src.authenticate("signin1", "wrong")).toBeNull();
    for (const login of [facts.disabledLogin, facts.expiredLogin, facts.lockedLogin]) {
      expect(await src.authenticate(login, AD_USER_PASSWORD)).toBeNull();
    }
  });
});
