import type { WriteClock } from "../db/write-clock";

/**
 * Identical reads that overlap in time share one execution: ten agents opening the same list at once
 * cost the database one search, not ten. A read joins a running one only if no transaction has
 * ended since that one started, so nobody gets an answer older than a write Clientele had already
 * committed when the read was asked. Nothing is kept once the read finishes: this is not a cache.
 */
export class SharedReads<T> {
  private readonly running = new Map<string, { started: number; result: Promise<T> }>();

  constructor(private readonly clock: WriteClock | null) {}

  run(key: string, read: () => Promise<T>): Promise<T> {
    if (!this.clock) return read();
    const current = this.running.get(key);
    if (current && this.clock.unchangedSince(current.started)) return current.result;
    const started = this.clock.now();
    const result = read();
    const entry = { started, result };
    this.running.set(key, entry);
    const forget = () => {
      if (this.running.get(key) === entry) this.running.delete(key);
    };
    result.then(forget, forget);
    return result;
  }
}
