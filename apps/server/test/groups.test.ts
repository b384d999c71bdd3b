/** Groups, grants from both sides and effective permissions through GraphQL over HTTP (docs/otobo-behaviour.md §6). */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { failure, ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;
const ids: Record<string, string> = {};

const USER = `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`;
const GROUP = `mutation($input: GroupInput!) { createGroup(input: $input) { id name comment valid } }`;
const SET_USER_GROUPS = `mutation($login: String!, $grants: [GroupGrantInput!]!) {
  setCustomerUserGroups(login: $login, grants: $grants) { login groups { group { name } permissions context } } }`;
const SET_GROUP_USERS = `mutation($id: ID!, $grants: [CustomerUserGrantInput!]!) {
  setGroupCustomerUsers(groupId: $id, grants: $grants) { name customerUsers { customerUser { login } permissions } } }`;
const SET_CUSTOMER_GROUPS = `mutation($id: String!, $grants: [GroupGrantInput!]!) {
  setCustomerGroups(customerId: $id, grants: $grants) { customerId groups { group { name } permissions context } } }`;
const SET_GROUP_CUSTOMERS = `mutation($id: ID!, $grants: [CustomerGrantInput!]!) {
  setGroupCustomers(groupId: $id, grants: $grants) { name customers { customer { customerId } permissions context } } }`;
const SETTINGS = `mutation($input: SettingsInput!) { updateSettings(input: $input) {
  customerGroupSupport customerGroupAlwaysGroups customerGroupCompanyAlwaysGroups customerGroupOtherCustomersContext defaultServicesMode } }`;
const EFFECTIVE = `query($login: String!) { customerUser(login: $login) {
  effectivePermissions { group { name } permissions via { via permission customerId } } } }`;

type Effective = {
  group: { name: string };
  permissions: string[];
  via: { via: string; permission: string; customerId: string | null }[];
};
const effective = async (login: string) =>
  ok(await t.gql<{ customerUser: { effectivePermissions: Effective[] } }>(EFFECTIVE, { login })).customerUser
    .effectivePermissions;
const names = async (login: string, permission: "RO" | "RW") =>
  (await effective(login)).filter((e) => e.permissions.includes(permission)).map((e) => e.group.name);

/** Every relation row and the audit count: a refused mutation must leave all of it as it was. */
async function snapshot() {
  const db = t.server.clientele.db;
  const rows = async (q: ReturnType<typeof sql>) => {
    const r = (await db.execute(q)) as unknown;
    return Array.isArray(r) ? r : (r as { rows: unknown[] }).rows;
  };
  return {
    users: await rows(
      sql`select user_id, group_id, permission_key, permission_value from group_customer_user order by 1, 2, 3`,
    ),
    customers: await rows(
      sql`select customer_id, group_id, permission_key, permission_context from group_customer order by 1, 2, 3, 4`,
    ),
    groups: await rows(sql`select id, name, comments, valid_id from groups_table order by id`),
    audit: await rows(sql`select count(*)::int as n from clientele.audit_log`),
  };
}

beforeAll(async () => {
  t = await startTestServer();
  for (const id of ["C1", "C2", "C3"]) {
    ok(
      await t.gql(`mutation($input: CustomerInput!) { createCustomer(input: $input) { customerId } }`, {
        input: { customerId: id, name: `${id} Inc.` },
      }),
    );
  }
  for (const [login, customerId] of [
    ["u1", "C1"],
    ["jdoe1", "C3"],
    ["jdoe2", "C3"],
  ] as const) {
    ok(
      await t.gql(USER, {
        input: {
          login,
          firstName: "F",
          lastName: login,
          email: `${login}@clientele.test`,
          customerId,
          password: "long enough pw",
        },
      }),
    );
  }
  for (const name of ["G1", "G2", "G3"]) {
    ids[name] = ok(await t.gql<{ createGroup: { id: string } }>(GROUP, { input: { name } })).createGroup.id;
  }
  ok(
    await t.gql(SETTINGS, {
      input: {
        customerGroupSupport: true,
        customerGroupAlwaysGroups: [],
        customerGroupCompanyAlwaysGroups: [],
      },
    }),
  );
});
afterAll(() => t?.close());

describe("group catalogue", () => {
  test("create, read, update, list with search; no delete", async () => {
    const created = ok(
      await t.gql<{ createGroup: { id: string; valid: string } }>(GROUP, {
        input: { name: "partners", comment: "External", valid: "INVALID_TEMPORARILY" },
      }),
    ).createGroup;
    expect(created).toMatchObject({ name: "partners", comment: "External", valid: "INVALID_TEMPORARILY" });
    const updated = ok(
      await t.gql<{ updateGroup: unknown }>(
        `mutation($id: ID!, $input: GroupInput!) { updateGroup(id: $id, input: $input) { name comment valid } }`,
        { id: created.id, input: { valid: "VALID" } },
      ),
    ).updateGroup;
    expect(updated).toEqual({ name: "partners", comment: "External", valid: "VALID" });
    const one = ok(
      await t.gql<{ group: { name: string } }>(`query($id: ID!) { group(id: $id) { name } }`, {
        id: created.id,
      }),
    );
    expect(one.group.name).toBe("partners");
    expect(ok(await t.gql<{ group: null }>(`{ group(id: "999999") { name } }`)).group).toBeNull();
    expect(ok(await t.gql<{ group: null }>(`{ group(id: "abc") { name } }`)).group).toBeNull();
    const listed = ok(
      await t.gql<{ groups: { name: string }[] }>(`{ groups(search: "part") { name } }`),
    ).groups;
    expect(listed.map((g) => g.name)).toEqual(["partners"]);
    const schema = ok(
      await t.gql<{ __type: { fields: { name: string }[] } }>(
        `{ __type(name: "Mutation") { fields { name } } }`,
      ),
    );
    expect(schema.__type.fields.map((f) => f.name).filter((n) => /delete/i.test(n))).toEqual([]);
  });

  test("bad input names the field; duplicates conflict; nothing is written", async () => {
    const before = await snapshot();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: "" }, "BAD_USER_INPUT", "name"],
      [{ name: "n".repeat(192) }, "BAD_USER_INPUT", "name"],
      [{ name: "ok", comment: "c".repeat(251) }, "BAD_USER_INPUT", "comment"],
      [{ name: "USERS" }, "CONFLICT", "name"],
    ];
    expect(failure(await t.gql(GROUP, { input: { name: "Users" } })).extensions).toMatchObject({
      code: "CONFLICT",
      params: { value: "users" },
    });
    for (const [input, code, field] of cases) {
      expect(failure(await t.gql(GROUP, { input })).extensions, JSON.stringify(input)).toMatchObject({
        code,
        field,
      });
    }
    expect(failure(await t.gql(GROUP, { input: { comment: "no name" } })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "name",
    });
    expect(await snapshot()).toEqual(before);
  });

  test("unauthenticated callers are refused", async () => {
    const response = await t.raw(`{ groups { name } }`);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("GroupMemberAdd sequence through the API (§6.1)", () => {
  test("ro, then ro again, then rw: rw implies ro; raw groups show what is stored", async () => {
    let r = ok(
      await t.gql<{ setCustomerUserGroups: { groups: unknown[] } }>(SET_USER_GROUPS, {
        login: "u1",
        grants: [{ groupId: ids.G1, permissions: ["RO"] }],
      }),
    );
    expect(r.setCustomerUserGroups.groups).toEqual([
      { group: { name: "G1" }, permissions: ["RO"], context: null },
    ]);
    expect(await names("u1", "RO")).toEqual(["G1"]);
    expect(await names("u1", "RW")).toEqual([]);

    r = ok(
      await t.gql(SET_USER_GROUPS, { login: "U1", grants: [{ groupId: ids.G1, permissions: ["RO", "RW"] }] }),
    );
    expect(r.setCustomerUserGroups.groups).toEqual([
      { group: { name: "G1" }, permissions: ["RW"], context: null },
    ]);
    expect(await effective("u1")).toEqual([
      {
        group: { name: "G1" },
        permissions: ["RO", "RW"],
        via: [
          { via: "DIRECT", permission: "RO", customerId: null },
          { via: "DIRECT", permission: "RW", customerId: null },
        ],
      },
    ]);

    ok(await t.gql(SET_USER_GROUPS, { login: "u1", grants: [{ groupId: ids.G1, permissions: [] }] }));
    expect(await effective("u1")).toEqual([]);
  });

  test("permissions other than RO/RW are refused by the schema, and nothing changes", async () => {
    ok(await t.gql(SET_USER_GROUPS, { login: "u1", grants: [{ groupId: ids.G2, permissions: ["RO"] }] }));
    const before = await snapshot();
    const error = failure(
      await t.gql(SET_USER_GROUPS, {
        login: "u1",
        grants: [{ groupId: ids.G1, permissions: ["MOVE_INTO"] }],
      }),
    );
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    const ctx = failure(
      await t.gql(SET_GROUP_CUSTOMERS, {
        id: ids.G1,
        grants: [{ customerId: "C1", permissions: ["RO"], context: "Ticket::CustomerID::Same" }],
      }),
    );
    expect(ctx.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await snapshot()).toEqual(before);
    ok(await t.gql(SET_USER_GROUPS, { login: "u1", grants: [] }));
  });
});

describe("inheritance via customers and contexts (§6.2, §6.5)", () => {
  test("company rw on G1 gives u1 rw via customer C1; raw grants stay empty", async () => {
    const set = ok(
      await t.gql<{ setCustomerGroups: unknown }>(SET_CUSTOMER_GROUPS, {
        id: "C1",
        grants: [{ groupId: ids.G1, permissions: ["RW"] }],
      }),
    );
    expect(set.setCustomerGroups).toEqual({
      customerId: "C1",
      groups: [{ group: { name: "G1" }, permissions: ["RW"], context: "SAME_CUSTOMER" }],
    });
    expect(await effective("u1")).toEqual([
      {
        group: { name: "G1" },
        permissions: ["RO", "RW"],
        via: [
          { via: "CUSTOMER", permission: "RO", customerId: "C1" },
          { via: "CUSTOMER", permission: "RW", customerId: "C1" },
        ],
      },
    ]);
    const raw = ok(
      await t.gql<{ customerUser: { groups: unknown[] } }>(
        `{ customerUser(login: "u1") { groups { permissions } } }`,
      ),
    );
    expect(raw.customerUser.groups).toEqual([]);
  });

  test("direct ro on G1–G3 and company rw on G3 → rw only on G3", async () => {
    ok(
      await t.gql(SET_USER_GROUPS, {
        login: "u1",
        grants: ["G1", "G2", "G3"].map((g) => ({ groupId: ids[g], permissions: ["RO"] })),
      }),
    );
    ok(await t.gql(SET_CUSTOMER_GROUPS, { id: "C1", grants: [] }));
    const g3 = ok(
      await t.gql<{ setGroupCustomers: unknown }>(SET_GROUP_CUSTOMERS, {
        id: ids.G3,
        grants: [{ customerId: "c1", permissions: ["RW"] }],
      }),
    );
    expect(g3.setGroupCustomers).toEqual({
      name: "G3",
      customers: [{ customer: { customerId: "C1" }, permissions: ["RW"], context: "SAME_CUSTOMER" }],
    });
    expect(await names("u1", "RW")).toEqual(["G3"]);
    expect(await names("u1", "RO")).toEqual(["G1", "G2", "G3"]);
    ok(await t.gql(SET_USER_GROUPS, { login: "u1", grants: [] }));
    ok(await t.gql(SET_GROUP_CUSTOMERS, { id: ids.G3, grants: [] }));
  });

  test("an extra customer's grant shows up via that customer", async () => {
    ok(await t.gql(SET_CUSTOMER_GROUPS, { id: "C2", grants: [{ groupId: ids.G2, permissions: ["RO"] }] }));
    expect(await names("u1", "RO")).toEqual([]);
    ok(await t.gql(`mutation { setCustomerUserCustomers(login: "u1", customerIds: ["C2"]) { login } }`));
    expect(await effective("u1")).toEqual([
      {
        group: { name: "G2" },
        permissions: ["RO"],
        via: [{ via: "CUSTOMER", permission: "RO", customerId: "C2" }],
      },
    ]);
    ok(await t.gql(`mutation { setCustomerUserCustomers(login: "u1", customerIds: []) { login } }`));
    ok(await t.gql(SET_CUSTOMER_GROUPS, { id: "C2", grants: [] }));
  });

  test("GroupContextCustomers case 2 and the disabled context", async () => {
    const query = `{ customerUser(login: "u1") { contextCustomerIds } }`;
    ok(
      await t.gql(SET_GROUP_CUSTOMERS, {
        id: ids.G1,
        grants: [
          { customerId: "C1", permissions: ["RO"], context: "SAME_CUSTOMER" },
          { customerId: "C1", permissions: ["RO"], context: "OTHER_CUSTOMERS" },
          { customerId: "C2", permissions: ["RO"] },
        ],
      }),
    );
    expect(
      ok(await t.gql<{ customerUser: { contextCustomerIds: string[] } }>(query)).customerUser
        .contextCustomerIds,
    ).toEqual(["C1"]);
    ok(await t.gql(SETTINGS, { input: { customerGroupOtherCustomersContext: true } }));
    expect(
      ok(await t.gql<{ customerUser: { contextCustomerIds: string[] } }>(query)).customerUser
        .contextCustomerIds,
    ).toEqual(["C1", "C2"]);
    ok(await t.gql(SETTINGS, { input: { customerGroupOtherCustomersContext: false } }));
    ok(await t.gql(SET_GROUP_CUSTOMERS, { id: ids.G1, grants: [] }));
  });

  test("Group.customers and Customer.groups read the same grants from both sides", async () => {
    ok(
      await t.gql(SET_CUSTOMER_GROUPS, {
        id: "C3",
        grants: [{ groupId: ids.G2, permissions: ["RO"], context: "OTHER_CUSTOMERS" }],
      }),
    );
    const group = ok(
      await t.gql<{ group: unknown }>(
        `query($id: ID!) { group(id: $id) { customers { customer { customerId } permissions context } } }`,
        { id: ids.G2 },
      ),
    );
    expect(group.group).toEqual({
      customers: [{ customer: { customerId: "C3" }, permissions: ["RO"], context: "OTHER_CUSTOMERS" }],
    });
    const customer = ok(
      await t.gql<{ customer: unknown }>(
        `{ customer(customerId: "C3") { groups { group { name } permissions context } } }`,
      ),
    );
    expect(customer.customer).toEqual({
      groups: [{ group: { name: "G2" }, permissions: ["RO"], context: "OTHER_CUSTOMERS" }],
    });
    ok(await t.gql(SET_CUSTOMER_GROUPS, { id: "C3", grants: [] }));
  });
});

describe("invalid users and groups (§6.7)", () => {
  test("jdoe1 and jdoe2 with ro; jdoe2 invalid → only jdoe1 has it, the raw grant stays", async () => {
    const set = ok(
      await t.gql<{ setGroupCustomerUsers: { customerUsers: unknown[] } }>(SET_GROUP_USERS, {
        id: ids.G3,
        grants: [
          { login: "jdoe1", permissions: ["RO"] },
          { login: "jdoe2", permissions: ["RO"] },
        ],
      }),
    );
    expect(set.setGroupCustomerUsers.customerUsers).toEqual([
      { customerUser: { login: "jdoe1" }, permissions: ["RO"] },
      { customerUser: { login: "jdoe2" }, permissions: ["RO"] },
    ]);
    ok(await t.gql(`mutation { updateCustomerUser(login: "jdoe2", input: { valid: INVALID }) { login } }`));
    expect(await names("jdoe1", "RO")).toEqual(["G3"]);
    expect(await effective("jdoe2")).toEqual([]);
    const members = ok(
      await t.gql<{ group: { effectiveCustomerUsers: unknown } }>(
        `query($id: ID!) { group(id: $id) { effectiveCustomerUsers(permission: RO) { everyone customerUsers { login } } } }`,
        { id: ids.G3 },
      ),
    );
    expect(members.group.effectiveCustomerUsers).toEqual({
      everyone: false,
      customerUsers: [{ login: "jdoe1" }],
    });
    const group = ok(
      await t.gql<{ group: { customerUsers: unknown[] } }>(
        `query($id: ID!) { group(id: $id) { customerUsers { customerUser { login valid } } } }`,
        { id: ids.G3 },
      ),
    );
    expect(group.group.customerUsers).toHaveLength(2);
  });

  test("an invalid group grants nothing", async () => {
    ok(
      await t.gql(`mutation($id: ID!) { updateGroup(id: $id, input: { valid: INVALID }) { valid } }`, {
        id: ids.G3,
      }),
    );
    expect(await names("jdoe1", "RO")).toEqual([]);
    ok(
      await t.gql(`mutation($id: ID!) { updateGroup(id: $id, input: { valid: VALID }) { valid } }`, {
        id: ids.G3,
      }),
    );
    expect(await names("jdoe1", "RO")).toEqual(["G3"]);
  });

  test("support off: every valid group, via ALWAYS; always-groups come back when support is on", async () => {
    ok(await t.gql(SETTINGS, { input: { customerGroupSupport: false } }));
    const all = ok(await t.gql<{ groups: { name: string; valid: string }[] }>(`{ groups { name valid } }`))
      .groups.filter((g) => g.valid === "VALID")
      .map((g) => g.name);
    const list = await effective("u1");
    expect(list.map((e) => e.group.name)).toEqual(all);
    expect(list.every((e) => e.via.every((v) => v.via === "ALWAYS"))).toBe(true);
    expect(await effective("jdoe2")).toEqual([]);
    const settings = ok(
      await t.gql<{ updateSettings: unknown }>(SETTINGS, {
        input: {
          customerGroupSupport: true,
          customerGroupAlwaysGroups: ["users"],
          customerGroupCompanyAlwaysGroups: ["stats"],
        },
      }),
    );
    expect(settings.updateSettings).toEqual({
      customerGroupSupport: true,
      customerGroupAlwaysGroups: ["users"],
      customerGroupCompanyAlwaysGroups: ["stats"],
      customerGroupOtherCustomersContext: false,
      defaultServicesMode: "UNION",
    });
    expect(await effective("u1")).toEqual([
      {
        group: { name: "stats" },
        permissions: ["RO", "RW"],
        via: [
          { via: "COMPANY_ALWAYS", permission: "RO", customerId: "C1" },
          { via: "COMPANY_ALWAYS", permission: "RW", customerId: "C1" },
        ],
      },
      {
        group: { name: "users" },
        permissions: ["RO", "RW"],
        via: [
          { via: "ALWAYS", permission: "RO", customerId: null },
          { via: "ALWAYS", permission: "RW", customerId: null },
        ],
      },
    ]);
    ok(
      await t.gql(SETTINGS, {
        input: { customerGroupAlwaysGroups: [], customerGroupCompanyAlwaysGroups: [] },
      }),
    );
  });
});

describe("bad input in set mutations: NOT_FOUND naming it, nothing written", () => {
  test("unknown login, group, customer", async () => {
    ok(await t.gql(SET_USER_GROUPS, { login: "u1", grants: [{ groupId: ids.G1, permissions: ["RO"] }] }));
    ok(await t.gql(SET_CUSTOMER_GROUPS, { id: "C1", grants: [{ groupId: ids.G2, permissions: ["RO"] }] }));
    const before = await snapshot();
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      [
        SET_USER_GROUPS,
        { login: "ghost", grants: [{ groupId: ids.G1, permissions: ["RO"] }] },
        "login",
        "ghost",
      ],
      [
        SET_USER_GROUPS,
        {
          login: "u1",
          grants: [
            { groupId: ids.G2, permissions: ["RW"] },
            { groupId: "424242", permissions: ["RO"] },
          ],
        },
        "grants.1.groupId",
        "424242",
      ],
      [
        SET_GROUP_USERS,
        {
          id: ids.G1,
          grants: [
            { login: "jdoe1", permissions: ["RO"] },
            { login: "ghost", permissions: ["RO"] },
          ],
        },
        "grants.1.login",
        "ghost",
      ],
      [SET_GROUP_USERS, { id: "424242", grants: [] }, "groupId", "424242"],
      [
        SET_CUSTOMER_GROUPS,
        { id: "NOPE", grants: [{ groupId: ids.G1, permissions: ["RO"] }] },
        "customerId",
        "NOPE",
      ],
      [
        SET_CUSTOMER_GROUPS,
        { id: "C2", grants: [{ groupId: "x", permissions: ["RO"] }] },
        "grants.0.groupId",
        '"x"',
      ],
      [
        SET_GROUP_CUSTOMERS,
        {
          id: ids.G1,
          grants: [
            { customerId: "C2", permissions: ["RO"] },
            { customerId: "NOPE", permissions: ["RO"] },
          ],
        },
        "grants.1.customerId",
        "NOPE",
      ],
    ];
    for (const [query, variables, field, named] of cases) {
      const error = failure(await t.gql(query, variables));
      expect(error.extensions, JSON.stringify(variables)).toMatchObject({ code: "NOT_FOUND", field });
      expect(error.message).toContain(named);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("history of groups and services", () => {
  test("every write is listed newest first, paged with limit and offset", async () => {
    const created = ok(await t.gql<{ createGroup: { id: string } }>(GROUP, { input: { name: "hist-g" } }));
    const id = created.createGroup.id;
    for (const comment of ["first", "second"]) {
      ok(
        await t.gql(
          `mutation($id: ID!, $c: String) { updateGroup(id: $id, input: { comment: $c }) { id } }`,
          {
            id,
            c: comment,
          },
        ),
      );
    }
    const HISTORY = `query($id: ID!, $l: Int, $o: Int) { group(id: $id) { history(limit: $l, offset: $o) { actor action before after } } }`;
    type History = {
      group: { history: { actor: string; action: string; before: string | null; after: string }[] };
    };
    const all = ok(await t.gql<History>(HISTORY, { id })).group.history;
    expect(all.map((h) => h.action)).toEqual(["update", "update", "create"]);
    expect(JSON.parse(all[0]!.before!)).toMatchObject({ comment: "first" });
    expect(JSON.parse(all[0]!.after)).toMatchObject({ comment: "second" });
    const second = ok(await t.gql<History>(HISTORY, { id, l: 1, o: 1 })).group.history;
    expect(second).toHaveLength(1);
    expect(JSON.parse(second[0]!.after)).toMatchObject({ comment: "first" });
    expect(failure(await t.gql(HISTORY, { id, o: -1 })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "offset",
    });
    expect(failure(await t.gql(HISTORY, { id, l: 0 })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "limit",
    });
    const service = ok(
      await t.gql<{ createService: { id: string } }>(
        `mutation { createService(input: { name: "hist-s" }) { id } }`,
      ),
    ).createService;
    const serviceHistory = ok(
      await t.gql<{ service: { history: { action: string }[] } }>(
        `query($id: ID!) { service(id: $id) { history { action } } }`,
        { id: service.id },
      ),
    ).service.history;
    expect(serviceHistory.map((h) => h.action)).toEqual(["create"]);
  });
});

describe("adding many customer users to a group", () => {
  test("adds in one go, keeps existing grants, refuses unknown logins without writing", async () => {
    const group = ok(await t.gql<{ createGroup: { id: string } }>(GROUP, { input: { name: "bulk-add" } }))
      .createGroup.id;
    const ADD = `mutation($g: ID!, $l: [String!]!, $p: [GroupPermission!]!) {
      addCustomerUsersToGroup(groupId: $g, logins: $l, permissions: $p) { requested changed } }`;
    const USERS = `query($id: ID!) { group(id: $id) { customerUsers { customerUser { login } permissions } } }`;
    type Users = { group: { customerUsers: { customerUser: { login: string }; permissions: string[] }[] } };
    const grants = async () =>
      Object.fromEntries(
        ok(await t.gql<Users>(USERS, { id: group })).group.customerUsers.map((g) => [
          g.customerUser.login,
          g.permissions,
        ]),
      );
    const [first, second] = ["jdoe1", "jdoe2"] as const;
    expect(
      ok(await t.gql<{ addCustomerUsersToGroup: unknown }>(ADD, { g: group, l: [first], p: ["RW"] }))
        .addCustomerUsersToGroup,
    ).toEqual({ requested: 1, changed: 1 });
    const before = await grants();
    expect(
      failure(await t.gql(ADD, { g: group, l: [second, "no-such-login"], p: ["RO"] })).extensions,
    ).toMatchObject({
      code: "NOT_FOUND",
      field: "logins",
      params: { value: "no-such-login" },
    });
    expect(await grants()).toEqual(before);
    expect(
      ok(await t.gql<{ addCustomerUsersToGroup: unknown }>(ADD, { g: group, l: [first, second], p: ["RO"] }))
        .addCustomerUsersToGroup,
    ).toEqual({ requested: 2, changed: 1 });
    const after = await grants();
    // RW already includes RO: the first user's grant stays as it was.
    expect(after[first]).toEqual(before[first]);
    expect(after[first]).toContain("RW");
    expect(after[second]).toEqual(["RO"]);
    expect(failure(await t.gql(ADD, { g: group, l: [first], p: [] })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "permissions",
    });
  });
});
