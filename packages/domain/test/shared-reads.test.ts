/**
 * Identical searches that overlap share one statement (shared/shared-reads.ts), and a search asked
 * after a write has committed never gets the answer of one that started before it.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { WriteClock, writeClockOf } from "../src/db/write-clock";
import { SharedReads } from "../src/shared/shared-reads";
import { createTestDatabase, type TestDatabase } from "../src/testing";
import { countingClientele, seedPermissionScenario } from "./support/counting";

let database: TestDatabase;
let c: Awaited<ReturnType<typeof countingClientele>>;
const actor = { id: 1, login: "root@localhost", role: "ADMIN" as const };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedPermissionScenario(database.db, 300);
  c = await countingClientele(database.url!);
});
afterAll(async () => {
  await c?.close();
  await database?.drop();
});

test("ten identical searches asked at once send one search statement", async () => {
  const alone = await c.count(() => c.app.customerUsers.search({ search: "user0001*" }));
  expect(alone.result.nodes.length).toBe(100);
  const together = await c.count(() =>
    Promise.all(Array.from({ length: 10 }, () => c.app.customerUsers.search({ search: "user0001*" }))),
  );
  expect(together.queries).toBe(alone.queries);
  for (const result of together.result) {
    expect(result.nodes.map((n) => n.login)).toEqual(alone.result.nodes.map((n) => n.login));
  }
  // Different searches are not shared.
  const different = await c.count(() =>
    Promise.all([
      c.app.customerUsers.search({ search: "user0001*" }),
      c.app.customerUsers.search({ search: "user0002*" }),
      c.app.customerUsers.search({ search: "user0001*", limit: 5 }),
    ]),
  );
  expect(different.queries).toBe(3 * alone.queries);
});

test("a search asked after a committed write sees it, even while an older identical search runs", async () => {
  const clock = writeClockOf(c.db)!;
  const started = clock.now();
  const before = c.app.customerUsers.search({ search: "shared-reads*" });
  await c.app.customerUsers.create(
    {
      login: "shared-reads-new",
      firstName: "New",
      lastName: "User",
      email: "new@shared.test",
      customerId: "co1",
      valid: 1,
    },
    actor,
  );
  // The write's transaction moved the clock: nothing started before it is joined any more.
  expect(clock.unchangedSince(started)).toBe(false);
  const after = await c.app.customerUsers.search({ search: "shared-reads*" });
  expect(after.nodes.map((n) => n.login)).toEqual(["shared-reads-new"]);
  await before;
});

test("SharedReads joins a running read only when no transaction ended since it started", async () => {
  const clock = new WriteClock();
  const reads = new SharedReads<string>(clock);
  let calls = 0;
  const release: Array<(value: string) => void> = [];
  const read = () => {
    calls += 1;
    return new Promise<string>((resolve) => release.push(resolve));
  };
  const first = reads.run("k", read);
  const joined = reads.run("k", read);
  expect(calls).toBe(1);
  clock.wrote();
  const afterWrite = reads.run("k", read);
  expect(calls).toBe(2);
  const joinedAfterWrite = reads.run("k", read);
  expect(calls).toBe(2);
  release[0]!("old");
  release[1]!("new");
  expect(await first).toBe("old");
  expect(await joined).toBe("old");
  expect(await afterWrite).toBe("new");
  expect(await joinedAfterWrite).toBe("new");
  // Finished reads are forgotten: the next one runs again.
  const later = reads.run("k", read);
  expect(calls).toBe(3);
  release[2]!("later");
  expect(await later).toBe("later");
  // A failed read fails everyone who joined it, and is forgotten too.
  const failing = reads.run("f", () => Promise.reject(new Error("down")));
  const failingJoined = reads.run("f", read);
  await expect(failing).rejects.toThrow("down");
  await expect(failingJoined).rejects.toThrow("down");
  // Without a clock (a handle not opened by openDatabase) nothing is shared.
  const unshared = new SharedReads<string>(null);
  let plain = 0;
  await Promise.all([
    unshared.run("k", async () => `${++plain}`),
    unshared.run("k", async () => `${++plain}`),
  ]);
  expect(plain).toBe(2);
});
