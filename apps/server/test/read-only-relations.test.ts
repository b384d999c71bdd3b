/**
 * Users of a read-only backend still get group grants, services and effective permissions (kept in
 * the database by login), listed together with users of the writable backend in one batch.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;
let groupId = "";
let serviceId = "";

beforeAll(async () => {
  t = await startTestServer({
    config: {
      backends: [
        { module: "db", name: "Staff" },
        {
          module: "db",
          name: "Archive",
          id: "archive",
          params: { table: "customer_user_archive" },
          readOnly: true,
        },
      ],
    },
    prepare: async (db) => {
      await db.db.execute(sql`CREATE TABLE customer_user_archive (LIKE customer_user INCLUDING DEFAULTS)`);
      await db.db.execute(
        sql`INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by) VALUES ('C', 'C', 1, now(), 1, now(), 1), ('D', 'D', 1, now(), 1, now(), 1)`,
      );
      await db.db.execute(sql`INSERT INTO customer_user_archive (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
        VALUES ('Zed', 'zed@example.com', 'C', 'Zed', 'Old', 1, now(), 1, now(), 1), ('gone', 'gone@example.com', 'C', 'Gone', 'Old', 2, now(), 1, now(), 1)`);
    },
  });
  ok(
    await t.gql(
      `mutation { createCustomerUser(input: { login: "bob", firstName: "B", lastName: "B", email: "bob@x.example", customerId: "D", password: "long enough pw" }) { customerUser { login } } }`,
    ),
  );
  groupId = ok(
    await t.gql<{ createGroup: { id: string } }>(
      `mutation { createGroup(input: { name: "archive-readers" }) { id } }`,
    ),
  ).createGroup.id;
  serviceId = ok(
    await t.gql<{ createService: { id: string } }>(
      `mutation { createService(input: { name: "Archive" }) { id } }`,
    ),
  ).createService.id;
  ok(
    await t.gql(`mutation { updateSettings(input: { customerGroupSupport: true, customerGroupAlwaysGroups: [],
      customerGroupCompanyAlwaysGroups: [] }) { customerGroupSupport } }`),
  );
});
afterAll(() => t?.close());

test("grants and services on a read-only user, stored under its own login; invalid archive users get nothing", async () => {
  ok(
    await t.gql(
      `mutation($g: ID!) { setGroupCustomerUsers(groupId: $g, grants: [
      { login: "zed", permissions: [RW] }, { login: "GONE", permissions: [RO] }, { login: "bob", permissions: [RO] }]) { id } }`,
      {
        g: groupId,
      },
    ),
  );
  ok(
    await t.gql(`mutation($s: ID!) { setCustomerUserServices(login: "zed", serviceIds: [$s]) { login } }`, {
      s: serviceId,
    }),
  );
  ok(
    await t.gql(
      `mutation($g: ID!) { setCustomerGroups(customerId: "C", grants: [{ groupId: $g, permissions: [RO] }]) { customerId } }`,
      { g: groupId },
    ),
  );
  const rows = (await t.server.clientele.db.execute(
    sql`select user_id from group_customer_user order by user_id`,
  )) as unknown;
  expect(
    (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).map(
      (r) => (r as { user_id: string }).user_id,
    ),
  ).toEqual(["Zed", "bob", "gone"]);

  const list = ok(
    await t.gql<{ customerUsers: { nodes: unknown[] } }>(`{ customerUsers { nodes {
      login source readOnly groups { group { name } permissions }
      effectivePermissions { group { name } permissions via { via permission customerId } }
      services { name } effectiveServices { name } } } }`),
  );
  expect(list.customerUsers.nodes).toEqual([
    {
      login: "bob",
      source: "CustomerUser",
      readOnly: false,
      groups: [{ group: { name: "archive-readers" }, permissions: ["RO"] }],
      effectivePermissions: [
        {
          group: { name: "archive-readers" },
          permissions: ["RO"],
          via: [{ via: "DIRECT", permission: "RO", customerId: null }],
        },
      ],
      services: [],
      effectiveServices: [],
    },
    {
      login: "gone",
      source: "archive",
      readOnly: true,
      groups: [{ group: { name: "archive-readers" }, permissions: ["RO"] }],
      effectivePermissions: [],
      services: [],
      effectiveServices: [],
    },
    {
      login: "Zed",
      source: "archive",
      readOnly: true,
      groups: [{ group: { name: "archive-readers" }, permissions: ["RW"] }],
      effectivePermissions: [
        {
          group: { name: "archive-readers" },
          permissions: ["RO", "RW"],
          via: [
            { via: "DIRECT", permission: "RO", customerId: null },
            { via: "DIRECT", permission: "RW", customerId: null },
            { via: "CUSTOMER", permission: "RO", customerId: "C" },
          ],
        },
      ],
      services: [{ name: "Archive" }],
      effectiveServices: [{ name: "Archive" }],
    },
  ]);
});
