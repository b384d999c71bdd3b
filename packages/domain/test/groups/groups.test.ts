import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { GroupRecord } from "../../src/groups/service";
import { actor, type RelationFixture, relationFixture } from "../support/relations";

let f: RelationFixture;
let sales: GroupRecord;
let support: GroupRecord;

beforeAll(async () => {
  f = await relationFixture();
  await f.addCustomer("C1");
  await f.addCustomer("C2");
  await f.addUser("u1", "C1");
  await f.addUser("u2", "C2");
  sales = await f.addGroup("sales");
  support = await f.addGroup("support");
});
afterAll(async () => f?.close());

describe("group catalogue", () => {
  test("the seeded groups are there, sorted by name", async () => {
    expect((await f.groups.list()).map((g) => g.name)).toEqual([
      "admin",
      "sales",
      "stats",
      "support",
      "users",
    ]);
  });

  test("create and update validate name (required, ≤191) and comment (≤250), naming the field", async () => {
    await expect(f.groups.create(actor, {})).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field: "name" },
    });
    await expect(f.groups.create(actor, { name: "   " })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field: "name" },
    });
    await expect(f.groups.create(actor, { name: "g".repeat(192) })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field: "name" },
    });
    expect((await f.groups.create(actor, { name: "g".repeat(191) })).name).toHaveLength(191);
    await expect(
      f.groups.create(actor, { name: "commented", comment: "c".repeat(251) }),
    ).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field: "comment" },
    });
    await expect(f.groups.update(actor, sales.id, { name: null })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field: "name" },
    });
  });

  test("names are unique regardless of case → CONFLICT", async () => {
    await expect(f.groups.create(actor, { name: "Users" })).rejects.toMatchObject({
      code: "CONFLICT",
      extensions: { field: "name" },
    });
    await expect(f.groups.update(actor, sales.id, { name: "SUPPORT" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // Changing only the case of its own name is fine.
    const renamed = await f.groups.update(actor, sales.id, { name: "Sales" });
    expect(renamed.name).toBe("Sales");
    await f.groups.update(actor, sales.id, { name: "sales" });
  });

  test("update keeps fields left out; valid states; no delete", async () => {
    const g = await f.groups.create(actor, { name: "partners", comment: "External partners" });
    const updated = await f.groups.update(actor, g.id, { validId: 3 });
    expect(updated).toMatchObject({ name: "partners", comment: "External partners", validId: 3 });
    expect((await f.groups.list({ validOnly: true })).map((x) => x.name)).not.toContain("partners");
    const cleared = await f.groups.update(actor, g.id, { comment: "" });
    expect(cleared.comment).toBeNull();
    expect("delete" in f.groups).toBe(false);
    await expect(f.groups.update(actor, 987654, { name: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(f.groups.update(actor, "not-an-id", { name: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  test("search matches name or comment, * is a wildcard, % and _ are literal", async () => {
    expect((await f.groups.list({ search: "SUPP" })).map((g) => g.name)).toEqual(["support"]);
    expect((await f.groups.list({ search: "sa*es" })).map((g) => g.name)).toEqual(["sales"]);
    expect((await f.groups.list({ search: "statistics" })).map((g) => g.name)).toEqual(["stats"]);
    expect(await f.groups.list({ search: "_" })).toEqual([]);
  });

  test("create and update are audited", async () => {
    const g = await f.groups.create(actor, { name: "audited" });
    await f.groups.update(actor, g.id, { comment: "now with comment" });
    const entries = await f.app.audit.list("group", String(g.id));
    expect(entries.map((e) => e.action)).toEqual(["update", "create"]);
    expect(entries[0]).toMatchObject({ before: { comment: null }, after: { comment: "now with comment" } });
  });

  test("renaming a group keeps the always-group settings pointing at it", async () => {
    const g = await f.groups.create(actor, { name: "everyone" });
    await f.settings.update(actor, { customerGroupAlwaysGroups: ["users", "everyone"] });
    await f.groups.update(actor, g.id, { name: "all-customers" });
    expect((await f.settings.get()).customerGroupAlwaysGroups).toEqual(["users", "all-customers"]);
    expect((await f.app.audit.list("settings", "settings"))[0]).toMatchObject({
      action: "rename_group",
      before: { customerGroupAlwaysGroups: ["users", "everyone"] },
      after: { customerGroupAlwaysGroups: ["users", "all-customers"] },
    });
  });

  test("renaming `users` while the always-groups are still the defaults keeps them pointing at it", async () => {
    await f.db.execute(sql`delete from clientele.setting`);
    const users = (await f.groups.list({ search: "users" })).find((g) => g.name === "users")!;
    await f.groups.update(actor, users.id, { name: "customers" });
    const settings = await f.settings.get();
    expect(settings.customerGroupAlwaysGroups).toEqual(["customers"]);
    expect(settings.customerGroupCompanyAlwaysGroups).toEqual(["customers"]);
    await f.groups.update(actor, users.id, { name: "users" });
    expect((await f.settings.get()).customerGroupAlwaysGroups).toEqual(["users"]);
  });
});

describe("set mutations from both sides", () => {
  test("group → customer users replaces the group's users, stored under the user's own login", async () => {
    await f.groups.setGroupCustomerUsers(actor, sales.id, [
      { login: "U1", permissions: ["RO"] },
      { login: "u2", permissions: ["RO", "RW"] },
    ]);
    expect((await f.groups.groupCustomerUserGrantsMany([sales.id])).get(sales.id)).toEqual([
      { login: "u1", permissions: ["RO"] },
      { login: "u2", permissions: ["RW"] },
    ]);
    expect((await f.groups.customerUserGrants("u1")).map((g) => g.group.name)).toEqual(["sales"]);
    await f.groups.setGroupCustomerUsers(actor, sales.id, [{ login: "u2", permissions: ["RO"] }]);
    expect((await f.groups.groupCustomerUserGrantsMany([sales.id])).get(sales.id)).toEqual([
      { login: "u2", permissions: ["RO"] },
    ]);
    // Other groups of u2 are untouched by a group-side save.
    await f.groups.setCustomerUserGroups(actor, "u2", [
      { groupId: sales.id, permissions: ["RO"] },
      { groupId: support.id, permissions: ["RW"] },
    ]);
    await f.groups.setGroupCustomerUsers(actor, sales.id, []);
    expect((await f.groups.customerUserGrants("u2")).map((g) => [g.group.name, g.permissions])).toEqual([
      ["support", ["RW"]],
    ]);
  });

  test("customer ↔ group from both sides, with contexts (default same customer)", async () => {
    await f.groups.setCustomerGroups(actor, "c1", [
      { groupId: sales.id, permissions: ["RO"] },
      { groupId: sales.id, permissions: ["RW"], context: "OTHER_CUSTOMERS" },
    ]);
    expect(
      (await f.groups.customerGrants("C1")).map((g) => [g.group.name, g.context, g.permissions]),
    ).toEqual([
      ["sales", "OTHER_CUSTOMERS", ["RW"]],
      ["sales", "SAME_CUSTOMER", ["RO"]],
    ]);
    await f.groups.setGroupCustomers(actor, sales.id, [{ customerId: "C2", permissions: ["RW"] }]);
    expect((await f.groups.groupCustomerGrantsMany([sales.id])).get(sales.id)).toEqual([
      { customerId: "C2", context: "SAME_CUSTOMER", permissions: ["RW"] },
    ]);
    expect(await f.groups.customerGrants("C1")).toEqual([]);
    expect((await f.app.audit.list("customer", "C1"))[0]).toMatchObject({ action: "set_groups" });
    expect((await f.app.audit.list("customer", "C2"))[0]).toMatchObject({ action: "set_groups" });
  });

  test("repeated customer grants in one call merge per customer, group and context, from both sides", async () => {
    await f.groups.setGroupCustomers(actor, support.id, [
      { customerId: "C1", permissions: ["RO"] },
      { customerId: "c1", permissions: ["RW"], context: "OTHER_CUSTOMERS" },
      { customerId: "c1", permissions: ["RO"], context: "SAME_CUSTOMER" },
      { customerId: "C2", permissions: ["RO"], context: "OTHER_CUSTOMERS" },
    ]);
    expect((await f.groups.groupCustomerGrantsMany([support.id])).get(support.id)).toEqual([
      { customerId: "C1", context: "OTHER_CUSTOMERS", permissions: ["RW"] },
      { customerId: "C1", context: "SAME_CUSTOMER", permissions: ["RO"] },
      { customerId: "C2", context: "OTHER_CUSTOMERS", permissions: ["RO"] },
    ]);
    await f.groups.setCustomerGroups(actor, "C2", [
      { groupId: support.id, permissions: ["RO"] },
      { groupId: support.id, permissions: ["RO"], context: "SAME_CUSTOMER" },
    ]);
    expect(
      (await f.groups.customerGrants("C2")).map((g) => [g.group.name, g.context, g.permissions]),
    ).toEqual([["support", "SAME_CUSTOMER", ["RO"]]]);
    await f.groups.setGroupCustomers(actor, support.id, []);
  });

  test("a user's history shows grant changes made from the group side", async () => {
    await f.groups.setGroupCustomerUsers(actor, support.id, [{ login: "u1", permissions: ["RW"] }]);
    expect((await f.app.audit.list("customer_user", "u1"))[0]).toMatchObject({
      action: "set_groups",
      after: { support: ["RW"] },
    });
  });
});

describe("concurrent saves", () => {
  test("ten simultaneous saves of one user's groups and one group's users all succeed instead of colliding on the primary key", async () => {
    const sets = Array.from({ length: 10 }, (_, i) => [
      { groupId: sales.id, permissions: [i % 2 ? "RO" : "RW"] as ("RO" | "RW")[] },
      { groupId: support.id, permissions: ["RO"] as ("RO" | "RW")[] },
    ]);
    const results = await Promise.allSettled([
      ...sets.map((grants) => f.groups.setCustomerUserGroups(actor, "u1", grants)),
      ...sets.map((_, i) =>
        f.groups.setGroupCustomerUsers(actor, support.id, [
          { login: "u1", permissions: ["RO"] },
          { login: "u2", permissions: [i % 2 ? "RO" : "RW"] },
        ]),
      ),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const grants = await f.groups.customerUserGrants("u1");
    expect(grants.map((g) => g.group.name)).toEqual(["sales", "support"]);
    const created = await Promise.allSettled(
      Array.from({ length: 6 }, () => f.groups.create(actor, { name: "raced" })),
    );
    expect(created.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of created) {
      if (r.status === "rejected")
        expect(r.reason).toMatchObject({ code: "CONFLICT", extensions: { field: "name" } });
    }
    const services = await Promise.allSettled(
      Array.from({ length: 10 }, () => f.services.setDefaultServices(actor, [])),
    );
    expect(services.filter((r) => r.status === "rejected")).toEqual([]);
  });
});

describe("bad input: validated first, nothing written", () => {
  test("unknown login, group, customer; bad ids; permissions other than RO/RW", async () => {
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: sales.id, permissions: ["RO"] }]);
    await f.groups.setCustomerGroups(actor, "C1", [{ groupId: support.id, permissions: ["RO"] }]);
    const before = await f.relationSnapshot();

    await expect(
      f.groups.setCustomerUserGroups(actor, "nobody", [{ groupId: sales.id, permissions: ["RO"] }]),
    ).rejects.toMatchObject({ code: "NOT_FOUND", extensions: { field: "login" } });
    await expect(
      f.groups.setCustomerUserGroups(actor, "u1", [
        { groupId: support.id, permissions: ["RW"] },
        { groupId: 777777, permissions: ["RO"] },
      ]),
    ).rejects.toMatchObject({ code: "NOT_FOUND", extensions: { field: "grants.1.groupId", id: "777777" } });
    await expect(
      f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: "x1", permissions: ["RO"] }]),
    ).rejects.toMatchObject({ code: "NOT_FOUND", extensions: { field: "grants.0.groupId" } });
    await expect(
      f.groups.setGroupCustomerUsers(actor, sales.id, [
        { login: "u2", permissions: ["RO"] },
        { login: "ghost", permissions: ["RO"] },
      ]),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("ghost"),
      extensions: { field: "grants.1.login" },
    });
    await expect(f.groups.setGroupCustomerUsers(actor, 777777, [])).rejects.toMatchObject({
      code: "NOT_FOUND",
      extensions: { field: "groupId" },
    });
    await expect(
      f.groups.setCustomerGroups(actor, "no-such-customer", [{ groupId: sales.id, permissions: ["RO"] }]),
    ).rejects.toMatchObject({ code: "NOT_FOUND", extensions: { field: "customerId" } });
    await expect(
      f.groups.setGroupCustomers(actor, support.id, [
        { customerId: "C2", permissions: ["RO"] },
        { customerId: "C9", permissions: ["RO"] },
      ]),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      extensions: { field: "grants.1.customerId", customerId: "C9" },
    });
    await expect(
      f.groups.setCustomerUserGroups(actor, "u1", [
        { groupId: sales.id, permissions: ["move_into" as "RO"] },
      ]),
    ).rejects.toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "grants.0.permissions" } });
    await expect(
      f.groups.setGroupCustomers(actor, sales.id, [
        { customerId: "C1", permissions: ["RO"], context: "Ticket::CustomerID::Same" as "SAME_CUSTOMER" },
      ]),
    ).rejects.toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "grants.0.context" } });

    expect(await f.relationSnapshot()).toEqual(before);
  });

  test("a failure inside the transaction rolls the delete back", async () => {
    await f.groups.setCustomerUserGroups(actor, "u1", [{ groupId: sales.id, permissions: ["RO"] }]);
    const before = await f.relationSnapshot();
    // A trigger that refuses one insert stands in for any failure after the delete.
    await f.db.execute(sql`create function refuse_support() returns trigger language plpgsql as $$
      begin if new.group_id = ${sql.raw(String(support.id))} then raise exception 'refused'; end if; return new; end $$`);
    await f.db.execute(
      sql`create trigger refuse_support before insert on group_customer_user for each row execute function refuse_support()`,
    );
    try {
      await expect(
        f.groups.setCustomerUserGroups(actor, "u1", [
          { groupId: sales.id, permissions: ["RW"] },
          { groupId: support.id, permissions: ["RO"] },
        ]),
      ).rejects.toThrow();
      expect(await f.relationSnapshot()).toEqual(before);
    } finally {
      await f.db.execute(sql`drop trigger refuse_support on group_customer_user`);
      await f.db.execute(sql`drop function refuse_support()`);
    }
  });
});
