/** Services, default services and effective services through GraphQL over HTTP (docs/otobo-behaviour.md §7). */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { failure, ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;
const ids: Record<string, string> = {};

const SERVICE = `mutation($input: ServiceInput!) { createService(input: $input) { id name comment valid isDefault } }`;
const SET_USER = `mutation($login: String!, $ids: [ID!]!) { setCustomerUserServices(login: $login, serviceIds: $ids) {
  login services { name } effectiveServices { name } } }`;
const SET_SERVICE = `mutation($id: ID!, $logins: [String!]!) { setServiceCustomerUsers(serviceId: $id, logins: $logins) {
  name customerUsers { login } } }`;
const SET_DEFAULTS = `mutation($ids: [ID!]!) { setDefaultServices(serviceIds: $ids) { name isDefault } }`;
const MODE = `mutation($mode: DefaultServicesMode!) { updateSettings(input: { defaultServicesMode: $mode }) { defaultServicesMode } }`;
const ROW = `query($login: String!) { customerUser(login: $login) { services { name } effectiveServices { name } } }`;

/** [explicit, effective] service names of a user: OTOBO's list(login) without and with DefaultServices. */
async function lists(login: string): Promise<[string[], string[]]> {
  const r = ok(
    await t.gql<{ customerUser: { services: { name: string }[]; effectiveServices: { name: string }[] } }>(
      ROW,
      {
        login,
      },
    ),
  ).customerUser;
  return [r.services.map((s) => s.name), r.effectiveServices.map((s) => s.name)];
}

async function relationRows() {
  const r = (await t.server.clientele.db.execute(
    sql`select customer_user_login, service_id from service_customer_user order by 1, 2`,
  )) as unknown;
  const audit = (await t.server.clientele.db.execute(
    sql`select count(*)::int as n from clientele.audit_log`,
  )) as unknown;
  const rows = (x: unknown) => (Array.isArray(x) ? x : (x as { rows: unknown[] }).rows);
  return { rows: rows(r), audit: rows(audit) };
}

async function reset() {
  await t.server.clientele.db.execute(sql`delete from service_customer_user`);
}

beforeAll(async () => {
  t = await startTestServer();
  ok(await t.gql(`mutation { createCustomer(input: { customerId: "C1", name: "C1 Inc." }) { customerId } }`));
  for (const login of ["A", "B"]) {
    ok(
      await t.gql(
        `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`,
        {
          input: {
            login,
            firstName: "F",
            lastName: login,
            email: `${login}@clientele.test`,
            customerId: "C1",
            password: "long enough pw",
          },
        },
      ),
    );
  }
  for (const name of ["S1", "S2"]) {
    ids[name] = ok(
      await t.gql<{ createService: { id: string } }>(SERVICE, { input: { name } }),
    ).createService.id;
  }
});
afterAll(() => t?.close());

/** `service.name` holds 200 characters, 191 on an attached OTOBO (TEST_DRIVER=otobo). */
const nameMax = () => (t.server.clientele.flavour.product === "OTOBO" ? 191 : 200);

describe("CustomerUserService.t table", () => {
  test("FALLBACK reproduces OTOBO's table", async () => {
    await reset();
    expect(ok(await t.gql<{ updateSettings: unknown }>(MODE, { mode: "FALLBACK" })).updateSettings).toEqual({
      defaultServicesMode: "FALLBACK",
    });
    expect([await lists("A"), await lists("B")]).toEqual([
      [[], []],
      [[], []],
    ]);
    const defaults = ok(await t.gql<{ setDefaultServices: unknown }>(SET_DEFAULTS, { ids: [ids.S1] }));
    expect(defaults.setDefaultServices).toEqual([{ name: "S1", isDefault: true }]);
    expect([await lists("A"), await lists("B")]).toEqual([
      [[], ["S1"]],
      [[], ["S1"]],
    ]);
    const a = ok(await t.gql<{ setCustomerUserServices: unknown }>(SET_USER, { login: "A", ids: [ids.S2] }));
    expect(a.setCustomerUserServices).toEqual({
      login: "A",
      services: [{ name: "S2" }],
      effectiveServices: [{ name: "S2" }],
    });
    expect([await lists("A"), await lists("B")]).toEqual([
      [["S2"], ["S2"]],
      [[], ["S1"]],
    ]);
    ok(await t.gql(SET_USER, { login: "B", ids: [ids.S1, ids.S2] }));
    expect(await lists("B")).toEqual([
      ["S1", "S2"],
      ["S1", "S2"],
    ]);
  });

  test("UNION (the default) always includes the defaults", async () => {
    await reset();
    ok(await t.gql(MODE, { mode: "UNION" }));
    ok(await t.gql(SET_DEFAULTS, { ids: [ids.S1] }));
    expect([await lists("A"), await lists("B")]).toEqual([
      [[], ["S1"]],
      [[], ["S1"]],
    ]);
    ok(await t.gql(SET_USER, { login: "A", ids: [ids.S2] }));
    expect([await lists("A"), await lists("B")]).toEqual([
      [["S2"], ["S1", "S2"]],
      [[], ["S1"]],
    ]);
  });

  test("renaming A keeps its services", async () => {
    await reset();
    ok(await t.gql(SET_USER, { login: "A", ids: [ids.S2] }));
    ok(await t.gql(`mutation { updateCustomerUser(login: "A", input: { login: "A2" }) { login } }`));
    expect((await lists("A2"))[0]).toEqual(["S2"]);
    expect(ok(await t.gql<{ customerUser: null }>(ROW, { login: "A" })).customerUser).toBeNull();
    ok(await t.gql(`mutation { updateCustomerUser(login: "A2", input: { login: "A" }) { login } }`));
  });
});

describe("services from the service side, catalogue and defaults", () => {
  test("setServiceCustomerUsers replaces the users and keeps the default flag", async () => {
    await reset();
    ok(await t.gql(SET_DEFAULTS, { ids: [ids.S1] }));
    const set = ok(
      await t.gql<{ setServiceCustomerUsers: unknown }>(SET_SERVICE, { id: ids.S1, logins: ["b", "A"] }),
    );
    expect(set.setServiceCustomerUsers).toEqual({
      name: "S1",
      customerUsers: [{ login: "A" }, { login: "B" }],
    });
    ok(await t.gql(SET_SERVICE, { id: ids.S1, logins: [] }));
    const services = ok(
      await t.gql<{ services: unknown[]; defaultServices: unknown[] }>(
        `{ services { name isDefault customerUsers { login } } defaultServices { name } }`,
      ),
    );
    expect(services.services).toEqual([
      { name: "S1", isDefault: true, customerUsers: [] },
      { name: "S2", isDefault: false, customerUsers: [] },
    ]);
    expect(services.defaultServices).toEqual([{ name: "S1" }]);
  });

  test("create, update (valid), read, search; an invalid service is not effective", async () => {
    const vpn = ok(
      await t.gql<{ createService: { id: string } }>(SERVICE, {
        input: { name: "VPN", comment: "Remote access" },
      }),
    ).createService;
    expect(vpn).toMatchObject({ name: "VPN", comment: "Remote access", valid: "VALID", isDefault: false });
    ok(await t.gql(SET_USER, { login: "B", ids: [vpn.id] }));
    expect((await lists("B"))[1]).toContain("VPN");
    const updated = ok(
      await t.gql<{ updateService: unknown }>(
        `mutation($id: ID!) { updateService(id: $id, input: { valid: INVALID }) { name comment valid } }`,
        { id: vpn.id },
      ),
    );
    expect(updated.updateService).toEqual({ name: "VPN", comment: "Remote access", valid: "INVALID" });
    expect((await lists("B"))[1]).not.toContain("VPN");
    expect((await lists("B"))[0]).toContain("VPN");
    expect(
      ok(
        await t.gql<{ service: { name: string } }>(`query($id: ID!) { service(id: $id) { name } }`, {
          id: vpn.id,
        }),
      ).service.name,
    ).toBe("VPN");
    expect(
      ok(await t.gql<{ services: { name: string }[] }>(`{ services(search: "vp") { name } }`)).services,
    ).toEqual([{ name: "VPN" }]);
  });

  test("bad catalogue input names the field", async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: "" }, "BAD_USER_INPUT", "name"],
      [{ name: "s".repeat(nameMax() + 1) }, "BAD_USER_INPUT", "name"],
      [{ name: "ok", comment: "c".repeat(251) }, "BAD_USER_INPUT", "comment"],
      [{ name: "s1" }, "CONFLICT", "name"],
    ];
    for (const [input, code, field] of cases) {
      expect(failure(await t.gql(SERVICE, { input })).extensions, JSON.stringify(input)).toMatchObject({
        code,
        field,
      });
    }
    expect(
      ok(
        await t.gql<{ createService: { name: string } }>(SERVICE, { input: { name: "s".repeat(nameMax()) } }),
      ).createService.name,
    ).toHaveLength(nameMax());
  });
});

