import { withFound } from "@clientele/domain";
import type { Resolvers } from "../generated/resolvers";
import { capNestedList, pageOf } from "../nested-lists";
import { withValidId } from "../valid-input";

export const groupResolvers: Resolvers = {
  Query: {
    groups: (_, a, ctx) => ctx.clientele.groups.list({ search: a.search }),
    group: (_, a, ctx) => ctx.clientele.groups.get(a.id),
  },
  Mutation: {
    createGroup: (_, a, ctx) => ctx.clientele.groups.create(ctx.actor(), withValidId(a.input)),
    updateGroup: (_, a, ctx) => ctx.clientele.groups.update(ctx.actor(), a.id, withValidId(a.input)),
    setCustomerUserGroups: (_, a, ctx) =>
      ctx.clientele.groups.setCustomerUserGroups(ctx.actor(), a.login, a.grants),
    setGroupCustomerUsers: (_, a, ctx) =>
      ctx.clientele.groups.setGroupCustomerUsers(ctx.actor(), a.groupId, a.grants),
    async setCustomerGroups(_, a, ctx) {
      const customerId = await ctx.clientele.groups.setCustomerGroups(ctx.actor(), a.customerId, a.grants);
      return ctx.clientele.customers.require(customerId);
    },
    addCustomerUsersToGroup: (_, a, ctx) =>
      ctx.clientele.groups.addCustomerUsersToGroup(ctx.actor(), a.groupId, a.logins, a.permissions),
    setGroupCustomers: (_, a, ctx) =>
      ctx.clientele.groups.setGroupCustomers(ctx.actor(), a.groupId, a.grants),
  },
  Group: {
    valid: (g) => g.validId,
    /** Direct grants in login order; logins no backend knows any more are left out (CustomerUser! needs a user). */
    async customerUsers(g, a, ctx) {
      const grants = pageOf(
        await ctx.loaders.groupCustomerUserGrants.load(g.id),
        (x) => x.login,
        "customerUser",
        a,
        ctx,
      ).nodes;
      const users = await ctx.loaders.customerUser.loadMany(grants.map((x) => x.login));
      return withFound(grants, users, (grant, customerUser) => ({
        customerUser,
        permissions: grant.permissions,
      }));
    },
    customerUsersPageInfo: async (g, a, ctx) =>
      pageOf(await ctx.loaders.groupCustomerUserGrants.load(g.id), (x) => x.login, "customerUser", a, ctx)
        .pageInfo,
    async effectiveCustomerUsers(g, a, ctx) {
      const members = await ctx.clientele.permissions.effectiveMembers(g.id, a.permission, { raw: a.raw });
      return { ...members, customerUsers: capNestedList(members.customerUsers, ctx.clientele.config.limits) };
    },
    /** Customer grants in customer id order; customers that no longer exist are left out. */
    async customers(g, a, ctx) {
      const grants = pageOf(
        await ctx.loaders.groupCustomerGrants.load(g.id),
        (x) => x.customerId,
        "customer",
        a,
        ctx,
      ).nodes;
      const customers = await ctx.loaders.customer.loadMany(grants.map((x) => x.customerId));
      return withFound(grants, customers, (grant, customer) => ({
        customer,
        permissions: grant.permissions,
        context: grant.context,
      }));
    },
    customersPageInfo: async (g, a, ctx) =>
      pageOf(await ctx.loaders.groupCustomerGrants.load(g.id), (x) => x.customerId, "customer", a, ctx)
        .pageInfo,
  },
  CustomerUser: {
    groups: (r, _, ctx) => ctx.loaders.customerUserGroups.load(r.login),
    effectivePermissions: (r, _, ctx) => ctx.loaders.effectivePermissions.load(r),
    contextCustomerIds: (r, _, ctx) => ctx.loaders.contextCustomerIds.load(r),
  },
  Customer: {
    groups: (c, _, ctx) => ctx.loaders.customerGroups.load(c.customerId),
  },
};
