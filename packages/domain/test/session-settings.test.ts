/**
 * The session settings and prepared statements of db/client.ts: they reach PostgreSQL on every
 * connection of the pool, and reads with short parameter lists are prepared (one round trip).
 */
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { expect, test } from "vitest";
import { PREPARED_MAX_PARAMETERS, postgresClient, queryRows, socketFolderOf } from "../src/db/client";
import { createTestDatabase } from "../src/testing";

test("every connection Clientele opens plans without parallel workers, each run for its parameters", async () => {
  const database = await createTestDatabase({ driver: "postgres" });
  try {
    // Several at once, so more than one connection of the pool answers.
    const settings = await Promise.all(
      Array.from({ length: 4 }, () =>
        queryRows<{ workers: string; plans: string }>(
          database.db,
          sql`select current_setting('max_parallel_workers_per_gather') as workers,
                     current_setting('plan_cache_mode') as plans, pg_sleep(0.05)`,
        ),
      ),
    );
    expect(settings.map((rows) => rows[0])).toEqual(
      Array.from({ length: 4 }, () => ({ workers: "0", plans: "force_custom_plan", pg_sleep: "" })),
    );
  } finally {
    await database.drop();
  }
});

test("every connection writes UTC into OTOBO's timestamp columns, whatever PostgreSQL's timezone", async () => {
  const database = await createTestDatabase({ driver: "postgres" });
  try {
    // New sessions of this database start in Los Angeles time, as on a server installed there.
    await database.db.execute(
      sql.raw(
        `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone TO %L', current_database(), 'America/Los_Angeles'); END $$`,
      ),
    );
    const plain = postgres(database.url!, { max: 1, onnotice: () => {} });
    const client = await postgresClient(database.url!, { max: 1 });
    try {
      const [{ zone: plainZone }] = (await plain`select current_setting('TimeZone') as zone`) as [
        { zone: string },
      ];
      expect(plainZone).toBe("America/Los_Angeles"); // the database's setting is in force...
      const [row] =
        (await client`select current_setting('TimeZone') as zone, now()::timestamp::text as stamp`) as [
          { zone: string; stamp: string },
        ];
      // ...and Clientele's connections override it: now() into a timestamp column is UTC wall time.
      expect(row.zone).toBe("UTC");
      expect(Math.abs(Date.parse(`${row.stamp.replace(" ", "T")}Z`) - Date.now())).toBeLessThan(60_000);
    } finally {
      await plain.end({ timeout: 5 });
      await client.end({ timeout: 5 });
    }
  } finally {
    await database.drop();
  }
});

test("reads with up to PREPARED_MAX_PARAMETERS parameters are prepared, longer lists are not", async () => {
  const database = await createTestDatabase({ driver: "postgres" });
  const client = await postgresClient(database.url!, { max: 1 });
  try {
    const db = drizzle(client);
    const values = (n: number) =>
      sql.join(
        Array.from({ length: n }, (_, i) => sql`${`v${i}`}`),
        sql`, `,
      );
    await db.execute(sql`select 'short' as kind, ${"a"}::text as value`);
    await db.execute(sql`select 'limit' as kind, array[${values(PREPARED_MAX_PARAMETERS)}] as value`);
    await db.execute(sql`select 'long' as kind, array[${values(PREPARED_MAX_PARAMETERS + 1)}] as value`);
    const prepared = await client`select statement from pg_prepared_statements`;
    const kinds = prepared.map((r) => /'(short|limit|long)' as kind/.exec(String(r.statement))?.[1]);
    expect(kinds.filter(Boolean).sort()).toEqual(["limit", "short"]);
  } finally {
    await client.end({ timeout: 5 });
    await database.drop();
  }
});

test("a URL that names a Unix socket's folder as libpq does (?host=/folder) connects through it", async () => {
  const database = await createTestDatabase({ driver: "postgres" });
  const tcp = await postgresClient(database.url!, { max: 1 });
  try {
    const [{ folders }] = (await tcp`select current_setting('unix_socket_directories') as folders`) as [
      { folders: string },
    ];
    const folder = folders.split(",")[0]?.trim();
    if (!folder?.startsWith("/")) {
      throw new Error(
        `The test PostgreSQL has no Unix socket (unix_socket_directories = "${folders}"); give it one, as Debian's package does (/var/run/postgresql).`,
      );
    }
    const url = new URL(database.url!);
    url.searchParams.set("host", folder);
    expect(socketFolderOf(url.toString())).toEqual({ url: database.url, host: folder });
    const socket = await postgresClient(url.toString(), { max: 1 });
    try {
      // A connection through a socket has no server address; one over TCP has.
      const [through] = await socket`select inet_server_addr() as address, current_database() as name`;
      expect(through).toEqual({ address: null, name: url.pathname.slice(1) });
      const [overTcp] = await tcp`select inet_server_addr() as address`;
      expect(overTcp?.address).not.toBeNull();
    } finally {
      await socket.end({ timeout: 5 });
    }
  } finally {
    await tcp.end({ timeout: 5 });
    await database.drop();
  }
});

test("URLs without a socket folder are passed on as they are", () => {
  expect(socketFolderOf("postgres://otobo@db:5433/otobo?sslmode=require")).toEqual({
    url: "postgres://otobo@db:5433/otobo?sslmode=require",
  });
  expect(socketFolderOf("postgres://otobo@db/otobo?host=db2")).toEqual({
    url: "postgres://otobo@db/otobo?host=db2",
  });
  expect(socketFolderOf("not a url")).toEqual({ url: "not a url" });
});
