import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type Clientele, createClientele } from "../../src/clientele";
import { loadConfig } from "../../src/config/backends";
import { DomainError, RateLimitedError, UnauthenticatedError } from "../../src/errors";
import { LoginThrottle } from "../../src/security/login-throttle";
import { createTestDatabase, type TestDatabase } from "../../src/testing";

const ADMIN_PASSWORD = "the-admin-password";
const actor = { id: 1, login: "root@localhost" };

/** A clock the tests move by hand: nobody sleeps. */
let clock = new Date("2030-01-01T12:00:00Z").getTime();
const now = () => new Date(clock);
const advance = (seconds: number) => {
  clock += seconds * 1000;
};

let database: TestDatabase;
let app: Clientele;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createClientele({ database, config: loadConfig(undefined), now });
  await app.agents.ensureAdmin(ADMIN_PASSWORD);
  await app.customers.create({ customerId: "ACME", name: "ACME" }, actor);
  await app.customerUsers.create(
    {
      login: "Jane",
      firstName: "Jane",
      lastName: "Doe",
      email: "jane@example.com",
      customerId: "ACME",
      password: "jane-password",
    },
    actor,
  );
});
afterAll(() => database?.drop());
beforeEach(async () => {
  await app.db.execute(sql`DELETE FROM clientele.login_throttle`);
});

/** The error of a promise that must fail. */
async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const wrongAgentLogin = (client = "10.0.0.1", login = "root@localhost") =>
  refusal(app.agents.login(login, "wrong", client));

describe("agent sign-in", () => {
  test("5 failures block the account for 60 s; meanwhile not even the right password is checked", async () => {
    for (let i = 0; i < 5; i++) expect(await wrongAgentLogin()).toBeInstanceOf(UnauthenticatedError);
    const limited = await wrongAgentLogin();
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.code).toBe("RATE_LIMITED");
    expect(limited.extensions).toEqual({ retryAfterSeconds: 60 });
    // Case and spaces do not make another account; another client is blocked on this account too.
    expect(await refusal(app.agents.login(" ROOT@LOCALHOST", ADMIN_PASSWORD, "10.9.9.9"))).toMatchObject({
      code: "RATE_LIMITED",
    });
    advance(45);
    expect((await wrongAgentLogin()).extensions).toEqual({ retryAfterSeconds: 15 });
    advance(15);
    // After the wait the right password works, and it clears the account's counter.
    const { actor: signedIn } = await app.agents.login("root@localhost", ADMIN_PASSWORD, "10.0.0.1");
    expect(signedIn.login).toBe("root@localhost");
    for (let i = 0; i < 4; i++) expect(await wrongAgentLogin()).toBeInstanceOf(UnauthenticatedError);
    expect((await app.agents.login("root@localhost", ADMIN_PASSWORD, "10.0.0.1")).actor.login).toBe(
      "root@localhost",
    );
  });

  test("failures that go on after a block double the wait, up to an hour", async () => {
    for (let i = 0; i < 5; i++) await wrongAgentLogin();
    const waits: unknown[] = [];
    for (let round = 0; round < 8; round++) {
      const limited = await wrongAgentLogin();
      const seconds = limited.extensions.retryAfterSeconds as number;
      waits.push(seconds);
      advance(seconds);
      expect(await wrongAgentLogin()).toBeInstanceOf(UnauthenticatedError);
    }
    expect(waits).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  test("failures older than the 15-minute window do not count", async () => {
    for (let i = 0; i < 4; i++) await wrongAgentLogin();
    advance(15 * 60);
    for (let i = 0; i < 4; i++) expect(await wrongAgentLogin()).toBeInstanceOf(UnauthenticatedError);
    expect(await wrongAgentLogin()).toBeInstanceOf(UnauthenticatedError);
    expect(await wrongAgentLogin()).toBeInstanceOf(RateLimitedError);
  });

  test("20 failures from one client address block it for every account; other clients go on", async () => {
    for (let i = 0; i < 20; i++) {
      expect(await wrongAgentLogin("10.0.0.7", `nobody-${i}@example.com`)).toBeInstanceOf(
        UnauthenticatedError,
      );
    }
    expect(await wrongAgentLogin("10.0.0.7", "someone-else@example.com")).toBeInstanceOf(RateLimitedError);
    expect(await refusal(app.agents.login("root@localhost", ADMIN_PASSWORD, "10.0.0.7"))).toBeInstanceOf(
      RateLimitedError,
    );
    expect((await app.agents.login("root@localhost", ADMIN_PASSWORD, "10.0.0.8")).actor.login).toBe(
      "root@localhost",
    );
  });

  test("unknown logins are counted and limited like known ones", async () => {
    for (let i = 0; i < 5; i++) await wrongAgentLogin("10.0.0.1", "ghost@example.com");
    expect(await wrongAgentLogin("10.0.0.1", "ghost@example.com")).toBeInstanceOf(RateLimitedError);
  });
});

describe("the throttle itself", () => {
  test("concurrent attempts cannot slip past the limit: the password is checked 5 times, not 30", async () => {
    const throttle = new LoginThrottle(app.db, { now });
    let checks = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        throttle.attempt("agent", "racer", "10.1.1.1", async () => {
          checks += 1;
          return null;
        }),
      ),
    );
    expect(checks).toBe(5);
    expect(
      results.filter((r) => r.status === "rejected" && r.reason instanceof RateLimitedError),
    ).toHaveLength(25);
  });

  test("the counts are shared by every process on the database", async () => {
    const second = await createClientele({ database, config: loadConfig(undefined), now });
    for (let i = 0; i < 5; i++) await wrongAgentLogin();
    expect(await refusal(second.agents.login("root@localhost", ADMIN_PASSWORD, "10.0.0.2"))).toBeInstanceOf(
      RateLimitedError,
    );
  });

  test("a backend error is not the user's failure and is not counted", async () => {
    const throttle = new LoginThrottle(app.db, { now });
    for (let i = 0; i < 10; i++) {
      await expect(
        throttle.attempt("customer-user", "jane", "10.1.1.2", () =>
          Promise.reject(new Error("directory down")),
        ),
      ).rejects.toThrow("directory down");
    }
    expect(await throttle.attempt("customer-user", "jane", "10.1.1.2", async () => "ok")).toBe("ok");
  });

  test("a success on the attempt that reached the client limit does not block the client", async () => {
    const throttle = new LoginThrottle(app.db, { now, clientLimit: 3 });
    await throttle.attempt("agent", "a", "10.1.1.3", async () => null);
    await throttle.attempt("agent", "b", "10.1.1.3", async () => null);
    expect(await throttle.attempt("agent", "c", "10.1.1.3", async () => "ok")).toBe("ok");
    expect(await throttle.attempt("agent", "d", "10.1.1.3", async () => "ok")).toBe("ok");
  });

  test("prune forgets only keys that count for nothing any more", async () => {
    const throttle = new LoginThrottle(app.db, { now });
    await throttle.attempt("agent", "old", "10.3.0.1", async () => null);
    for (let i = 0; i < 5; i++) await throttle.attempt("agent", "blocked", "10.3.0.2", async () => null);
    advance(15 * 60);
    await throttle.attempt("agent", "recent", "10.3.0.3", async () => null);
    // Gone: "old", its client and the client of "blocked" (windows passed, never blocked). Kept:
    // "blocked", whose block ended less than a window ago, and "recent" with its client.
    expect(await throttle.prune()).toBe(3);
    // "blocked" still remembers its block: its next failure blocks it again, for twice as long.
    expect(await throttle.attempt("agent", "blocked", "10.3.0.9", async () => null)).toBeNull();
    expect(
      (await refusal(throttle.attempt("agent", "blocked", "10.3.0.9", async () => null))).extensions,
    ).toEqual({ retryAfterSeconds: 120 });
    for (let i = 0; i < 4; i++) await throttle.attempt("agent", "recent", "10.3.0.3", async () => null);
    expect(await refusal(throttle.attempt("agent", "recent", "10.3.0.3", async () => null))).toBeInstanceOf(
      RateLimitedError,
    );
  });
});

