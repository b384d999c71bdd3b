import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/settings/service";
import { actor, type RelationFixture, relationFixture } from "../support/relations";

let f: RelationFixture;
beforeAll(async () => {
  f = await relationFixture();
});
afterAll(async () => f?.close());

test("defaults are OTOBO's (support off, users always) with UNION default services", async () => {
  expect(DEFAULT_SETTINGS).toMatchObject({
    source: "CLIENTELE",
    customerGroupSupport: false,
    customerGroupAlwaysGroups: ["users"],
    customerGroupCompanyAlwaysGroups: ["users"],
    customerGroupOtherCustomersContext: false,
    defaultServicesMode: "UNION",
    dynamicFieldFromCustomerUser: false,
  });
  expect(await f.settings.get()).toEqual(DEFAULT_SETTINGS);
});

test("update changes only the given keys, persists, and is audited with before/after", async () => {
  const after = await f.settings.update(actor, {
    customerGroupSupport: true,
    defaultServicesMode: "FALLBACK",
    customerGroupAlwaysGroups: ["users", "stats", "users"],
  });
  expect(after).toMatchObject({
    customerGroupSupport: true,
    defaultServicesMode: "FALLBACK",
    customerGroupAlwaysGroups: ["users", "stats"],
    customerGroupCompanyAlwaysGroups: ["users"],
  });
  expect(await f.settings.get()).toEqual(after);
  const [entry] = await f.app.audit.list("settings", "settings");
  expect(entry).toMatchObject({
    action: "update",
    before: {
      customerGroupSupport: false,
      defaultServicesMode: "UNION",
      customerGroupAlwaysGroups: ["users"],
    },
    after: {
      customerGroupSupport: true,
      defaultServicesMode: "FALLBACK",
      customerGroupAlwaysGroups: ["users", "stats"],
    },
  });
  // Nothing changed → no new audit entry.
  await f.settings.update(actor, { customerGroupSupport: true });
  expect((await f.app.audit.list("settings", "settings")).length).toBe(1);
  await f.settings.update(actor, { defaultServicesMode: "UNION", customerGroupSupport: false });
});

test("always-groups must name existing groups (BAD_USER_INPUT on that field); nothing is saved", async () => {
  const before = await f.settings.get();
  await expect(
    f.settings.update(actor, { customerGroupSupport: true, customerGroupAlwaysGroups: ["users", "nope"] }),
  ).rejects.toMatchObject({
    code: "BAD_USER_INPUT",
    extensions: { field: "customerGroupAlwaysGroups" },
    message: expect.stringContaining('"nope"'),
  });
  await expect(
    f.settings.update(actor, { customerGroupCompanyAlwaysGroups: ["Users"] }),
  ).rejects.toMatchObject({
    code: "BAD_USER_INPUT",
    extensions: { field: "customerGroupCompanyAlwaysGroups" },
  });
  await expect(f.settings.update(actor, { customerGroupAlwaysGroups: [""] })).rejects.toMatchObject({
    code: "BAD_USER_INPUT",
  });
  await expect(f.settings.update(actor, { defaultServicesMode: "BOTH" as "UNION" })).rejects.toMatchObject({
    code: "BAD_USER_INPUT",
    extensions: { field: "defaultServicesMode" },
  });
  expect(await f.settings.get()).toEqual(before);
  // An empty list is allowed: no always groups at all (CustomerGroup.t's configuration).
  expect(
    (await f.settings.update(actor, { customerGroupAlwaysGroups: [] })).customerGroupAlwaysGroups,
  ).toEqual([]);
  await f.settings.update(actor, { customerGroupAlwaysGroups: ["users"] });
});

test("dynamic-field mapping: each field once; unknown fields refused when a checker is wired", async () => {
  await f.app.dynamicFields.create(actor, { name: "CustomerNo", label: "Customer number" });
  const saved = await f.settings.update(actor, {
    dynamicFieldFromCustomerUser: true,
    dynamicFieldFromCustomerUserMapping: [{ attribute: "UserCustomerID", dynamicField: "CustomerNo" }],
  });
  expect(saved.dynamicFieldFromCustomerUserMapping).toEqual([
    { attribute: "UserCustomerID", dynamicField: "CustomerNo" },
  ]);
  await expect(
    f.settings.update(actor, {
      dynamicFieldFromCustomerUserMapping: [
        { attribute: "UserCity", dynamicField: "X" },
        { attribute: "UserZip", dynamicField: "X" },
      ],
    }),
  ).rejects.toMatchObject({
    code: "BAD_USER_INPUT",
    extensions: { field: "dynamicFieldFromCustomerUserMapping" },
  });
  const { SettingsService } = await import("../../src/settings/service");
  const checked = new SettingsService(f.db, {
    audit: f.app.audit,
    existingDynamicFields: async (names) => new Set(names.filter((n) => n === "Known")),
  });
  await expect(
    checked.update(actor, {
      dynamicFieldFromCustomerUserMapping: [
        { attribute: "UserCity", dynamicField: "Known" },
        { attribute: "UserZip", dynamicField: "Unknown" },
      ],
    }),
  ).rejects.toMatchObject({
    code: "BAD_USER_INPUT",
    extensions: { field: "dynamicFieldFromCustomerUserMapping" },
  });
});

test("a hand-edited unreadable value reads as the default instead of breaking every request", async () => {
  await f.db.execute(
    sql`insert into clientele.setting (key, value) values ('defaultServicesMode', '"SOMETIMES"') on conflict (key) do update set value = excluded.value`,
  );
  expect((await f.settings.get()).defaultServicesMode).toBe("UNION");
});
