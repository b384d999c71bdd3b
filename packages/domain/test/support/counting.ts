import { sql } from "drizzle-orm";
import { createClientele } from "../../src/clientele";
import { loadConfig } from "../../src/config/backends";
import { type Database, postgresClient } from "../../src/db/client";
import * as schema from "../../src/db/schema";
import { watchWrites } from "../../src/db/write-clock";

/**
 * The domain over a postgres.js client whose `debug` hook counts every statement sent to the
 * server, so tests and the benchmark can show how many queries an operation costs.
 */
export async function countingClientele(url: string) {
  const { database, counter } = await openCountingDatabase(url);
  const app = await createClientele({ database, config: loadConfig(undefined) });
  const { groups, services, settings, permissions } = app;
  const rel = { groups, services, settings, permissions };
  /** Runs `work` and returns how many statements it sent. */
  const count = async <T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; queries: number; statements: string[] }> => {
    counter.queries = 0;
    counter.statements = [];
    const result = await work();
    return { result, queries: counter.queries, statements: [...counter.statements] };
  };
  return { app, ...rel, count, db: database.db, close: () => database.close() };
}

/** A PostgreSQL database handle whose every statement is counted in `counter`. */
export async function openCountingDatabase(url: string) {
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const counter = { queries: 0, statements: [] as string[] };
  // The server's client (session settings, prepared statements), with every statement counted.
  const client = await postgresClient(url, {
    debug: (_connection, query) => {
      // postgres.js reads the array types once on each new connection: set-up, not the operation's work.
      if (query.includes("from pg_catalog.pg_type")) return;
      counter.queries += 1;
      counter.statements.push(query);
    },
  });
  const db = drizzle(client, { schema }) as unknown as Database["db"];
  // As openDatabase does: identical overlapping searches are shared, never across a write.
  watchWrites(db);
  const database: Database = {
    db,
    driver: "postgres",
    mode: "standalone",
    flavour: { product: "Clientele", version: "", groupsTable: "groups_table", server: "" },
    close: () => client.end({ timeout: 5 }),
  };
  return { database, counter };
}

/**
 * Seeds `users` customer users spread over 50 customers, each with two extra customers, direct
 * grants, customer grants in both contexts, services and default services — straight in SQL, so
 * seeding 10,000 takes a second.
 */
export async function seedPermissionScenario(db: Database["db"], users: number): Promise<void> {
  await db.execute(sql`insert into customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
    select 'co' || i, 'Company ' || i, 1, now(), 1, now(), 1 from generate_series(1, 50) i on conflict do nothing`);
  await db.execute(sql`insert into groups_table (name, valid_id, create_time, create_by, change_time, change_by)
    select 'group' || i, 1, now(), 1, now(), 1 from generate_series(1, 20) i on conflict do nothing`);
  await db.execute(sql`insert into service (name, valid_id, create_time, create_by, change_time, change_by)
    select 'service' || i, 1, now(), 1, now(), 1 from generate_series(1, 20) i on conflict do nothing`);
  await db.execute(sql`insert into customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
    select 'user' || lpad(i::text, 6, '0'), 'user' || i || '@clientele.test', 'co' || (i % 50 + 1), 'First', 'Last' || i, 1, now(), 1, now(), 1
    from generate_series(1, ${users}) i on conflict do nothing`);
  await db.execute(sql`insert into customer_user_customer (user_id, customer_id, create_time, create_by, change_time, change_by)
    select 'user' || lpad(i::text, 6, '0'), 'co' || ((i + k) % 50 + 1), now(), 1, now(), 1
    from generate_series(1, ${users}) i, generate_series(7, 8) k on conflict do nothing`);
  await db.execute(sql`insert into group_customer_user (user_id, group_id, permission_key, permission_value, create_time, create_by, change_time, change_by)
    select 'user' || lpad(i::text, 6, '0'), g.id, case when i % 2 = 0 then 'rw' else 'ro' end, 1, now(), 1, now(), 1
    from generate_series(1, ${users}) i
    join groups_table g on g.name in ('group' || (i % 20 + 1), 'group' || ((i + 3) % 20 + 1))
    on conflict do nothing`);
  await db.execute(sql`insert into group_customer (customer_id, group_id, permission_key, permission_value, permission_context, create_time, create_by, change_time, change_by)
    select 'co' || c, g.id, 'ro', 1, ctx, now(), 1, now(), 1
    from generate_series(1, 50) c
    join groups_table g on g.name = 'group' || (c % 20 + 1)
    cross join (values ('Ticket::CustomerID::Same'), ('Ticket::CustomerID::Other')) v(ctx)
    on conflict do nothing`);
  await db.execute(sql`insert into service_customer_user (customer_user_login, service_id, create_time, create_by)
    select 'user' || lpad(i::text, 6, '0'), s.id, now(), 1 from generate_series(1, ${users}) i
    join service s on s.name = 'service' || (i % 20 + 1) on conflict do nothing`);
  await db.execute(sql`insert into service_customer_user (customer_user_login, service_id, create_time, create_by)
    select '<DEFAULT>', id, now(), 1 from service where name in ('service1', 'service2') on conflict do nothing`);
  await db.execute(sql`insert into clientele.setting (key, value) values
    ('customerGroupSupport', 'true'), ('customerGroupOtherCustomersContext', 'true')
    on conflict (key) do update set value = excluded.value`);
  await db.execute(sql`analyze`);
}
