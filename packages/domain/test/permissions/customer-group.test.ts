/**
 * docs/otobo-behaviour.md §6 (Kernel/System/CustomerGroup.pm, CustomerGroup.t) ported to Clientele's
 * set-based API, on real PostgreSQL.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client";
import type { GroupRecord } from "../../src/groups/service";
import { actor, type RelationFixture, relationFixture } from "../support/relations";

let f: RelationFixture;
let g1: GroupRecord;
let g2: GroupRecord;
let g3: GroupRecord;

beforeAll(async () => {
  f = await relationFixture();
  await f.addCustomer("C1");
  await f.addCustomer("C2");
  await f.addCustomer("C3");
  await f.addUser("u1", "C1");
  await f.addUser("jdoe1", "C3");
  await f.addUser("jdoe2", "C3");
  g1 = await f.addGroup("G1");
  g2 = await f.addGroup("G2");
  g3 = await f.addGroup("G3");
});
afterAll(async () => f?.close());

// CustomerGroup.t's configuration: support on, no always groups.
beforeEach(async () => {
  await f.db.execute(sql`delete from group_customer_user`);
  await f.db.execute(sql`delete from group_customer`);
  await f.db.execute(sql`delete from customer_user_customer`);
  await f.settings.update(actor, {
    customerGroupSupport: true,
    customerGroupAlwaysGroups: [],
    customerGroupCompanyAlwaysGroups: [],
    customerGroupOtherCustomersContext: false,
  });
});

const rawRows = (login: string) =>
  queryRows<{ group_id: number; permission_key: string; permission_value: number }>(
    f.db,
    sql`select group_id, permission_key, permission_value from group_customer_user where user_id = ${login} order by group_id, permission_key`,
  );

describe("GroupMemberAdd sequence (§6.1, §6.7)", () => {
  test("ro=1 gives G1 for ro only", async () => {
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: g1.id, permissions: ["RO"] }]);
    expect(await f.groupNames("u1", "RO")).toEqual(["G1"]);
    expect(await f.groupNames("u1", "RW")).toEqual([]);
    expect(await f.permissions.check(await f.user("u1"), "G1", "RW")).toBe(false);
    expect(await rawRows("u1")).toEqual([{ group_id: g1.id, permission_key: "ro", permission_value: 1 }]);
  });

  test("{ro:1, rw:0} gives ro but not rw", async () => {
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: g1.id, permissions: ["RO"] }]);
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: g1.id, permissions: ["RO"] }]);
    expect(await f.groupNames("u1", "RO")).toEqual(["G1"]);
    expect(await f.groupNames("u1", "RW")).toEqual([]);
  });

  test("{rw:1} is stored as OTOBO stores it (one rw row) and implies ro", async () => {
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: g1.id, permissions: ["RO", "RW"] }]);
    expect(await rawRows("u1")).toEqual([{ group_id: g1.id, permission_key: "rw", permission_value: 1 }]);
    expect(await f.groupNames("u1", "RW")).toEqual(["G1"]);
    expect(await f.groupNames("u1", "RO")).toEqual(["G1"]);
    // PermissionCheck (§6.6)
    expect(await f.permissions.check(await f.user("u1"), "G1", "RO")).toBe(true);
    expect(await f.permissions.check(await f.user("u1"), "G2", "RO")).toBe(false);
    // Raw view: what is stored, RO is implied rather than listed.
    const raw = await f.groups.customerUserGrants("u1");
    expect(raw.map((g) => [g.group.name, g.permissions])).toEqual([["G1", ["RW"]]]);
    const [effective] = await f.permissions.effectiveFor(await f.user("u1"));
    expect(effective?.permissions).toEqual(["RO", "RW"]);
    expect(effective?.via).toEqual([
      { via: "DIRECT", permission: "RO", customerId: null },
      { via: "DIRECT", permission: "RW", customerId: null },
    ]);
  });

  test("an empty permission list removes the grant (the reset with all-zero permissions)", async () => {
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: g1.id, permissions: ["RW"] }]);
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: g1.id, permissions: [] }]);
    expect(await rawRows("u1")).toEqual([]);
    expect(await f.groupNames("u1", "RO")).toEqual([]);
    expect(await f.groupNames("u1", "RW")).toEqual([]);
  });

  test("a set replaces the whole set: groups left out lose their grant", async () => {
    await f.groups.setCustomerUserGroups(actor, "u1", [
      { groupId: g1.id, permissions: ["RO"] },
      { groupId: g2.id, permissions: ["RW"] },
    ]);
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: g3.id, permissions: ["RO"] }]);
    expect(await f.groupNames("u1", "RO")).toEqual(["G3"]);
  });

  test("a stale ro row left next to rw by OTOBO (quirk 5) is read, and replaced by our next save", async () => {
    await f.db.execute(sql`insert into group_customer_user (user_id, group_id, permission_key, permission_value, create_time, create_by, change_time, change_by)
      values ('u1', ${g1.id}, 'ro', 1, now(), 1, now(), 1), ('u1', ${g1.id}, 'rw', 1, now(), 1, now(), 1)`);
    expect((await f.groups.customerUserGrants("u1"))[0]?.permissions).toEqual(["RO", "RW"]);
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: g1.id, permissions: ["RW"] }]);
    expect(await rawRows("u1")).toEqual([{ group_id: g1.id, permission_key: "rw", permission_value: 1 }]);
  });

  test("move_into-only membership queried as ro gives nothing, and our saves leave that key alone", async () => {
    await f.db.execute(sql`insert into group_customer_user (user_id, group_id, permission_key, permission_value, create_time, create_by, change_time, change_by)
      values ('u1', ${g1.id}, 'move_into', 1, now(), 1, now(), 1), ('u1', ${g2.id}, 'ro', 0, now(), 1, now(), 1)`);
    expect(await f.groupNames("u1", "RO")).toEqual([]);
    expect(await f.groups.customerUserGrants("u1")).toEqual([]);
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: g2.id, permissions: ["RO"] }]);
    expect(await rawRows("u1")).toEqual([
      { group_id: g1.id, permission_key: "move_into", permission_value: 1 },
      { group_id: g2.id, permission_key: "ro", permission_value: 1 },
    ]);
  });
});

describe("always groups (§6.2, §6.7)", () => {
  test("CustomerGroupAlwaysGroups give every type, whatever the grants", async () => {
    await f.settings.update(actor, { customerGroupAlwaysGroups: ["G1"] });
    expect(await f.groupNames("u1", "RO")).toEqual(["G1"]);
    expect(await f.groupNames("u1", "RW")).toEqual(["G1"]);
    const [effective] = await f.permissions.effectiveFor(await f.user("u1"));
    expect(effective?.via).toEqual([
      { via: "ALWAYS", permission: "RO", customerId: null },
      { via: "ALWAYS", permission: "RW", customerId: null },
    ]);
    // Raw grants stay empty: always-groups are not stored per user.
    expect(await f.groups.customerUserGrants("u1")).toEqual([]);
  });

  test("company always groups come through each valid customer of the user", async () => {
    await f.settings.update(actor, { customerGroupCompanyAlwaysGroups: ["G2"] });
    await f.app.customerUsers.setCustomers("u1", ["C2"], actor);
    const effective = await f.permissions.effectiveFor(await f.user("u1"));
    expect(effective.map((e) => e.group.name)).toEqual(["G2"]);
    expect(effective[0]?.via.filter((v) => v.permission === "RW")).toEqual([
      { via: "COMPANY_ALWAYS", permission: "RW", customerId: "C1" },
      { via: "COMPANY_ALWAYS", permission: "RW", customerId: "C2" },
    ]);
  });

  test("an always group that is invalid grants nothing", async () => {
    const retired = await f.addGroup("retired-always");
    await f.settings.update(actor, { customerGroupAlwaysGroups: ["retired-always"] });
    await f.groups.update(actor, retired.id, { validId: 2 });
    expect(await f.groupNames("u1", "RO")).toEqual([]);
  });
});

describe("inheritance via the user's customers (§6.2, §6.7)", () => {
  test("company C with rw on G1 gives the user rw, via customer C; raw grants exclude it", async () => {
    await f.groups.setCustomerGroups(actor, "C1", [{ groupId: g1.id, permissions: ["RW"] }]);
    expect(await f.groupNames("u1", "RW")).toEqual(["G1"]);
    expect(await f.groupNames("u1", "RO")).toEqual(["G1"]);
    const [effective] = await f.permissions.effectiveFor(await f.user("u1"));
    expect(effective?.via).toEqual([
      { via: "CUSTOMER", permission: "RO", customerId: "C1" },
      { via: "CUSTOMER", permission: "RW", customerId: "C1" },
    ]);
    expect(await f.groups.customerUserGrants("u1")).toEqual([]);
    const stored = await queryRows(
      f.db,
      sql`select permission_key, permission_context from group_customer where customer_id = 'C1'`,
    );
    expect(stored).toEqual([{ permission_key: "rw", permission_context: "Ticket::CustomerID::Same" }]);
  });

  test("direct ro on G1–G3 and company rw on G3 gives rw only for G3", async () => {
    await f.groups.setCustomerUserGroups(actor, "u1", [
      { groupId: g1.id, permissions: ["RO"] },
      { groupId: g2.id, permissions: ["RO"] },
      { groupId: g3.id, permissions: ["RO"] },
    ]);
    await f.groups.setGroupCustomers(actor, g3.id, [{ customerId: "C1", permissions: ["RW"] }]);
    expect(await f.groupNames("u1", "RW")).toEqual(["G3"]);
    expect(await f.groupNames("u1", "RO")).toEqual(["G1", "G2", "G3"]);
    const g3Effective = (await f.permissions.effectiveFor(await f.user("u1"))).find(
      (e) => e.group.name === "G3",
    );
    expect(g3Effective?.via).toEqual([
      { via: "DIRECT", permission: "RO", customerId: null },
      { via: "CUSTOMER", permission: "RO", customerId: "C1" },
      { via: "CUSTOMER", permission: "RW", customerId: "C1" },
    ]);
  });

  test("extra customers (customer_user_customer) pass their grants on too (differs: OTOBO by GroupID looks at primary only)", async () => {
    await f.groups.setCustomerGroups(actor, "C2", [{ groupId: g2.id, permissions: ["RO"] }]);
    expect(await f.groupNames("u1", "RO")).toEqual([]);
    await f.app.customerUsers.setCustomers("u1", ["C2"], actor);
    expect(await f.groupNames("u1", "RO")).toEqual(["G2"]);
    expect((await f.permissions.effectiveFor(await f.user("u1")))[0]?.via).toEqual([
      { via: "CUSTOMER", permission: "RO", customerId: "C2" },
    ]);
  });

  test("grants in the other-customers context are not permissions on the group", async () => {
    await f.groups.setCustomerGroups(actor, "C1", [
      { groupId: g1.id, permissions: ["RO"], context: "OTHER_CUSTOMERS" },
    ]);
    expect(await f.groupNames("u1", "RO")).toEqual([]);
  });

  test("an invalid customer grants nothing, and neither does an invalid group", async () => {
    await f.addCustomer("C-retired", 2);
    await f.groups.setCustomerGroups(actor, "C-retired", [{ groupId: g1.id, permissions: ["RW"] }]);
    await f.app.customerUsers.setCustomers("u1", ["C-retired"], actor);
    expect(await f.groupNames("u1", "RO")).toEqual([]);

    const g4 = await f.addGroup("G4");
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: g4.id, permissions: ["RW"] }]);
    await f.groups.setCustomerGroups(actor, "C1", [{ groupId: g4.id, permissions: ["RW"] }]);
    expect(await f.groupNames("u1", "RW")).toEqual(["G4"]);
    await f.groups.update(actor, g4.id, { validId: 3 });
    expect(await f.groupNames("u1", "RW")).toEqual([]);
    // The grants are kept for when the group is valid again.
    expect((await f.groups.customerUserGrants("u1")).map((g) => g.group.name)).toEqual(["G4"]);
    await f.groups.update(actor, g4.id, { validId: 1 });
    expect(await f.groupNames("u1", "RW")).toEqual(["G4"]);
  });
});

describe("GroupMemberList by GroupID (§6.2, §6.7)", () => {
  const members = async (groupId: number, permission: "RO" | "RW", raw = false) => {
    const result = await f.permissions.effectiveMembers(groupId, permission, { raw });
    return { everyone: result.everyone, logins: result.customerUsers.map((r) => r.login) };
  };

  test("a user inherits through customer C; RawPermissions excludes the inherited entries", async () => {
    await f.groups.setCustomerGroups(actor, "C1", [{ groupId: g1.id, permissions: ["RW"] }]);
    await f.groups.setGroupCustomerUsers(actor, g1.id, [{ login: "jdoe1", permissions: ["RO"] }]);
    expect(await members(g1.id, "RW")).toEqual({ everyone: false, logins: ["u1"] });
    expect(await members(g1.id, "RO")).toEqual({ everyone: false, logins: ["jdoe1", "u1"] });
    expect(await members(g1.id, "RO", true)).toEqual({ everyone: false, logins: ["jdoe1"] });
    expect(await members(g1.id, "RW", true)).toEqual({ everyone: false, logins: [] });
  });

  test("extra customers count too; other-customers grants do not", async () => {
    await f.groups.setCustomerGroups(actor, "C2", [
      { groupId: g2.id, permissions: ["RO"] },
      { groupId: g3.id, permissions: ["RO"], context: "OTHER_CUSTOMERS" },
    ]);
    await f.app.customerUsers.setCustomers("jdoe1", ["C2"], actor);
    expect(await members(g2.id, "RO")).toEqual({ everyone: false, logins: ["jdoe1"] });
    expect(await members(g3.id, "RO")).toEqual({ everyone: false, logins: [] });
  });

  test("always groups and support off make everyone a member; an invalid group has none", async () => {
    await f.settings.update(actor, { customerGroupAlwaysGroups: ["G1"] });
    expect(await members(g1.id, "RW")).toEqual({ everyone: true, logins: [] });
    expect((await members(g1.id, "RW", true)).everyone).toBe(false);
    await f.settings.update(actor, { customerGroupAlwaysGroups: [], customerGroupSupport: false });
    expect(await members(g2.id, "RO")).toEqual({ everyone: true, logins: [] });
    await f.settings.update(actor, { customerGroupSupport: true });
    await f.groups.setGroupCustomerUsers(actor, g2.id, [{ login: "u1", permissions: ["RO"] }]);
    await f.groups.update(actor, g2.id, { validId: 2 });
    expect(await members(g2.id, "RO")).toEqual({ everyone: false, logins: [] });
    await f.groups.update(actor, g2.id, { validId: 1 });
  });
});

describe("invalid users (§6.7)", () => {
  test("jdoe1 and jdoe2 both have ro; after jdoe2 is set invalid only jdoe1 keeps it", async () => {
    const group = await f.addGroup("jdoe-group");
    await f.groups.setGroupCustomerUsers(actor, group.id, [
      { login: "jdoe1", permissions: ["RO"] },
      { login: "JDOE2", permissions: ["RO"] },
    ]);
    const raw = (await f.groups.groupCustomerUserGrantsMany([group.id])).get(group.id);
    expect(raw?.map((g) => g.login)).toEqual(["jdoe1", "jdoe2"]);
    expect(await f.groupNames("jdoe2", "RO")).toEqual(["jdoe-group"]);
    const members = async () =>
      (await f.permissions.effectiveMembers(group.id, "RO")).customerUsers.map((r) => r.login);
    expect(await members()).toEqual(["jdoe1", "jdoe2"]);

    await f.app.customerUsers.update("jdoe2", { valid: 2 }, actor);
    expect(await members()).toEqual(["jdoe1"]);
    expect(await f.groupNames("jdoe1", "RO")).toEqual(["jdoe-group"]);
    expect(await f.permissions.effectiveFor(await f.user("jdoe2"))).toEqual([]);
    // Invalid users keep their relations (docs/domain.md §Customer users).
    expect(
      (await f.groups.groupCustomerUserGrantsMany([group.id])).get(group.id)?.map((g) => g.login),
    ).toEqual(["jdoe1", "jdoe2"]);
  });

  test("an invalid user gets nothing even from always groups", async () => {
    await f.settings.update(actor, { customerGroupAlwaysGroups: ["users"] });
    const record = await f.addUser("gone", "C1", 2);
    expect(await f.permissions.effectiveFor(record)).toEqual([]);
    expect((await f.permissions.effectiveFor(await f.user("u1"))).map((e) => e.group.name)).toEqual([
      "users",
    ]);
  });
});

describe("customerGroupSupport off (§6.2)", () => {
  test("every valid user has ro and rw on every valid group, explained as ALWAYS; grants do not matter", async () => {
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: g1.id, permissions: ["RO"] }]);
    await f.settings.update(actor, { customerGroupSupport: false });
    const all = (await f.groups.list({ validOnly: true })).map((g) => g.name).sort();
    expect(all).toContain("admin");
    expect(await f.groupNames("u1", "RW")).toEqual(all);
    expect(await f.groupNames("jdoe1", "RO")).toEqual(all);
    for (const e of await f.permissions.effectiveFor(await f.user("u1"))) {
      expect(e.via).toEqual([
        { via: "ALWAYS", permission: "RO", customerId: null },
        { via: "ALWAYS", permission: "RW", customerId: null },
      ]);
    }
    await f.groups.update(actor, g2.id, { validId: 2 });
    expect(await f.groupNames("u1", "RO")).not.toContain("G2");
    await f.groups.update(actor, g2.id, { validId: 1 });
  });
});

describe("every effective permission is explained", () => {
  test("each permission has at least one via of that permission, and nothing else", async () => {
    await f.settings.update(actor, {
      customerGroupAlwaysGroups: ["users"],
      customerGroupCompanyAlwaysGroups: ["stats"],
    });
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: g1.id, permissions: ["RO"] }]);
    await f.groups.setCustomerGroups(actor, "C1", [{ groupId: g2.id, permissions: ["RW"] }]);
    const effective = await f.permissions.effectiveFor(await f.user("u1"));
    expect(effective.map((e) => e.group.name)).toEqual(["G1", "G2", "stats", "users"]);
    for (const e of effective) {
      expect(new Set(e.via.map((v) => v.permission))).toEqual(new Set(e.permissions));
      if (e.permissions.includes("RW")) expect(e.permissions).toContain("RO");
    }
  });
});

describe("a batch answers each user as a single call does", () => {
  test("users sharing a customer differ by their own grants and extra customers", async () => {
    await f.addUser("batch1", "C3");
    await f.addUser("batch2", "C3");
    await f.addUser("batch3", "C3");
    await f.settings.update(actor, { customerGroupAlwaysGroups: ["users"] });
    await f.groups.setCustomerGroups(actor, "C3", [{ groupId: g1.id, permissions: ["RO"] }]);
    await f.groups.setCustomerGroups(actor, "C2", [{ groupId: g3.id, permissions: ["RW"] }]);
    await f.groups.setCustomerUserGroups(actor, "batch2", [{ groupId: g2.id, permissions: ["RW"] }]);
    await f.app.customerUsers.setCustomers("batch3", ["C2"], actor);
    const logins = ["jdoe1", "batch1", "batch2", "batch3", "u1"];
    const records = await Promise.all(logins.map((l) => f.user(l)));
    const batch = await f.permissions.effectiveForMany(records);
    const names = (login: string) => (batch.get(login) ?? []).map((e) => [e.group.name, e.permissions]);
    expect(names("batch1")).toEqual([
      ["G1", ["RO"]],
      ["users", ["RO", "RW"]],
    ]);
    expect(names("batch2")).toEqual([
      ["G1", ["RO"]],
      ["G2", ["RO", "RW"]],
      ["users", ["RO", "RW"]],
    ]);
    expect(names("batch3")).toEqual([
      ["G1", ["RO"]],
      ["G3", ["RO", "RW"]],
      ["users", ["RO", "RW"]],
    ]);
    for (const [i, login] of logins.entries()) {
      expect(batch.get(login)).toEqual(await f.permissions.effectiveFor(records[i]!));
    }
    const services = await f.permissions.effectiveServicesForMany(records);
    for (const [i, login] of logins.entries()) {
      expect(services.get(login)).toEqual(await f.permissions.effectiveServicesFor(records[i]!));
    }
  });
});

describe("GroupContextCustomers (§6.5): which customers' tickets a user sees", () => {
  // User U (u1) with primary company C1; companies C2, C3; G1.
  const contexts = async () => (await f.permissions.contextCustomers(await f.user("u1"))).sort();
  beforeEach(async () => {
    await f.settings.update(actor, { customerGroupOtherCustomersContext: true });
  });

  test("case 1: no grants → {C1}", async () => {
    expect(await contexts()).toEqual(["C1"]);
  });

  test("case 2: C1 same+other ro on G1, C2 same ro on G1 → {C1, C2}", async () => {
    await f.groups.setGroupCustomers(actor, g1.id, [
      { customerId: "C1", permissions: ["RO"], context: "SAME_CUSTOMER" },
      { customerId: "C1", permissions: ["RO"], context: "OTHER_CUSTOMERS" },
      { customerId: "C2", permissions: ["RO"], context: "SAME_CUSTOMER" },
    ]);
    expect(await contexts()).toEqual(["C1", "C2"]);
  });

  test("case 3: the same with rw → {C1, C2}", async () => {
    await f.groups.setGroupCustomers(actor, g1.id, [
      { customerId: "C1", permissions: ["RW"], context: "SAME_CUSTOMER" },
      { customerId: "C1", permissions: ["RW"], context: "OTHER_CUSTOMERS" },
      { customerId: "C2", permissions: ["RW"], context: "SAME_CUSTOMER" },
    ]);
    expect(await contexts()).toEqual(["C1", "C2"]);
  });

  test("case 4: C2 has only move_into, C3 same ro → {C1, C3}", async () => {
    await f.groups.setGroupCustomers(actor, g1.id, [
      { customerId: "C1", permissions: ["RO"], context: "SAME_CUSTOMER" },
      { customerId: "C1", permissions: ["RO"], context: "OTHER_CUSTOMERS" },
      { customerId: "C3", permissions: ["RO"], context: "SAME_CUSTOMER" },
    ]);
    await f.db.execute(sql`insert into group_customer (customer_id, group_id, permission_key, permission_value, permission_context, create_time, create_by, change_time, change_by)
      values ('C2', ${g1.id}, 'move_into', 1, 'Ticket::CustomerID::Same', now(), 1, now(), 1)`);
    expect(await contexts()).toEqual(["C1", "C3"]);
  });

  test("case 5: C2 and C3 with rw → {C1, C2, C3}", async () => {
    await f.groups.setGroupCustomers(actor, g1.id, [
      { customerId: "C1", permissions: ["RO"], context: "SAME_CUSTOMER" },
      { customerId: "C1", permissions: ["RO"], context: "OTHER_CUSTOMERS" },
      { customerId: "C2", permissions: ["RW"], context: "SAME_CUSTOMER" },
      { customerId: "C3", permissions: ["RW"], context: "SAME_CUSTOMER" },
    ]);
    expect(await contexts()).toEqual(["C1", "C2", "C3"]);
  });

  test("with the other-customers context disabled (OTOBO's default) the grants are ignored", async () => {
    await f.groups.setGroupCustomers(actor, g1.id, [
      { customerId: "C1", permissions: ["RO"], context: "OTHER_CUSTOMERS" },
      { customerId: "C2", permissions: ["RO"], context: "SAME_CUSTOMER" },
    ]);
    expect(await contexts()).toEqual(["C1", "C2"]);
    await f.settings.update(actor, { customerGroupOtherCustomersContext: false });
    expect(await contexts()).toEqual(["C1"]);
  });

  test("invalid customers are dropped, an invalid group widens nothing, an invalid user sees none", async () => {
    const g5 = await f.addGroup("G5");
    await f.addCustomer("C4", 2);
    await f.groups.setGroupCustomers(actor, g5.id, [
      { customerId: "C1", permissions: ["RO"], context: "OTHER_CUSTOMERS" },
      { customerId: "C4", permissions: ["RO"], context: "SAME_CUSTOMER" },
      { customerId: "C2", permissions: ["RO"], context: "SAME_CUSTOMER" },
    ]);
    expect(await contexts()).toEqual(["C1", "C2"]);
    await f.groups.update(actor, g5.id, { validId: 2 });
    expect(await contexts()).toEqual(["C1"]);
    expect(await f.permissions.contextCustomers(await f.addUser("gone-ctx", "C1", 2))).toEqual([]);
  });
});
