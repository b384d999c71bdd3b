import type { CustomerInput, CustomerRecord, ValidId } from "@clientele/domain";
import type { GraphQLContext } from "../context";
import { type PageArgs, pageSize } from "../nested-lists";
import type { ResolverMap } from "../types";

type Ctx = GraphQLContext;

export const customerResolvers: ResolverMap = {
  Query: {
    customers: (
      _: unknown,
      a: { search?: string; valid?: ValidId; limit?: number; first?: number; after?: string },
      ctx: Ctx,
    ) =>
      ctx.clientele.customers.search({
        search: a.search,
        validId: a.valid,
        limit: a.limit,
        first: a.first,
        after: a.after,
      }),
    customer: (_: unknown, a: { customerId: string }, ctx: Ctx) => ctx.loaders.customer.load(a.customerId),
  },
  Mutation: {
    createCustomer: (_: unknown, a: { input: CustomerInput }, ctx: Ctx) =>
      ctx.clientele.customers.create(a.input, ctx.actor()),
    updateCustomer: (
      _: unknown,
      a: { customerId: string; input: CustomerInput; expectedChangedAt?: Date },
      ctx: Ctx,
    ) => ctx.clientele.customers.update(a.customerId, a.input, ctx.actor(), a.expectedChangedAt),
  },
  Customer: {
    valid: (c: CustomerRecord) => c.validId,
    customerUsers: async (c: CustomerRecord, a: PageArgs, ctx: Ctx) =>
      (await ctx.loaders.customerUsersOf({ first: pageSize(a, ctx), after: a.after }).load(c.customerId))
        .nodes,
    customerUsersPageInfo: async (c: CustomerRecord, a: PageArgs, ctx: Ctx) =>
      (await ctx.loaders.customerUsersOf({ first: pageSize(a, ctx), after: a.after }).load(c.customerId))
        .pageInfo,
  },
};
