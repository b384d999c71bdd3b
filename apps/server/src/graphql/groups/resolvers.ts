import type {
  CustomerGrantInput,
  CustomerGroupGrant,
  CustomerRecord,
  CustomerUserGrantInput,
  CustomerUserGroupGrant,
  CustomerUserRecord,
  GroupGrantInput,
  GroupRecord,
  Permission,
  ValidId,
} from "@clientele/domain";
import type { GraphQLContext } from "../context";
import { capNestedList, type PageArgs, pageOf } from "../nested-lists";
import type { ResolverMap } from "../types";

type Ctx = GraphQLContext;

export interface CatalogInputArgs {
  name?: string | null;
  comment?: string | null;
  valid?: ValidId | null;
}

export const toCatalogInput = (input: CatalogInputArgs) => ({
  name: input.name,
  comment: input.comment,
  validId: input.valid,
});

/** Numeric id of an `ID` argument, or null when it cannot name a row. */
export const rowId = (id: string | number): number | null =>
  /^\d{1,9}$/.test(String(id).trim()) ? Number(String(id).trim()) : null;

const notNull = <T>(value: T | null | Error): value is T => value !== null && !(value instanceof Error);

export const groupResolvers: ResolverMap = {
  Query: {
    groups: (_: unknown, a: { search?: string | null }, ctx: Ctx) =>
      ctx.clientele.groups.list({ search: a.search }),
    group: (_: unknown, a: { id: string }, ctx: Ctx) => {
      const id = rowId(a.id);
      return id === null ? null : ctx.loaders.group.load(id);
    },
  },
  Mutation: {
    createGroup: (_: unknown, a: { input: CatalogInputArgs }, ctx: Ctx) =>
      ctx.clientele.groups.create(ctx.actor(), toCatalogInput(a.input)),
    updateGroup: (_: unknown, a: { id: string; input: CatalogInputArgs }, ctx: Ctx) =>
      ctx.clientele.groups.update(ctx.actor(), a.id, toCatalogInput(a.input)),
    setCustomerUserGroups: (_: unknown, a: { login: string; grants: GroupGrantInput[] }, ctx: Ctx) =>
      ctx.clientele.groups.setCustomerUserGroups(ctx.actor(), a.login, a.grants),
    setGroupCustomerUsers: (_: unknown, a: { groupId: string; grants: CustomerUserGrantInput[] }, ctx: Ctx) =>
      ctx.clientele.groups.setGroupCustomerUsers(ctx.actor(), a.groupId, a.grants),
    async setCustomerGroups(_: unknown, a: { customerId: string; grants: GroupGrantInput[] }, ctx: Ctx) {
      const customerId = await ctx.clientele.groups.setCustomerGroups(ctx.actor(), a.customerId, a.grants);
      return ctx.clientele.customers.get(customerId);
    },
    async addCustomerUsersToGroup(
      _: unknown,
      a: { groupId: string; logins: string[]; permissions: string[] },
      ctx: Ctx,
    ) {
      const changed = await ctx.clientele.groups.addCustomerUsersToGroup(
        ctx.actor(),
        a.groupId,
        a.logins,
        a.permissions,
      );
      return { requested: new Set(a.logins.map((l) => l.toLowerCase())).size, changed };
    },
    setGroupCustomers: (_: unknown, a: { groupId: string; grants: CustomerGrantInput[] }, ctx: Ctx) =>
      ctx.clientele.groups.setGroupCustomers(ctx.actor(), a.groupId, a.grants),
  },
  Group: {
    id: (g: GroupRecord) => String(g.id),
    valid: (g: GroupRecord) => g.validId,
    /** Direct grants; logins no backend knows any more are left out (CustomerUser! needs a user). */
    async customerUsers(g: GroupRecord, a: PageArgs, ctx: Ctx) {
      const grants = pageOf(
        await ctx.loaders.groupCustomerUsers.load(g.id),
        (x) => x.login,
        "customerUser",
        a,
        ctx,
      ).nodes;
      const users = await ctx.loaders.customerUser.loadMany(grants.map((x) => x.login));
      return grants.flatMap((grant, i) => {
        const user = users[i];
        return notNull(user) ? [{ customerUser: user, permissions: grant.permissions }] : [];
      });
    },
    async effectiveCustomerUsers(g: GroupRecord, a: { permission: Permission; raw: boolean }, ctx: Ctx) {
      const members = await ctx.clientele.permissions.effectiveMembers(g.id, a.permission, { raw: a.raw });
      return { ...members, customerUsers: capNestedList(members.customerUsers, ctx) };
    },
    customerUsersPageInfo: async (g: GroupRecord, a: PageArgs, ctx: Ctx) =>
      pageOf(await ctx.loaders.groupCustomerUsers.load(g.id), (x) => x.login, "customerUser", a, ctx)
        .pageInfo,
    customersPageInfo: async (g: GroupRecord, a: PageArgs, ctx: Ctx) =>
      pageOf(await ctx.loaders.groupCustomers.load(g.id), (x) => x.customerId, "customer", a, ctx).pageInfo,
    async customers(g: GroupRecord, a: PageArgs, ctx: Ctx) {
      const grants = pageOf(
        await ctx.loaders.groupCustomers.load(g.id),
        (x) => x.customerId,
        "customer",
        a,
        ctx,
      ).nodes;
      const customers = await ctx.loaders.customer.loadMany(grants.map((x) => x.customerId));
      return grants.flatMap((grant, i) => {
        const customer = customers[i];
        return notNull(customer)
          ? [{ customer, permissions: grant.permissions, context: grant.context }]
          : [];
      });
    },
  },
  GroupGrant: {
    context: (g: Partial<CustomerGroupGrant>) => g.context ?? null,
  },
  CustomerUser: {
    groups: (r: CustomerUserRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.customerUserGroups.load(r.login) as Promise<CustomerUserGroupGrant[]>,
    effectivePermissions: (r: CustomerUserRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.effectivePermissions.load(r),
    contextCustomerIds: (r: CustomerUserRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.contextCustomerIds.load(r),
  },
  Customer: {
    groups: (c: CustomerRecord, _: unknown, ctx: Ctx) => ctx.loaders.customerGroups.load(c.customerId),
  },
};
