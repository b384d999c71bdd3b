import { createHash } from "node:crypto";
import { and, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { loginThrottle } from "../db/schema";
import { RateLimitedError } from "../errors";

/** Who signs in: an agent (`login`) or a customer user (`authenticateCustomerUser`); counted apart. */
export type SignInKind = "agent" | "customer-user";

export interface LoginThrottleOptions {
  /** The clock; tests hand in their own so they never wait. */
  now?: () => Date;
  /** Failures per account (lower-cased login) in one window before it is blocked (API.md §Limits: 5). */
  accountLimit?: number;
  /** Failures per client address in one window before it is blocked (20). */
  clientLimit?: number;
  /** Length of the counting window (15 minutes). */
  windowMs?: number;
  /** The first block (60 s); every further one while the failures keep coming doubles it. */
  firstBlockMs?: number;
  /** The longest block (1 hour). */
  maxBlockMs?: number;
}

interface Key {
  key: string;
  limit: number;
  kind: "account" | "client";
}

/** What one attempt changed on one key, so a success (or a backend error) can take it back. */
interface Reserved {
  key: string;
  kind: "account" | "client";
  /** The block this attempt started, and what was there before it. */
  blockedUntil: Date | null;
  previousBlockedUntil: Date | null;
  previousLockouts: number;
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const accountKey = (kind: SignInKind, login: string) =>
  `account:${kind}:${sha256(login.trim().toLowerCase())}`;

/**
 * Brute-force protection for sign-ins, per account and per client address, stored in
 * `clientele.login_throttle` so it holds across server processes.
 *
 * Every attempt is counted as a failure before the password is checked (so concurrent attempts
 * cannot slip past the limit) and taken back when it succeeds. The attempt that reaches the limit
 * (5 per account, 20 per client in 15 minutes) blocks the key for 60 s; every further failure blocks
 * it again for twice as long, up to an hour, until a whole window has passed quietly after a block. While a key is blocked the password is not
 * checked at all: the attempt fails with RATE_LIMITED and `retryAfterSeconds`. A success clears the
 * account's counter; a window that passes quietly after the last block starts over.
 */
export class LoginThrottle {
  private readonly now: () => Date;
  private readonly accountLimit: number;
  private readonly clientLimit: number;
  private readonly windowMs: number;
  private readonly firstBlockMs: number;
  private readonly maxBlockMs: number;
  private attempts = 0;

  constructor(
    private readonly db: Db,
    options: LoginThrottleOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.accountLimit = options.accountLimit ?? 5;
    this.clientLimit = options.clientLimit ?? 20;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.firstBlockMs = options.firstBlockMs ?? 60_000;
    this.maxBlockMs = options.maxBlockMs ?? 60 * 60_000;
  }

  /**
   * Runs `check` (the password check) unless the account or the client is blocked. A null result is
   * a failed attempt and stays counted; a result clears the account's counter; an error (e.g. an
   * unreachable directory) is not the user's failure and is taken back before it is rethrown.
   */
  async attempt<T>(
    kind: SignInKind,
    login: string,
    client: string,
    check: () => Promise<T | null>,
  ): Promise<T | null> {
    const keys: Key[] = [
      // Hashed: a login may hold anything (NUL, lone surrogates) and the key only has to match itself.
      { key: accountKey(kind, login), limit: this.accountLimit, kind: "account" },
      { key: `client:${sha256(client)}`, limit: this.clientLimit, kind: "client" },
    ];
    const reserved = await this.reserve(keys);
    // Every 100th attempt of a process forgets the keys that count for nothing any more.
    this.attempts += 1;
    if (this.attempts % 100 === 0) await this.prune();
    let result: T | null;
    try {
      result = await check();
    } catch (error) {
      await this.takeBack(reserved, false);
      throw error;
    }
    if (result !== null) await this.takeBack(reserved, true);
    return result;
  }

  /** Forgets an account's failures and block, in the caller's transaction (an anonymised login). */
  async forgetAccount(tx: Db, kind: SignInKind, login: string): Promise<void> {
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, accountKey(kind, login)));
  }

  /**
   * Deletes the keys whose window has passed and whose last block ended a window ago: they count
   * exactly as much as a key never seen.
   */
  async prune(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.windowMs);
    const deleted = await this.db
      .delete(loginThrottle)
      .where(
        and(
          lte(loginThrottle.windowStartedAt, cutoff),
          or(isNull(loginThrottle.blockedUntil), lte(loginThrottle.blockedUntil, cutoff)),
        ),
      )
      .returning({ key: loginThrottle.key });
    return deleted.length;
  }

  private async reserve(keys: Key[]): Promise<Reserved[]> {
    const now = this.now();
    const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1)); // one lock order: no deadlocks
    return this.db.transaction(async (tx) => {
      await tx
        .insert(loginThrottle)
        .values(sorted.map((k) => ({ key: k.key, failures: 0, windowStartedAt: now, lockouts: 0 })))
        .onConflictDoNothing();
      const rows = await tx
        .select()
        .from(loginThrottle)
        .where(
          inArray(
            loginThrottle.key,
            sorted.map((k) => k.key),
          ),
        )
        .orderBy(loginThrottle.key)
        .for("update");
      const waitMs = Math.max(0, ...rows.map((r) => (r.blockedUntil?.getTime() ?? 0) - now.getTime()));
      if (waitMs > 0) throw new RateLimitedError(Math.ceil(waitMs / 1000));
      const reserved: Reserved[] = [];
      for (const { key, limit, kind } of sorted) {
        const row = rows.find((r) => r.key === key)!;
        let { failures, windowStartedAt, lockouts } = row;
        if (now.getTime() - windowStartedAt.getTime() >= this.windowMs) {
          failures = 0;
          windowStartedAt = now;
          const quietSince = row.blockedUntil?.getTime() ?? 0;
          if (now.getTime() - quietSince >= this.windowMs) lockouts = 0;
        }
        failures += 1;
        let blockedUntil = row.blockedUntil;
        let started: Date | null = null;
        // Reaching the limit blocks; after a block, every failure until a quiet window blocks again.
        if (failures >= limit || lockouts > 0) {
          const ms = Math.min(this.firstBlockMs * 2 ** Math.min(lockouts, 30), this.maxBlockMs);
          started = new Date(now.getTime() + ms);
          blockedUntil = started;
          lockouts += 1;
        }
        await tx
          .update(loginThrottle)
          .set({ failures, windowStartedAt, blockedUntil, lockouts })
          .where(eq(loginThrottle.key, key));
        reserved.push({
          key,
          kind,
          blockedUntil: started,
          previousBlockedUntil: row.blockedUntil,
          previousLockouts: row.lockouts,
        });
      }
      return reserved;
    });
  }

  /** Undoes an attempt's count; after a success the account starts over. */
  private async takeBack(reserved: Reserved[], succeeded: boolean): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const r of reserved) {
        if (succeeded && r.kind === "account") {
          await tx.delete(loginThrottle).where(eq(loginThrottle.key, r.key));
          continue;
        }
        const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, r.key)).for("update");
        if (!row) continue;
        const ownBlock = r.blockedUntil !== null && row.blockedUntil?.getTime() === r.blockedUntil.getTime();
        await tx
          .update(loginThrottle)
          .set({
            failures: Math.max(0, row.failures - 1),
            ...(ownBlock ? { blockedUntil: r.previousBlockedUntil, lockouts: r.previousLockouts } : {}),
          })
          .where(eq(loginThrottle.key, r.key));
      }
    });
  }
}
