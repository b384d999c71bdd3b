/**
 * docs/otobo-behaviour.md §3.7/§3.12 (CustomerUserCustomer.t) as Clientele's set-based relations, and
 * how the relations feed effective permissions; plus login/customer renames keeping every relation.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { actor, type RelationFixture, relationFixture } from "../support/relations";

let f: RelationFixture;
beforeAll(async () => {
  f = await relationFixture();
  for (const c of ["c0", "c1", "c2"]) await f.addCustomer(c);
  await f.addUser("u1", "c0");
  await f.addUser("u2", "c0");
});
afterAll(async () => f?.close());
beforeEach(async () => {
  await f.db.execute(sql`delete from customer_user_customer`);
});

const extra = async (login: string) => (await f.app.customerUsers.extraCustomerIds([login])).get(login);
const usersOf = async (customerId: string) =>
  (await f.app.customerUsers.customerUsersOf(customerId)).map((r) => r.login);

describe("CustomerUserCustomer.t", () => {
  test("add (u1,c1) → list(u1) = [c1], list(c1) = [u1], CustomerIDs(u1) = [primary, c1]", async () => {
    await f.app.customerUsers.setCustomers("u1", ["c1"], actor);
    expect(await extra("u1")).toEqual(["c1"]);
    expect(await usersOf("c1")).toEqual(["u1"]);
    expect(await f.app.customerUsers.customerIds(await f.user("u1"))).toEqual(["c0", "c1"]);
  });

  test("add (u1,c1), (u2,c1) → list(c1) = [u1, u2]", async () => {
    await f.app.customerUsers.setCustomerUsers("c1", ["u1", "u2"], actor);
    expect(await usersOf("c1")).toEqual(["u1", "u2"]);
  });

  test("removing both → [] everywhere; CustomerIDs is the primary only", async () => {
    await f.app.customerUsers.setCustomerUsers("c1", ["u1", "u2"], actor);
    await f.app.customerUsers.setCustomerUsers("c1", [], actor);
    expect(await usersOf("c1")).toEqual([]);
    expect(await extra("u1")).toEqual([]);
    expect(await f.app.customerUsers.customerIds(await f.user("u1"))).toEqual(["c0"]);
  });

  test("add (u1,c2), (u1,c1) → list(u1) = [c1, c2], sorted", async () => {
    await f.app.customerUsers.setCustomers("u1", ["c2", "c1"], actor);
    expect(await extra("u1")).toEqual(["c1", "c2"]);
    expect(await f.app.customerUsers.customerIds(await f.user("u1"))).toEqual(["c0", "c1", "c2"]);
  });
});

describe("bad input", () => {
  test("the primary customer is never assignable as extra; unknown ids and logins are NOT_FOUND; nothing changes", async () => {
    await f.app.customerUsers.setCustomers("u1", ["c1"], actor);
    const before = await f.relationSnapshot();
    await expect(f.app.customerUsers.setCustomers("u1", ["c2", "c0"], actor)).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field: "customerIds" },
    });
    await expect(f.app.customerUsers.setCustomerUsers("c0", ["u2"], actor)).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
    });
    await expect(f.app.customerUsers.setCustomers("u1", ["c2", "nope"], actor)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(f.app.customerUsers.setCustomers("ghost", ["c2"], actor)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(f.app.customerUsers.setCustomerUsers("c2", ["u1", "ghost"], actor)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await f.relationSnapshot()).toEqual(before);
  });
});

describe("renames keep every relation and so every effective permission", () => {
  test("login rename moves extra customers, group grants and services", async () => {
    await f.settings.update(actor, {
      customerGroupSupport: true,
      customerGroupAlwaysGroups: [],
      customerGroupCompanyAlwaysGroups: [],
    });
    const g = await f.addGroup("rename-g");
    const s = await f.addService("rename-s");
    await f.app.customerUsers.setCustomers("u2", ["c2"], actor);
    await f.groups.setCustomerUserGroups(actor, "u2", [{ groupId: g.id, permissions: ["RW"] }]);
    await f.services.setCustomerUserServices(actor, "u2", [s.id]);
    const before = await f.permissions.effectiveFor(await f.user("u2"));

    await f.app.customerUsers.update("u2", { login: "u2-new" }, actor);
    const renamed = await f.user("u2-new");
    expect(await extra("u2-new")).toEqual(["c2"]);
    expect((await f.groups.customerUserGrants("u2-new")).map((x) => x.group.name)).toEqual(["rename-g"]);
    expect((await f.services.explicitServices("u2-new")).map((x) => x.name)).toEqual(["rename-s"]);
    expect(await f.permissions.effectiveFor(renamed)).toEqual(before);
    expect(await f.groups.customerUserGrants("u2")).toEqual([]);
    await f.app.customerUsers.update("u2-new", { login: "u2" }, actor);
  });

  test("customer id rename moves the customer's grants and the users' extra relations", async () => {
    await f.settings.update(actor, {
      customerGroupSupport: true,
      customerGroupAlwaysGroups: [],
      customerGroupCompanyAlwaysGroups: [],
    });
    await f.addCustomer("old-co");
    const g = await f.addGroup("co-g");
    await f.groups.setCustomerGroups(actor, "old-co", [{ groupId: g.id, permissions: ["RO"] }]);
    await f.app.customerUsers.setCustomers("u1", ["old-co"], actor);
    expect(await f.groupNames("u1", "RO")).toEqual(["co-g"]);
    await f.app.customers.update("old-co", { customerId: "new-co" }, actor);
    expect(await extra("u1")).toEqual(["new-co"]);
    expect((await f.groups.customerGrants("new-co")).map((x) => x.group.name)).toEqual(["co-g"]);
    const [effective] = await f.permissions.effectiveFor(await f.user("u1"));
    expect(effective?.via).toEqual([{ via: "CUSTOMER", permission: "RO", customerId: "new-co" }]);
  });
});
