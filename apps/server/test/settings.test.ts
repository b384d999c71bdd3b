import { DEFAULT_SETTINGS } from "@clientele/domain";
import { afterAll, beforeAll, expect, test } from "vitest";
import { failure, ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const ALL = `customerGroupSupport customerGroupAlwaysGroups customerGroupCompanyAlwaysGroups
  customerGroupOtherCustomersContext defaultServicesMode dynamicFieldFromCustomerUser
  dynamicFieldFromCustomerUserMapping { attribute dynamicField }`;
const UPDATE = `mutation($input: SettingsInput!) { updateSettings(input: $input) { ${ALL} } }`;

test("defaults: the domain's DEFAULT_SETTINGS", async () => {
  const { source: _, customerPasswordCryptType: __, ...editable } = DEFAULT_SETTINGS;
  expect(ok(await t.gql<{ settings: unknown }>(`{ settings { ${ALL} } }`)).settings).toEqual(editable);
});

test("update: fields left out keep their value", async () => {
  const updated = ok(
    await t.gql<{ updateSettings: Record<string, unknown> }>(UPDATE, {
      input: { customerGroupSupport: true, customerGroupAlwaysGroups: ["stats"] },
    }),
  ).updateSettings;
  expect(updated).toMatchObject({
    customerGroupSupport: true,
    customerGroupAlwaysGroups: ["stats"],
    customerGroupCompanyAlwaysGroups: ["users"],
    defaultServicesMode: "UNION",
  });
  const again = ok(
    await t.gql<{ updateSettings: unknown }>(UPDATE, { input: { defaultServicesMode: "FALLBACK" } }),
  );
  expect(again.updateSettings).toMatchObject({ customerGroupSupport: true, defaultServicesMode: "FALLBACK" });
  expect(ok(await t.gql<{ settings: unknown }>(`{ settings { ${ALL} } }`)).settings).toEqual(
    again.updateSettings,
  );
});

test("unknown groups in always-groups: BAD_USER_INPUT on that field, nothing saved", async () => {
  const before = ok(await t.gql<{ settings: unknown }>(`{ settings { ${ALL} } }`)).settings;
  const error = failure(
    await t.gql(UPDATE, {
      input: { customerGroupSupport: false, customerGroupAlwaysGroups: ["users", "nope"] },
    }),
  );
  expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "customerGroupAlwaysGroups" });
  expect(error.message).toContain("nope");
  expect(
    failure(await t.gql(UPDATE, { input: { customerGroupCompanyAlwaysGroups: ["ghosts"] } })).extensions,
  ).toMatchObject({ code: "BAD_USER_INPUT", field: "customerGroupCompanyAlwaysGroups" });
  expect(failure(await t.gql(UPDATE, { input: { defaultServicesMode: "SOMETIMES" } })).extensions?.code).toBe(
    "BAD_USER_INPUT",
  );
  expect(ok(await t.gql<{ settings: unknown }>(`{ settings { ${ALL} } }`)).settings).toEqual(before);
});

test("settings need a signed-in admin", async () => {
  const response = await t.raw(`{ settings { customerGroupSupport } }`);
  expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  const write = await t.raw(UPDATE, { input: { customerGroupSupport: true } });
  expect(write.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
});

test("standalone mode: the settings are Clientele's own, with no OTOBO password format", async () => {
  expect(
    ok(await t.gql<{ settings: unknown }>(`{ settings { source customerPasswordCryptType } }`)).settings,
  ).toEqual({ source: "CLIENTELE", customerPasswordCryptType: null });
});