describe("customer-user sign-in", () => {
  test("5 failures per login, then RATE_LIMITED; a success after the wait answers the identity", async () => {
    const auth = app.customerUserAuth;
    for (let i = 0; i < 5; i++) expect(await auth.authenticate("jane", "wrong", "10.2.0.1")).toBeNull();
    expect(await refusal(auth.authenticate("JANE", "jane-password", "10.2.0.1"))).toMatchObject({
      code: "RATE_LIMITED",
      extensions: { retryAfterSeconds: 60 },
    });
    advance(60);
    expect(await auth.authenticate("jane", "jane-password", "10.2.0.1")).toMatchObject({
      login: "Jane",
      customerId: "ACME",
      customerIds: ["ACME"],
      validId: 1,
      fullName: "Jane Doe",
    });
    // Agents and customer users with the same login are counted apart.
    expect((await app.agents.login("root@localhost", ADMIN_PASSWORD, "10.2.0.1")).actor.login).toBe(
      "root@localhost",
    );
  });

  test("unknown logins are limited too", async () => {
    for (let i = 0; i < 5; i++)
      expect(await app.customerUserAuth.authenticate("ghost", "x", "10.2.0.2")).toBeNull();
    expect(await refusal(app.customerUserAuth.authenticate("ghost", "x", "10.2.0.2"))).toBeInstanceOf(
      RateLimitedError,
    );
  });

  test("hostile logins (NUL, lone surrogates) are counted, not a server error", async () => {
    for (const login of ["a\u0000b", "\ud800x", "x".repeat(5000)]) {
      expect(await app.customerUserAuth.authenticate(login, "x", "10.2.0.3")).toBeNull();
      await expect(refusal(app.agents.login(login, "x", "10.2.0.3"))).resolves.toBeInstanceOf(
        UnauthenticatedError,
      );
    }
  });
});
