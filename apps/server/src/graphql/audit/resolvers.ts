import type { AuditEntry, CustomerRecord, CustomerUserRecord } from "@clientele/domain";
import type { GraphQLContext } from "../context";
import type { ResolverMap } from "../types";

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const entry = (e: AuditEntry) => ({ ...e, before: json(e.before), after: json(e.after) });

export const auditResolvers: ResolverMap = {
  CustomerUser: {
    history: async (r: CustomerUserRecord, a: { limit?: number }, ctx: GraphQLContext) =>
      (await ctx.clientele.audit.list("customer_user", r.login, a.limit ?? 100)).map(entry),
  },
  Customer: {
    history: async (c: CustomerRecord, a: { limit?: number }, ctx: GraphQLContext) =>
      (await ctx.clientele.audit.list("customer", c.customerId, a.limit ?? 100)).map(entry),
  },
};
