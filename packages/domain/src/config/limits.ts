import { z } from "zod";

/**
 * Request limits (API.md §Limits), the `limits:` section of the configuration file. Every request is
 * measured against them before anything runs; over a limit it is refused with `QUERY_TOO_COMPLEX`.
 */
export interface RequestLimits {
  /** Nesting of selections (fragments count as the fields they contain). */
  depth: number;
  /** Aliased fields in one operation. */
  aliases: number;
  /** Lexical tokens of one GraphQL document. */
  tokens: number;
  /** Estimated cost: 1 per field, list fields multiplied by their `limit`/`first` or `listSize`. */
  cost: number;
  /** Directives in one operation. */
  directives: number;
  /** Size of a request body, in bytes. */
  bodyBytes: number;
  /** Largest `limit` / `first` argument any list accepts (the smallest is 1). */
  maxLimit: number;
  /** Items a list without a `limit` argument (e.g. `Customer.customerUsers`) is assumed to hold in the cost. */
  listSize: number;
  /** Failed sign-ins per account in 15 minutes before it has to wait (`RATE_LIMITED`). */
  signInFailuresPerAccount: number;
  /** Failed sign-ins per client address in 15 minutes before it has to wait. */
  signInFailuresPerClient: number;
}

export const DEFAULT_LIMITS: RequestLimits = {
  depth: 12,
  aliases: 30,
  tokens: 5000,
  cost: 50_000,
  directives: 10,
  bodyBytes: 2 * 1024 * 1024,
  maxLimit: 10_000,
  listSize: 10,
  signInFailuresPerAccount: 5,
  signInFailuresPerClient: 20,
};

const positive = z.number().int().positive();

export const limitsSchema = z
  .object({
    depth: positive.max(100).default(DEFAULT_LIMITS.depth),
    aliases: z.number().int().nonnegative().max(10_000).default(DEFAULT_LIMITS.aliases),
    tokens: positive.min(100).max(1_000_000).default(DEFAULT_LIMITS.tokens),
    cost: positive.default(DEFAULT_LIMITS.cost),
    directives: z.number().int().nonnegative().max(1000).default(DEFAULT_LIMITS.directives),
    bodyBytes: positive
      .min(1024)
      .max(100 * 1024 * 1024)
      .default(DEFAULT_LIMITS.bodyBytes),
    maxLimit: positive.max(1_000_000).default(DEFAULT_LIMITS.maxLimit),
    listSize: positive.max(1_000_000).default(DEFAULT_LIMITS.listSize),
    signInFailuresPerAccount: positive.max(1000).default(DEFAULT_LIMITS.signInFailuresPerAccount),
    signInFailuresPerClient: positive.max(100_000).default(DEFAULT_LIMITS.signInFailuresPerClient),
  })
  .strict();
