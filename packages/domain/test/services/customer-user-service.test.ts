/** docs/otobo-behaviour.md §7 (Kernel/System/Service.pm, CustomerUserService.t) on real PostgreSQL. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client";
import type { ServiceRecord } from "../../src/services/service";
import { actor, type RelationFixture, relationFixture } from "../support/relations";

let f: RelationFixture;
let s1: ServiceRecord;
let s2: ServiceRecord;

beforeAll(async () => {
  f = await relationFixture();
  await f.addCustomer("C1");
  await f.addUser("A", "C1");
  await f.addUser("B", "C1");
  s1 = await f.addService("S1");
  s2 = await f.addService("S2");
});
afterAll(async () => f?.close());
beforeEach(async () => {
  await f.db.execute(sql`delete from service_customer_user`);
});

/** list(login) without defaults = the explicit services; with defaults = effective services. */
const explicit = async (login: string) =>
  (await f.services.explicitServices(login)).map((s) => s.name).sort();
const effective = async (login: string) =>
  (await f.permissions.effectiveServicesFor(await f.user(login))).map((s) => s.name).sort();

describe("CustomerUserService.t table", () => {
  test("FALLBACK mode reproduces OTOBO's table: defaults only for users without explicit services", async () => {
    await f.settings.update(actor, { defaultServicesMode: "FALLBACK" });
    // initially
    expect([await explicit("A"), await effective("A"), await explicit("B"), await effective("B")]).toEqual([
      [],
      [],
      [],
      [],
    ]);
    // after <DEFAULT>+S1
    await f.services.setDefaultServices(actor, [s1.id]);
    expect([await explicit("A"), await effective("A"), await explicit("B"), await effective("B")]).toEqual([
      [],
      ["S1"],
      [],
      ["S1"],
    ]);
    // after A+S2: A's explicit service replaces the defaults
    await f.services.setCustomerUserServices(actor, "A", [s2.id]);
    expect([await explicit("A"), await effective("A"), await explicit("B"), await effective("B")]).toEqual([
      ["S2"],
      ["S2"],
      [],
      ["S1"],
    ]);
    // after B+S1, B+S2
    await f.services.setCustomerUserServices(actor, "B", [s1.id, s2.id]);
    expect([await explicit("B"), await effective("B")]).toEqual([
      ["S1", "S2"],
      ["S1", "S2"],
    ]);
  });

  test("UNION mode (the default) always adds the defaults", async () => {
    await f.settings.update(actor, { defaultServicesMode: "UNION" });
    expect((await f.settings.get()).defaultServicesMode).toBe("UNION");
    expect([await effective("A"), await effective("B")]).toEqual([[], []]);
    await f.services.setDefaultServices(actor, [s1.id]);
    expect([await effective("A"), await effective("B")]).toEqual([["S1"], ["S1"]]);
    await f.services.setCustomerUserServices(actor, "A", [s2.id]);
    expect([await explicit("A"), await effective("A"), await effective("B")]).toEqual([
      ["S2"],
      ["S1", "S2"],
      ["S1"],
    ]);
    await f.services.setCustomerUserServices(actor, "B", [s1.id, s2.id]);
    expect(await effective("B")).toEqual(["S1", "S2"]);
  });

  test("renaming A moves its services to the new login (ServiceMemberUpdate)", async () => {
    await f.services.setCustomerUserServices(actor, "A", [s2.id]);
    await f.app.customerUsers.update("A", { login: "A-renamed" }, actor);
    expect(await explicit("A")).toEqual([]);
    expect(await explicit("A-renamed")).toEqual(["S2"]);
    await f.app.customerUsers.update("A-renamed", { login: "A" }, actor);
    expect(await explicit("A")).toEqual(["S2"]);
  });
});

describe("validity", () => {
  test("only valid services are effective; in FALLBACK an invalid explicit service does not block the defaults", async () => {
    const retired = await f.addService("S-retired");
    await f.services.setDefaultServices(actor, [s1.id]);
    await f.services.setCustomerUserServices(actor, "A", [retired.id]);
    await f.services.update(actor, retired.id, { validId: 2 });
    await f.settings.update(actor, { defaultServicesMode: "FALLBACK" });
    expect(await explicit("A")).toEqual(["S-retired"]);
    expect(await effective("A")).toEqual(["S1"]);
    await f.services.update(actor, s1.id, { validId: 3 });
    expect(await effective("A")).toEqual([]);
    await f.services.update(actor, s1.id, { validId: 1 });
    await f.settings.update(actor, { defaultServicesMode: "UNION" });
  });

  test("an invalid customer user has no effective services", async () => {
    await f.services.setDefaultServices(actor, [s1.id]);
    const gone = await f.addUser("gone", "C1", 2);
    await f.services.setCustomerUserServices(actor, "gone", [s2.id]);
    expect(await f.permissions.effectiveServicesFor(gone)).toEqual([]);
  });
});

