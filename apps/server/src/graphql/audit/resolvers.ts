import type { Resolvers } from "../generated/resolvers";

export const auditResolvers: Resolvers = {
  CustomerUser: {
    history: (r, a, ctx) => ctx.clientele.audit.history("customer_user", r.login, a),
  },
  Customer: {
    history: (c, a, ctx) => ctx.clientele.audit.history("customer", c.customerId, a),
  },
  Group: {
    history: (g, a, ctx) => ctx.clientele.audit.history("group", String(g.id), a),
  },
  Service: {
    history: (s, a, ctx) => ctx.clientele.audit.history("service", String(s.id), a),
  },
};
