import type { CustomerUserRecord, ServiceRecord } from "@clientele/domain";
import type { GraphQLContext } from "../context";
import { type CatalogInputArgs, rowId, toCatalogInput } from "../groups/resolvers";
import { type PageArgs, pageOf } from "../nested-lists";
import type { ResolverMap } from "../types";

type Ctx = GraphQLContext;

export const serviceResolvers: ResolverMap = {
  Query: {
    services: (_: unknown, a: { search?: string | null }, ctx: Ctx) =>
      ctx.clientele.services.list({ search: a.search }),
    service: (_: unknown, a: { id: string }, ctx: Ctx) => {
      const id = rowId(a.id);
      return id === null ? null : ctx.loaders.service.load(id);
    },
    defaultServices: (_: unknown, __: unknown, ctx: Ctx) => ctx.clientele.services.defaultServices(),
  },
  Mutation: {
    createService: (_: unknown, a: { input: CatalogInputArgs }, ctx: Ctx) =>
      ctx.clientele.services.create(ctx.actor(), toCatalogInput(a.input)),
    updateService: (_: unknown, a: { id: string; input: CatalogInputArgs }, ctx: Ctx) =>
      ctx.clientele.services.update(ctx.actor(), a.id, toCatalogInput(a.input)),
    setCustomerUserServices: (_: unknown, a: { login: string; serviceIds: string[] }, ctx: Ctx) =>
      ctx.clientele.services.setCustomerUserServices(ctx.actor(), a.login, a.serviceIds),
    setServiceCustomerUsers: (_: unknown, a: { serviceId: string; logins: string[] }, ctx: Ctx) =>
      ctx.clientele.services.setServiceCustomerUsers(ctx.actor(), a.serviceId, a.logins),
    setDefaultServices: (_: unknown, a: { serviceIds: string[] }, ctx: Ctx) =>
      ctx.clientele.services.setDefaultServices(ctx.actor(), a.serviceIds),
  },
  Service: {
    id: (s: ServiceRecord) => String(s.id),
    valid: (s: ServiceRecord) => s.validId,
    isDefault: async (s: ServiceRecord, _: unknown, ctx: Ctx) =>
      (await ctx.loaders.defaultServiceIds()).has(s.id),
    /** Explicit assignments; logins no backend knows any more are left out. */
    customerUsersPageInfo: async (s: ServiceRecord, a: PageArgs, ctx: Ctx) =>
      pageOf(await ctx.loaders.serviceLogins.load(s.id), (l) => l, "customerUser", a, ctx).pageInfo,
    async customerUsers(s: ServiceRecord, a: PageArgs, ctx: Ctx) {
      const logins = pageOf(
        await ctx.loaders.serviceLogins.load(s.id),
        (l) => l,
        "customerUser",
        a,
        ctx,
      ).nodes;
      const users = await ctx.loaders.customerUser.loadMany(logins);
      return users.filter((u): u is CustomerUserRecord => u !== null && !(u instanceof Error));
    },
  },
  CustomerUser: {
    services: (r: CustomerUserRecord, _: unknown, ctx: Ctx) => ctx.loaders.explicitServices.load(r.login),
    effectiveServices: (r: CustomerUserRecord, _: unknown, ctx: Ctx) => ctx.loaders.effectiveServices.load(r),
  },
};
