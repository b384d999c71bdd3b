import { AD_USER_PASSWORD } from "@clientele/samba-ad";
import { describe, expect, test } from "vitest";
import { SourceUnavailableError } from "../../src/errors";
import { ad, adSource, logins, search, sortedLogins } from "./helpers";

/** groupDn on Active Directory: members in `member` (DNs), nested groups, groups over 1,500 values. */
describe("group restriction with AD groups", () => {
  test("member: only the group's direct members, found by search, lookup and sign-in", async () => {
    const { facts } = ad();
    const src = adSource({}, { groupDn: facts.supportGroupDn });
    const result = await search(src, null);
    expect(logins(result.records)).toEqual(sortedLogins(facts.supportDirect));
    expect(result.limitReached).toBe(false);
    const member = facts.supportDirect[3] as string;
    expect((await src.findByLogin(member))?.login).toBe(member);
    expect(await src.findByLogin(facts.nestedMembers[0] as string)).toBeNull();
    // signin1 has a password but is in no group.
    expect(await src.authenticate("signin1", AD_USER_PASSWORD)).toBeNull();
    expect((await adSource().authenticate("signin1", AD_USER_PASSWORD))?.login).toBe("signin1");
  });

  test("nestedGroups: members of member groups count too (in-chain matching rule)", async () => {
    const { facts } = ad();
    const src = adSource({}, { groupDn: facts.supportGroupDn, nestedGroups: true });
    const result = await search(src, null);
    expect(logins(result.records)).toEqual(sortedLogins([...facts.supportDirect, ...facts.nestedMembers]));
    expect((await src.findByLogin(facts.nestedMembers[0] as string))?.login).toBe(facts.nestedMembers[0]);
    expect(await src.findByLogin("signin1")).toBeNull();
  });

  test("nestedGroups expanded by reading groups, as on servers without the in-chain rule", async () => {
    const { facts } = ad();
    // directoryType openldap with AD's people filter: the source expands groups itself.
    const src = adSource(
      { customerKey: "sAMAccountName" },
      {
        directoryType: "openldap",
        alwaysFilter: "(&(objectCategory=person)(objectClass=user))",
        groupDn: facts.supportGroupDn,
        groupMemberAttribute: "member",
        nestedGroups: true,
      },
    );
    const result = await search(src, null);
    expect(logins(result.records)).toEqual(sortedLogins([...facts.supportDirect, ...facts.nestedMembers]));
  });

  test("a group over 1,500 members is read range by range, every member kept", async () => {
    const { facts } = ad();
    const src = adSource({}, { groupDn: facts.bigGroupDn });
    const result = await search(src, null);
    expect(facts.bigMembers.length).toBeGreaterThan(1000);
    expect(result.records.length).toBe(facts.bigMembers.length);
    expect(logins(result.records)).toEqual(sortedLogins(facts.bigMembers));
    // The last members are only in the second range (values 1,500 and up hold the later DNs).
    const last = facts.bigMembers[facts.bigMembers.length - 1] as string;
    expect((await src.findByLogin(last))?.login).toBe(last);
  });

  test("a missing group is a clear SOURCE_UNAVAILABLE, never an empty backend", async () => {
    const { baseDn } = ad();
    for (const nestedGroups of [false, true]) {
      const src = adSource({}, { groupDn: `CN=Nope,OU=Groups,${baseDn}`, nestedGroups });
      const error = await search(src, null).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceUnavailableError);
      expect((error as Error).message).toMatch(/CN=Nope,OU=Groups.*does not exist/);
      const health = await src.health();
      expect(health.ok).toBe(false);
      expect(health.message).toMatch(/CN=Nope,OU=Groups.*does not exist/);
    }
    expect((await adSource({}, { groupDn: ad().facts.supportGroupDn }).health()).ok).toBe(true);
  });
});
