import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Clientele, createClientele } from "../../src/clientele";
import { loadConfig } from "../../src/config/backends";
import { queryRows } from "../../src/db/client";
import { createTestDatabase, type TestDatabase } from "../../src/testing";

// More rows than PostgreSQL's 65,535 bind parameters allow in one INSERT: the saves must batch.
const USERS = 12_000;
const actor = { id: 1, login: "root@localhost" };

let database: TestDatabase;
let app: Clientele;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await createClientele({ database, config: loadConfig(undefined) });
  await database.db.execute(
    sql`INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by) VALUES ('C', 'C', 1, now(), 1, now(), 1), ('D', 'D', 1, now(), 1, now(), 1)`,
  );
  await database.db.execute(sql`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
    SELECT 'u' || g, 'u' || g || '@example.com', 'C', 'U', 'Ser', 1, now(), 1, now(), 1 FROM generate_series(1, ${USERS}) g`);
});
afterAll(() => database?.drop());

const count = async (query: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: number }>(database.db, query))[0]?.n);

test(`a group's ${USERS.toLocaleString("en")} users are saved in one go, audited per user`, async () => {
  const logins = Array.from({ length: USERS }, (_, i) => `u${i + 1}`);
  const group = await app.groups.create(actor, { name: "everyone" });
  const started = Date.now();
  await app.groups.setGroupCustomerUsers(
    actor,
    group.id,
    logins.map((login) => ({ login, permissions: ["RO", "RW"] })),
  );
  const elapsed = Date.now() - started;
  expect(
    await count(sql`SELECT count(*)::int AS n FROM group_customer_user WHERE group_id = ${group.id}`),
  ).toBe(USERS);
  expect(
    await count(
      sql`SELECT count(*)::int AS n FROM clientele.audit_log WHERE entity_type = 'customer_user' AND action = 'set_groups'`,
    ),
  ).toBe(USERS);
  // Clearing the set again is one statement for the rows and a few for the audit entries.
  const cleared = Date.now();
  await app.groups.setGroupCustomerUsers(actor, group.id, []);
  expect(
    await count(sql`SELECT count(*)::int AS n FROM group_customer_user WHERE group_id = ${group.id}`),
  ).toBe(0);
  console.log(
    `setGroupCustomerUsers: ${USERS} users set in ${elapsed} ms, cleared in ${Date.now() - cleared} ms`,
  );
});

test(`a customer's ${USERS.toLocaleString("en")} extra users and a service's users are saved in one go`, async () => {
  const logins = Array.from({ length: USERS }, (_, i) => `u${i + 1}`);
  await app.customerUsers.setCustomerUsers("D", logins, actor);
  expect(
    await count(sql`SELECT count(*)::int AS n FROM customer_user_customer WHERE customer_id = 'D'`),
  ).toBe(USERS);
  const service = await app.services.create(actor, { name: "Email" });
  await app.services.setServiceCustomerUsers(actor, service.id, logins);
  expect(
    await count(sql`SELECT count(*)::int AS n FROM service_customer_user WHERE service_id = ${service.id}`),
  ).toBe(USERS);
});
