import {
  type AuditEntity,
  type AuditEntry,
  BadInputError,
  type CustomerRecord,
  type CustomerUserRecord,
} from "@clientele/domain";
import type { GraphQLContext } from "../context";
import type { ResolverMap } from "../types";

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const entry = (e: AuditEntry) => ({ ...e, before: json(e.before), after: json(e.after) });

interface PageArgs {
  limit?: number | null;
  offset?: number | null;
}

const MAX_PAGE = 1000;

/** One page of an entity's history; out-of-range paging is the caller's input error, not a crash. */
async function page(ctx: GraphQLContext, type: AuditEntity, id: string, args: PageArgs) {
  const limit = args.limit ?? 100;
  const offset = args.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw new BadInputError("limit", `limit must be between 1 and ${MAX_PAGE}.`);
  if (!Number.isInteger(offset) || offset < 0) throw new BadInputError("offset", "offset must be 0 or more.");
  return (await ctx.clientele.audit.list(type, id, limit, offset)).map(entry);
}

export const auditResolvers: ResolverMap = {
  CustomerUser: {
    history: (r: CustomerUserRecord, a: PageArgs, ctx: GraphQLContext) =>
      page(ctx, "customer_user", r.login, a),
  },
  Customer: {
    history: (c: CustomerRecord, a: PageArgs, ctx: GraphQLContext) => page(ctx, "customer", c.customerId, a),
  },
  Group: {
    history: (g: { id: number }, a: PageArgs, ctx: GraphQLContext) => page(ctx, "group", String(g.id), a),
  },
  Service: {
    history: (s: { id: number }, a: PageArgs, ctx: GraphQLContext) => page(ctx, "service", String(s.id), a),
  },
};
