import {
  attributeValue,
  type CustomerUserField,
  type CustomerUserRecord,
  FIELD_OF_ATTRIBUTE,
} from "@clientele/domain";
import type { Resolvers } from "../generated/resolvers";
import { readyOr } from "../loaders";
import {
  prefetchCustomerUserRelations,
  projectedFields,
  readsRelations,
  selectedNodeFields,
} from "./prefetch";

const text = (field: CustomerUserField) => (r: CustomerUserRecord) => attributeValue(r, field);

export const customerUserResolvers: Resolvers = {
  Query: {
    async customerUsers(_, a, ctx, info) {
      const selected = selectedNodeFields(info);
      const result = await ctx.clientele.customerUsers.search({
        search: a.search,
        customerId: a.customerId,
        validId: a.valid,
        source: a.source,
        limit: a.limit,
        first: a.first,
        after: a.after,
        fields: projectedFields(selected),
        forRelations: readsRelations(selected),
      });
      // Users of the reachable backends still arrive; each unreachable one adds an error beside the data.
      for (const error of result.unavailable) ctx.partialErrors.push({ error, path: ["customerUsers"] });
      await prefetchCustomerUserRelations(ctx, result.nodes, selected);
      return { ...result, unavailableSources: result.unavailable.map((e) => e.source) };
    },
    customerUser: (_, a, ctx) => ctx.clientele.customerUsers.get(a.login),
    async customerUsersByEmail(_, a, ctx) {
      const { records, unavailable } = await ctx.clientele.customerUsers.findByEmail(a.email);
      for (const error of unavailable) ctx.partialErrors.push({ error, path: ["customerUsersByEmail"] });
      return records;
    },
  },
  Mutation: {
    async createCustomerUser(_, a, ctx) {
      const { record, generatedPassword } = await ctx.clientele.customerUsers.create(
        a.input,
        ctx.actor(),
        a.source,
      );
      return { customerUser: record, generatedPassword };
    },
    setCustomerUsersValid: (_, a, ctx) =>
      ctx.clientele.customerUsers.setValid(a.logins, a.valid, ctx.actor()),
    updateCustomerUser: (_, a, ctx) =>
      ctx.clientele.customerUsers.update(a.login, a.input, ctx.actor(), a.expectedChangedAt),
    async setCustomerUserPassword(_, a, ctx) {
      await ctx.clientele.customerUsers.setPassword(a.login, a.password, ctx.actor());
      return true;
    },
    authenticateCustomerUser: (_, a, ctx) =>
      ctx.clientele.customerUserAuth.authenticate(a.login, a.password, ctx.clientAddress()),
    setCustomerUserCustomers: (_, a, ctx) =>
      ctx.clientele.customerUsers.setCustomers(a.login, a.customerIds, ctx.actor()),
    setCustomerUserPreferences: (_, a, ctx) =>
      ctx.clientele.preferences.set(ctx.actor(), a.login, a.preferences),
    addCustomerUsersToCustomer: (_, a, ctx) =>
      ctx.clientele.customerUsers.addToCustomer(a.customerId, a.logins, ctx.actor()),
    async setCustomerCustomerUsers(_, a, ctx) {
      await ctx.clientele.customerUsers.setCustomerUsers(a.customerId, a.logins, ctx.actor());
      return ctx.clientele.customers.require(a.customerId);
    },
  },
  CustomerUserIdentity: {
    valid: (i) => i.validId,
  },
  CustomerUser: {
    title: text("title"),
    firstName: (r) => attributeValue(r, "firstName") ?? "",
    lastName: (r) => attributeValue(r, "lastName") ?? "",
    email: (r) => attributeValue(r, "email") ?? "",
    customerId: (r) => attributeValue(r, "customerId") ?? "",
    phone: text("phone"),
    fax: text("fax"),
    mobile: text("mobile"),
    street: text("street"),
    zip: text("zip"),
    city: text("city"),
    country: text("country"),
    comment: text("comment"),
    valid: (r) => r.validId,
    fullName: (r, _, ctx) => ctx.clientele.customerUsers.fullName(r),
    customer: (r, _, ctx) =>
      readyOr(ctx.loaders.ready.customer, r, async () => {
        const id = attributeValue(r, "customerId");
        return id ? ctx.loaders.customer.load(id) : null;
      }),
    customerIds: (r, _, ctx) =>
      readyOr(ctx.loaders.ready.customerIds, r, () => ctx.loaders.customerIds.load(r)),
    preferences: (r, _, ctx) =>
      readyOr(ctx.loaders.ready.preferences, r, () => ctx.loaders.preferences.load(r.login)),
    customers: (r, _, ctx) =>
      readyOr(ctx.loaders.ready.customers, r, () => ctx.loaders.extraCustomers.load(r.login)),
    attributes: (r, { custom }, ctx) => {
      const values = ctx.clientele.customerUsers.attributes(r);
      // `custom: true` leaves out the attributes that have a typed field (UserEmail → email).
      return custom ? values.filter((v) => !FIELD_OF_ATTRIBUTE.has(v.attribute)) : values;
    },
  },
};
