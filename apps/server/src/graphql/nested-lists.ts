import {
  type CursorKind,
  comparePositions,
  decodeCursor,
  encodeCursor,
  type PageInfo,
  positionOf,
  type RequestLimits,
} from "@clientele/domain";
import type { GraphQLContext } from "./context";

/** The paging arguments of a nested list (`Group.customerUsers(first, after)`, …). */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/**
 * Nested lists (a group's customer users, a customer's customer users, …) without `first` return
 * at most the largest `limit` any list accepts (`limits.maxLimit`, 10,000 by default), so one field
 * can never make a response unbounded; with `first` they are pages of a cursor walk.
 */
export function capNestedList<T>(items: readonly T[], limits: RequestLimits): T[] {
  return items.slice(0, limits.maxLimit);
}

/** The page size of a nested list: `first`, else `limits.maxLimit`. */
export const pageSize = (args: PageArgs, ctx: GraphQLContext): number =>
  args.first ?? ctx.clientele.config.limits.maxLimit;

/**
 * One page of a nested list already loaded in full by a batched loader (a relation's rows): sorted by
 * key case-insensitively, after the cursor, at most the page size, and where it ends.
 */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  kind: CursorKind,
  args: PageArgs,
  ctx: GraphQLContext,
): { nodes: T[]; pageInfo: PageInfo } {
  const after = decodeCursor(kind, args.after);
  const size = pageSize(args, ctx);
  const sorted = items
    .map((item) => ({ item, position: positionOf(keyOf(item)) }))
    .filter((x) => !after || comparePositions(x.position, after) > 0)
    .sort((a, b) => comparePositions(a.position, b.position));
  const page = sorted.slice(0, size);
  const last = page.at(-1);
  return {
    nodes: page.map((x) => x.item),
    pageInfo: {
      endCursor: last ? encodeCursor(kind, last.position) : null,
      hasNextPage: sorted.length > size,
    },
  };
}
