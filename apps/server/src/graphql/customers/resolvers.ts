import type { Resolvers } from "../generated/resolvers";
import { capNestedList } from "../nested-lists";

export const customerResolvers: Resolvers = {
  Query: {
    customers: (_, a, ctx) =>
      ctx.clientele.customers.search({ search: a.search, validId: a.valid, limit: a.limit }),
    customer: (_, a, ctx) => ctx.loaders.customer.load(a.customerId),
  },
  Mutation: {
    createCustomer: (_, a, ctx) => ctx.clientele.customers.create(a.input, ctx.actor()),
    updateCustomer: (_, a, ctx) =>
      ctx.clientele.customers.update(a.customerId, a.input, ctx.actor(), a.expectedChangedAt),
  },
  Customer: {
    valid: (c) => c.validId,
    customerUsers: async (c, _, ctx) =>
      capNestedList(
        await ctx.clientele.customerUsers.customerUsersOf(c.customerId),
        ctx.clientele.config.limits,
      ),
  },
};
