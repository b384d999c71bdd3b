import { withFound } from "@clientele/domain";
import type { Resolvers } from "../generated/resolvers";
import { pageOf } from "../nested-lists";
import { withValidId } from "../valid-input";

export const serviceResolvers: Resolvers = {
  Query: {
    services: (_, a, ctx) => ctx.clientele.services.list({ search: a.search }),
    service: (_, a, ctx) => ctx.clientele.services.get(a.id),
    defaultServices: (_, __, ctx) => ctx.clientele.services.defaultServices(),
  },
  Mutation: {
    createService: (_, a, ctx) => ctx.clientele.services.create(ctx.actor(), withValidId(a.input)),
    updateService: (_, a, ctx) => ctx.clientele.services.update(ctx.actor(), a.id, withValidId(a.input)),
    setCustomerUserServices: (_, a, ctx) =>
      ctx.clientele.services.setCustomerUserServices(ctx.actor(), a.login, a.serviceIds),
    setServiceCustomerUsers: (_, a, ctx) =>
      ctx.clientele.services.setServiceCustomerUsers(ctx.actor(), a.serviceId, a.logins),
    setDefaultServices: (_, a, ctx) => ctx.clientele.services.setDefaultServices(ctx.actor(), a.serviceIds),
  },
  Service: {
    valid: (s) => s.validId,
    isDefault: async (s, _, ctx) => (await ctx.loaders.defaultServiceIds()).has(s.id),
    /** Explicit assignments in login order; logins no backend knows any more are left out. */
    async customerUsers(s, a, ctx) {
      const logins = pageOf(
        await ctx.loaders.serviceLogins.load(s.id),
        (l) => l,
        "customerUser",
        a,
        ctx,
      ).nodes;
      return withFound(logins, await ctx.loaders.customerUser.loadMany(logins), (_, user) => user);
    },
    customerUsersPageInfo: async (s, a, ctx) =>
      pageOf(await ctx.loaders.serviceLogins.load(s.id), (l) => l, "customerUser", a, ctx).pageInfo,
  },
  CustomerUser: {
    services: (r, _, ctx) => ctx.loaders.explicitServices.load(r.login),
    effectiveServices: (r, _, ctx) => ctx.loaders.effectiveServices.load(r),
  },
};
