import type { Resolvers } from "../generated/resolvers";
import { pageSize } from "../nested-lists";

export const customerResolvers: Resolvers = {
  Query: {
    customers: (_, a, ctx) =>
      ctx.clientele.customers.search({
        search: a.search,
        validId: a.valid,
        limit: a.limit,
        first: a.first,
        after: a.after,
      }),
    customer: (_, a, ctx) => ctx.loaders.customer.load(a.customerId),
  },
  Mutation: {
    createCustomer: (_, a, ctx) => ctx.clientele.customers.create(a.input, ctx.actor()),
    updateCustomer: (_, a, ctx) =>
      ctx.clientele.customers.update(a.customerId, a.input, ctx.actor(), a.expectedChangedAt),
  },
  Customer: {
    valid: (c) => c.validId,
    customerUsers: async (c, a, ctx) =>
      (await ctx.loaders.customerUsersOf({ first: pageSize(a, ctx), after: a.after }).load(c.customerId))
        .nodes,
    customerUsersPageInfo: async (c, a, ctx) =>
      (await ctx.loaders.customerUsersOf({ first: pageSize(a, ctx), after: a.after }).load(c.customerId))
        .pageInfo,
  },
};
