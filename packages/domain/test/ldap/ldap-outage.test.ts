import { freePort, personLdif } from "@clientele/slapd";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { LdapCustomerUserSource } from "../../src/customer-users/sources/ldap-source";
import { SourceUnavailableError } from "../../src/errors";
import { parseSearch } from "../../src/search/search-syntax";
import { ldapBackend, type Slapd, startSlapd } from "./helpers";

/**
 * A directory that goes away: stopped (connection refused) or hung (SIGSTOP: connections are
 * accepted, nothing answers). Every call must fail with SOURCE_UNAVAILABLE within timeoutMs and
 * the first call after the server is back must work, with no restart of anything.
 */

const TIMEOUT_MS = 1500;
/** Scheduling slack on a loaded 2-core machine; the bound is still far below a hang. */
const SLACK_MS = 750;

let server: Slapd;
beforeAll(async () => {
  server = await startSlapd();
});
afterEach(async () => {
  // A failed test must not leave the server paused or stopped for the next one.
  server.resume();
  await server.start();
});
afterAll(async () => {
  await server?.destroy();
});

const source = (overrides: Record<string, unknown> = {}, params: Record<string, unknown> = {}) =>
  new LdapCustomerUserSource(ldapBackend(server, overrides, { timeoutMs: TIMEOUT_MS, ...params }));

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const result = await work();
    return { ms: performance.now() - started, result };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

function expectUnavailable(outcome: { error?: unknown }, pattern: RegExp): void {
  expect(outcome.error).toBeInstanceOf(SourceUnavailableError);
  const error = outcome.error as SourceUnavailableError;
  expect(error.code).toBe("SOURCE_UNAVAILABLE");
  expect(error.source).toBe("CustomerUser");
  expect(error.message).toMatch(pattern);
}

describe("server stopped", () => {
  test("every read fails fast with SOURCE_UNAVAILABLE, health says down; after a restart it works", async () => {
    const src = source();
    expect((await src.findByLogin("cu0001"))?.login).toBe("cu0001");
    await server.stop();

    for (const call of [
      () => src.search({ query: parseSearch("cu00"), limit: 10 }),
      () => src.findByLogin("cu0002"),
      () => src.findByLogins(["cu0002", "cu0003"]),
      () => src.findByEmail("cu0002@example.com"),
      () => src.authenticate("auth-user", "correct horse battery"),
    ]) {
      const outcome = await timed(call);
      expectUnavailable(outcome, /connection refused by ldap:\/\/127\.0\.0\.1:\d+/);
      expect(outcome.ms).toBeLessThan(TIMEOUT_MS);
    }
    const health = await src.health();
    expect(health.ok).toBe(false);
    expect(health.message).toMatch(/connection refused/);

    await server.start();
    // Same instance, no reconnect dance: the next call simply works.
    expect((await src.findByLogin("cu0002"))?.login).toBe("cu0002");
    expect((await src.search({ query: parseSearch("cu000"), limit: 5 })).records).toHaveLength(5);
    expect((await src.health()).ok).toBe(true);
  });

  test("a port where nothing ever listened is refused the same way", async () => {
    const port = await freePort();
    const src = new LdapCustomerUserSource(
      ldapBackend(server, {}, { url: `ldap://127.0.0.1:${port}`, timeoutMs: TIMEOUT_MS }),
    );
    expectUnavailable(await timed(() => src.findByLogin("cu0001")), /connection refused/);
  });
});

describe("live directory", () => {
  test("an entry added while the server runs is found by the next call (no stale state)", async () => {
    const src = source();
    expect(await src.findByLogin("late-arrival")).toBeNull();
    await server.add(
      personLdif({ uid: "late-arrival", givenName: "Late", sn: "Arrival", mail: "late@example.com" }),
    );
    expect((await src.findByLogin("late-arrival"))?.attributes.UserLastname).toBe("Arrival");
  });
});

describe("server hung (accepts connections, never answers)", () => {
  test("search, lookup, authentication and health give up within timeoutMs; resumed, all work", async () => {
    const src = source();
    expect((await src.findByLogin("cu0001"))?.login).toBe("cu0001");
    server.pause();

    for (const call of [
      () => src.search({ query: null, limit: 1000 }),
      () => src.findByLogin("cu0002"),
      () => src.findByEmail("cu0002@example.com"),
      () => src.authenticate("auth-user", "correct horse battery"),
    ]) {
      const outcome = await timed(call);
      expectUnavailable(
        outcome,
        new RegExp(`no answer from ldap://127\\.0\\.0\\.1:\\d+ within ${TIMEOUT_MS} ms`),
      );
      expect(outcome.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(outcome.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    }
    const health = await timed(() => src.health());
    expect(health.result?.ok).toBe(false);
    expect(health.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);

    server.resume();
    expect((await src.findByLogin("cu0002"))?.login).toBe("cu0002");
    expect((await src.health()).ok).toBe(true);
  });
});

describe("cache (cacheTtl)", () => {
  test("a warm cache answers cached reads while the server is down; uncached ones fail", async () => {
    const src = source({ cacheTtl: 60, customerUserSearchFields: ["uid", "cn", "sn"], searchPrefix: "*" });
    const search = { query: parseSearch("Zygmunt"), limit: 10 };
    const warm = {
      search: await src.search(search),
      login: await src.findByLogin("cu0005"),
      email: await src.findByEmail("cu0006@example.com"),
    };
    expect(warm.search.records.map((r) => r.login)).toEqual(["zzzz-last"]);
    await server.stop();

    expect(await src.search(search)).toEqual(warm.search);
    expect(await src.findByLogin("CU0005")).toEqual(warm.login);
    expect(await src.findByEmail("CU0006@example.com")).toEqual(warm.email);
    // A search warms the login lookups of what it found.
    expect((await src.findByLogin("zzzz-last"))?.attributes.UserLastname).toBe("Żółtowski");
    expect(await src.findByLogins(["cu0005", "zzzz-last"])).toHaveLength(2);
    // What was never read is not invented.
    expectUnavailable(await timed(() => src.findByLogin("cu0007")), /connection refused/);
    expectUnavailable(await timed(() => src.findByLogins(["cu0005", "cu0007"])), /connection refused/);
    // Authentication always asks the directory.
    expectUnavailable(await timed(() => src.authenticate("auth-user", "correct horse battery")), /refused/);
    // Health is live, not cached.
    expect((await src.health()).ok).toBe(false);
    await server.start();
  });

  test("without cacheTtl nothing is cached", async () => {
    const src = source();
    expect(await src.findByLogin("cu0005")).not.toBeNull();
    await server.stop();
    expectUnavailable(await timed(() => src.findByLogin("cu0005")), /connection refused/);
    await server.start();
  });

  test("entries expire after cacheTtl seconds", async () => {
    // Only the clock the cache reads is faked: however long stopping slapd takes on a loaded
    // machine, the entry is still fresh, and it expires when the clock is moved past the TTL.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const src = source({ cacheTtl: 1 });
      expect(await src.findByLogin("cu0008")).not.toBeNull();
      await server.stop();
      vi.setSystemTime(Date.now() + 999);
      expect(await src.findByLogin("cu0008")).not.toBeNull();
      vi.setSystemTime(Date.now() + 2);
      expectUnavailable(await timed(() => src.findByLogin("cu0008")), /connection refused/);
    } finally {
      vi.useRealTimers();
      await server.start();
    }
  });
});
