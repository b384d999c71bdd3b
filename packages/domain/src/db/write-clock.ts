/**
 * Orders reads against the writes Clientele commits, so that identical reads which overlap can share
 * one execution without ever answering with data from before a write that had already committed
 * (`shared/shared-reads.ts`). Every customer-user write is one transaction (docs/domain.md), so the
 * end of each transaction is the moment that counts.
 */
export class WriteClock {
  private tick = 0;
  private lastWrite = 0;

  /** A point in the order, taken when a read starts. */
  now(): number {
    this.tick += 1;
    return this.tick;
  }

  /** A transaction ended (committed or rolled back: either way, reads from before it may be stale). */
  wrote(): void {
    this.tick += 1;
    this.lastWrite = this.tick;
  }

  /** True when no transaction has ended since `started`. */
  unchangedSince(started: number): boolean {
    return started > this.lastWrite;
  }
}

const clocks = new WeakMap<object, WriteClock>();

/** The clock of a database opened by `openDatabase`; null for any other handle (nothing is shared then). */
export const writeClockOf = (db: object): WriteClock | null => clocks.get(db) ?? null;

/** Ticks the clock at the end of every transaction on `db` (drizzle's `transaction` is the one way in). */
export function watchWrites(db: object): void {
  const handle = db as { transaction: (...args: unknown[]) => Promise<unknown> };
  const clock = new WriteClock();
  const transaction = handle.transaction.bind(db);
  handle.transaction = (...args: unknown[]) => transaction(...args).finally(() => clock.wrote());
  clocks.set(db, clock);
}
