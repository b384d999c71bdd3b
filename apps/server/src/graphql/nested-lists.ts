import type { RequestLimits } from "@clientele/domain";

/**
 * Nested lists (a group's customer users, a customer's customer users, …) have no `limit` argument;
 * they return at most the largest `limit` any list accepts (`limits.maxLimit`, 10,000 by default), so
 * one field can never make a response unbounded. Larger sets are read through the paged searches.
 */
export function capNestedList<T>(items: readonly T[], limits: RequestLimits): T[] {
  return items.slice(0, limits.maxLimit);
}
