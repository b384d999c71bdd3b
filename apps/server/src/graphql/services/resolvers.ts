import type { CustomerUserRecord, ServiceRecord } from "@clientele/domain";
import type { GraphQLContext } from "../context";
import { type CatalogInputArgs, rowId, toCatalogInput } from "../groups/resolvers";
import { readyOr } from "../loaders";
import { capNestedList } from "../nested-lists";
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
    isDefault: (s: ServiceRecord, _: unknown, ctx: Ctx) => {
      const known = ctx.loaders.ready.defaultServiceIds;
      return known ? known.has(s.id) : ctx.loaders.defaultServiceIds().then((ids) => ids.has(s.id));
    },
    /** Explicit assignments; logins no backend knows any more are left out. */
    async customerUsers(s: ServiceRecord, _: unknown, ctx: Ctx) {
      const logins = capNestedList(await ctx.loaders.serviceLogins.load(s.id), ctx);
      const users = await ctx.loaders.customerUser.loadMany(logins);
      return users.filter((u): u is CustomerUserRecord => u !== null && !(u instanceof Error));
    },
  },
  CustomerUser: {
    services: (r: CustomerUserRecord, _: unknown, ctx: Ctx) =>
      readyOr(ctx.loaders.ready.services, r, () => ctx.loaders.explicitServices.load(r.login)),
    effectiveServices: (r: CustomerUserRecord, _: unknown, ctx: Ctx) =>
      readyOr(ctx.loaders.ready.effectiveServices, r, () => ctx.loaders.effectiveServices.load(r)),
  },
};
