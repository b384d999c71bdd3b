import {
  attributeValue,
  type CustomerUserField,
  type CustomerUserIdentity,
  type CustomerUserInput,
  type CustomerUserRecord,
  type Preference,
  type ValidId,
} from "@clientele/domain";
import { clientAddress, type GraphQLContext } from "../context";
import type { ResolverMap } from "../types";

type Ctx = GraphQLContext;
type Record_ = CustomerUserRecord;

const text = (field: CustomerUserField) => (r: Record_) => attributeValue(r, field);

export const customerUserResolvers: ResolverMap = {
  Query: {
    async customerUsers(
      _: unknown,
      a: {
        search?: string;
        customerId?: string;
        valid?: ValidId;
        source?: string;
        limit?: number;
        first?: number;
        after?: string;
      },
      ctx: Ctx,
    ) {
      const result = await ctx.clientele.customerUsers.search({
        search: a.search,
        customerId: a.customerId,
        validId: a.valid,
        source: a.source,
        limit: a.limit,
        first: a.first,
        after: a.after,
      });
      // Users of the reachable backends still arrive; each unreachable one adds an error beside the data.
      for (const error of result.unavailable) ctx.partialErrors.push({ error, path: ["customerUsers"] });
      return { ...result, unavailableSources: result.unavailable.map((e) => e.source) };
    },
    customerUser: (_: unknown, a: { login: string }, ctx: Ctx) => ctx.clientele.customerUsers.get(a.login),
    async customerUsersByEmail(_: unknown, a: { email: string }, ctx: Ctx) {
      const { records, unavailable } = await ctx.clientele.customerUsers.findByEmail(a.email);
      for (const error of unavailable) ctx.partialErrors.push({ error, path: ["customerUsersByEmail"] });
      return records;
    },
  },
  Mutation: {
    async createCustomerUser(_: unknown, a: { input: CustomerUserInput; source?: string }, ctx: Ctx) {
      const { record, generatedPassword } = await ctx.clientele.customerUsers.create(
        a.input,
        ctx.actor(),
        a.source,
      );
      return { customerUser: record, generatedPassword };
    },
    async setCustomerUsersValid(_: unknown, a: { logins: string[]; valid: ValidId }, ctx: Ctx) {
      const changed = await ctx.clientele.customerUsers.setValid(a.logins, a.valid, ctx.actor());
      return { requested: new Set(a.logins.map((l) => l.toLowerCase())).size, changed };
    },
    updateCustomerUser: (
      _: unknown,
      a: { login: string; input: CustomerUserInput; expectedChangedAt?: Date },
      ctx: Ctx,
    ) => ctx.clientele.customerUsers.update(a.login, a.input, ctx.actor(), a.expectedChangedAt),
    async setCustomerUserPassword(_: unknown, a: { login: string; password: string }, ctx: Ctx) {
      await ctx.clientele.customerUsers.setPassword(a.login, a.password, ctx.actor());
      return true;
    },
    authenticateCustomerUser: (_: unknown, a: { login: string; password: string }, ctx: Ctx) =>
      ctx.clientele.customerUserAuth.authenticate(a.login, a.password, clientAddress(ctx)),
    setCustomerUserCustomers: (_: unknown, a: { login: string; customerIds: string[] }, ctx: Ctx) =>
      ctx.clientele.customerUsers.setCustomers(a.login, a.customerIds, ctx.actor()),
    setCustomerUserPreferences: (_: unknown, a: { login: string; preferences: Preference[] }, ctx: Ctx) =>
      ctx.clientele.preferences.set(ctx.actor(), a.login, a.preferences),
    async addCustomerUsersToCustomer(_: unknown, a: { customerId: string; logins: string[] }, ctx: Ctx) {
      const changed = await ctx.clientele.customerUsers.addToCustomer(a.customerId, a.logins, ctx.actor());
      return { requested: new Set(a.logins.map((l) => l.toLowerCase())).size, changed };
    },
    async setCustomerCustomerUsers(_: unknown, a: { customerId: string; logins: string[] }, ctx: Ctx) {
      await ctx.clientele.customerUsers.setCustomerUsers(a.customerId, a.logins, ctx.actor());
      return ctx.clientele.customers.get(a.customerId);
    },
  },
  CustomerUserIdentity: {
    valid: (i: CustomerUserIdentity) => i.validId,
  },
  CustomerUser: {
    title: text("title"),
    firstName: (r: Record_) => attributeValue(r, "firstName") ?? "",
    lastName: (r: Record_) => attributeValue(r, "lastName") ?? "",
    email: (r: Record_) => attributeValue(r, "email") ?? "",
    customerId: (r: Record_) => attributeValue(r, "customerId") ?? "",
    phone: text("phone"),
    fax: text("fax"),
    mobile: text("mobile"),
    street: text("street"),
    zip: text("zip"),
    city: text("city"),
    country: text("country"),
    comment: text("comment"),
    valid: (r: Record_) => r.validId,
    fullName: (r: Record_, _: unknown, ctx: Ctx) => ctx.clientele.customerUsers.fullName(r),
    customer: (r: Record_, _: unknown, ctx: Ctx) => {
      const id = attributeValue(r, "customerId");
      return id ? ctx.loaders.customer.load(id) : null;
    },
    customerIds: (r: Record_, _: unknown, ctx: Ctx) => ctx.loaders.customerIds.load(r),
    preferences: (r: Record_, _: unknown, ctx: Ctx) => ctx.loaders.preferences.load(r.login),
    async customers(r: Record_, _: unknown, ctx: Ctx) {
      const ids = await ctx.loaders.extraCustomerIds.load(r.login);
      const customers = await ctx.loaders.customer.loadMany(ids);
      return customers.filter((c) => c && !(c instanceof Error));
    },
    attributes: (r: Record_, _: unknown, ctx: Ctx) =>
      ctx.clientele.customerUsers
        .sourceOf(r)
        .config.map.filter((row) => row.attribute !== "UserPassword")
        .map((row) => ({
          attribute: row.attribute,
          label: row.label,
          value: r.attributes[row.attribute] ?? null,
        })),
  },
};
