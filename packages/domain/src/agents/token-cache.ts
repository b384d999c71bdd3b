import type { WriteClock } from "../db/write-clock";

/**
 * How long an API token's row (its agent, roles, expiry and revocation) may answer from memory.
 * Integrators send many small requests; reading the row for each one was a database round trip
 * that cost about as much as the lookup it authorised (docs/performance/goals.md).
 * - A write Clientele commits in this process (revoking a token, changing an agent's role or
 *   validity) ends every remembered row at once: the write clock says so.
 * - A change made elsewhere (the command line, OTOBO, SQL, another server process) is seen within
 *   this time.
 * - Expiry is checked on every request against the remembered `expiresAt`.
 */
export const TOKEN_CACHE_MS = 1000;
/** Bounds the memory: a server sees a few tokens, not thousands. */
const MAX_ROWS = 1000;

/** Rows of known tokens by token hash; unknown tokens are never remembered. */
export class TokenRowCache<Row extends object> {
  private readonly rows = new Map<string, { row: Row; readAt: number; started: number }>();

  constructor(
    /** The database's write clock; without one (a handle not opened by openDatabase) nothing is kept. */
    private readonly clock: WriteClock | null,
    private readonly ttlMs = TOKEN_CACHE_MS,
  ) {}

  /** The remembered row of `hash` when it is fresh at `now` (ms), else `load()`'s, remembered. */
  async read(hash: string, now: number, load: () => Promise<Row | undefined>): Promise<Row | undefined> {
    const clock = this.clock;
    if (!clock || this.ttlMs <= 0) return load();
    const hit = this.rows.get(hash);
    if (hit && clock.unchangedSince(hit.started) && now >= hit.readAt && now - hit.readAt < this.ttlMs) {
      return hit.row;
    }
    const started = clock.now();
    const row = await load();
    this.rows.delete(hash);
    if (row) {
      this.rows.set(hash, { row, readAt: now, started });
      if (this.rows.size > MAX_ROWS) {
        const oldest = this.rows.keys().next().value;
        if (oldest !== undefined) this.rows.delete(oldest);
      }
    }
    return row;
  }
}