describe("bad input in set mutations: NOT_FOUND naming it, nothing written", () => {
  test("unknown login, unknown service ids", async () => {
    await reset();
    ok(await t.gql(SET_USER, { login: "A", ids: [ids.S1] }));
    ok(await t.gql(SET_DEFAULTS, { ids: [ids.S2] }));
    const before = await relationRows();
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      [SET_USER, { login: "ghost", ids: [ids.S2] }, "login", "ghost"],
      [SET_USER, { login: "A", ids: [ids.S2, "999999"] }, "serviceIds.1", "999999"],
      [SET_SERVICE, { id: ids.S2, logins: ["A", "ghost"] }, "logins.1", "ghost"],
      [SET_SERVICE, { id: "999999", logins: ["A"] }, "serviceId", "999999"],
      [SET_SERVICE, { id: ids.S2, logins: ["<DEFAULT>"] }, "logins.0", "<DEFAULT>"],
      [SET_DEFAULTS, { ids: [ids.S1, "nope"] }, "serviceIds.1", "nope"],
    ];
    for (const [query, variables, field, named] of cases) {
      const error = failure(await t.gql(query, variables));
      expect(error.extensions, JSON.stringify(variables)).toMatchObject({ code: "NOT_FOUND", field });
      expect(error.message).toContain(named);
    }
    expect(await relationRows()).toEqual(before);
  });
});