describe("assignment from the service side and defaults", () => {
  test("setServiceCustomerUsers replaces the users of a service but never touches <DEFAULT>", async () => {
    await f.services.setDefaultServices(actor, [s1.id]);
    await f.services.setServiceCustomerUsers(actor, s1.id, ["a", "B"]);
    expect((await f.services.serviceLoginsMany([s1.id])).get(s1.id)).toEqual(["A", "B"]);
    await f.services.setServiceCustomerUsers(actor, s1.id, ["B"]);
    expect((await f.services.serviceLoginsMany([s1.id])).get(s1.id)).toEqual(["B"]);
    expect(await f.services.defaultServiceIds()).toEqual(new Set([s1.id]));
    await f.services.setServiceCustomerUsers(actor, s1.id, []);
    expect((await f.services.serviceLoginsMany([s1.id])).get(s1.id)).toEqual([]);
    expect((await f.services.defaultServices()).map((s) => s.name)).toEqual(["S1"]);
  });

  test("setDefaultServices replaces the defaults and stores them under <DEFAULT>", async () => {
    await f.services.setDefaultServices(actor, [s1.id, s2.id]);
    const result = await f.services.setDefaultServices(actor, [s2.id]);
    expect(result.map((s) => s.name)).toEqual(["S2"]);
    expect(
      await queryRows(f.db, sql`select customer_user_login, service_id from service_customer_user`),
    ).toEqual([{ customer_user_login: "<DEFAULT>", service_id: s2.id }]);
  });

  test("every write is audited on the user's and the service's history", async () => {
    await f.services.setCustomerUserServices(actor, "B", [s2.id]);
    const entries = await f.app.audit.list("customer_user", "B");
    expect(entries[0]).toMatchObject({
      action: "set_services",
      before: [],
      after: ["S2"],
      actor: "root@localhost",
    });
    await f.services.setServiceCustomerUsers(actor, s1.id, ["A"]);
    expect((await f.app.audit.list("service", String(s1.id)))[0]).toMatchObject({
      action: "set_customer_users",
      after: ["A"],
    });
    expect((await f.app.audit.list("customer_user", "A"))[0]).toMatchObject({
      action: "add_service",
      after: "S1",
    });
  });
});

describe("bad input writes nothing", () => {
  test("unknown login, unknown service, <DEFAULT> as a login", async () => {
    await f.services.setCustomerUserServices(actor, "A", [s1.id]);
    const before = await f.relationSnapshot();
    await expect(f.services.setCustomerUserServices(actor, "nobody", [s1.id])).rejects.toMatchObject({
      code: "NOT_FOUND",
      extensions: { field: "login" },
    });
    await expect(f.services.setCustomerUserServices(actor, "A", [s2.id, 99999])).rejects.toMatchObject({
      code: "NOT_FOUND",
      extensions: { field: "serviceIds.1" },
      message: expect.stringContaining("99999"),
    });
    await expect(f.services.setCustomerUserServices(actor, "A", ["abc"])).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(f.services.setServiceCustomerUsers(actor, s1.id, ["B", "nobody"])).rejects.toMatchObject({
      code: "NOT_FOUND",
      extensions: { field: "logins.1", login: "nobody" },
    });
    await expect(f.services.setServiceCustomerUsers(actor, s1.id, ["<DEFAULT>"])).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(f.services.setServiceCustomerUsers(actor, 424242, ["B"])).rejects.toMatchObject({
      code: "NOT_FOUND",
      extensions: { field: "serviceId" },
    });
    await expect(f.services.setDefaultServices(actor, [s1.id, 424242])).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await f.relationSnapshot()).toEqual(before);
  });
});

describe("service catalogue", () => {
  test("create, update, valid, search; name unique regardless of case; lengths", async () => {
    const vpn = await f.services.create(actor, { name: "VPN access", comment: "Remote" });
    expect(vpn).toMatchObject({ name: "VPN access", comment: "Remote", validId: 1 });
    await expect(f.services.create(actor, { name: "vpn ACCESS" })).rejects.toMatchObject({
      code: "CONFLICT",
      extensions: { field: "name" },
    });
    await expect(f.services.create(actor, { name: "" })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field: "name" },
    });
    await expect(f.services.create(actor, { name: "x".repeat(201) })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field: "name" },
    });
    expect((await f.services.create(actor, { name: "y".repeat(200) })).name).toHaveLength(200);
    await expect(
      f.services.create(actor, { name: "long comment", comment: "c".repeat(251) }),
    ).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field: "comment" },
    });
    const updated = await f.services.update(actor, vpn.id, { validId: 2 });
    expect(updated).toMatchObject({ name: "VPN access", comment: "Remote", validId: 2 });
    await expect(f.services.update(actor, vpn.id, { name: "s1" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(f.services.update(actor, 999999, { name: "z" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await f.services.list({ search: "vpn" })).map((s) => s.name)).toEqual(["VPN access"]);
    expect((await f.services.list({ search: "S*" })).map((s) => s.name)).toContain("S1");
    expect(await f.services.list({ search: "%" })).toEqual([]);
  });
});
