import type {
  Clientele,
  CustomerGroupGrant,
  CustomerRecord,
  CustomerUserGroupGrant,
  CustomerUserRecord,
  EffectivePermission,
  Permission,
  PermissionContext,
  ServiceRecord,
  Settings,
} from "@clientele/domain";
import { DEFAULT_SERVICES_LOGIN, withFound } from "@clientele/domain";
import DataLoader from "dataloader";
import { capNestedList } from "../nested-lists";

/** The part of the request's loaders the permission loaders build on. */
interface BaseLoaders {
  customerIds: DataLoader<CustomerUserRecord, string[], string>;
  customer: DataLoader<string, CustomerRecord | null>;
  customerUser: DataLoader<string, CustomerUserRecord | null>;
}

const recordKey = (r: CustomerUserRecord) => `${r.source}\u0000${r.login}`;

/** Memoises one value per request (settings, the set of default services). */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => {
    promise ??= load();
    return promise;
  };
}

/**
 * Per-request loaders for groups, services, settings and effective permissions. Each batches all
 * rows of a response into one domain call, so the cost of a list does not grow with its length.
 */
export function createRelationLoaders(clientele: Clientele, base: BaseLoaders) {
  const settings = once<Settings>(() => clientele.settings.get());
  const cap = <T>(items: readonly T[]) => capNestedList(items, clientele.config.limits);

  /** Known settings and customer ids let the permission service skip queries already made. */
  const batchOptions = async (records: readonly CustomerUserRecord[]) => {
    const [known, ids] = await Promise.all([settings(), base.customerIds.loadMany(records)]);
    const customerIds = new Map<string, string[]>();
    records.forEach((r, i) => {
      const value = ids[i];
      if (Array.isArray(value)) customerIds.set(r.login.toLowerCase(), value);
    });
    return { settings: known, customerIds };
  };

  const perRecord = <T>(
    batch: (records: readonly CustomerUserRecord[]) => Promise<Map<string, T>>,
    empty: T,
  ) =>
    new DataLoader<CustomerUserRecord, T, string>(
      async (records) => {
        const found = await batch(records);
        return records.map((r) => found.get(r.login.toLowerCase()) ?? empty);
      },
      { cacheKeyFn: recordKey },
    );

  // Every batch also reads the default services (`<DEFAULT>`) and primes them, so effectiveServices
  // and isDefault never need a query of their own.
  const explicitServices: DataLoader<string, ServiceRecord[]> = new DataLoader(async (logins) => {
    const found = await clientele.services.explicitServicesMany([...logins, DEFAULT_SERVICES_LOGIN]);
    if (!logins.includes(DEFAULT_SERVICES_LOGIN)) {
      explicitServices.prime(DEFAULT_SERVICES_LOGIN, found.get(DEFAULT_SERVICES_LOGIN) ?? []);
    }
    return logins.map((l) => found.get(l) ?? []);
  });

  return {
    settings,
    /** The default services are the explicit services of OTOBO's `<DEFAULT>` login. */
    defaultServiceIds: async () =>
      new Set((await explicitServices.load(DEFAULT_SERVICES_LOGIN)).map((s) => s.id)),
    /** Direct grants by stored login. */
    customerUserGroups: new DataLoader<string, CustomerUserGroupGrant[]>(async (logins) => {
      const found = await clientele.groups.customerUserGrantsMany(logins);
      return logins.map((l) => found.get(l) ?? []);
    }),
    /** Grants of customers by stored customer id. */
    customerGroups: new DataLoader<string, CustomerGroupGrant[]>(async (ids) => {
      const found = await clientele.groups.customerGrantsMany(ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    /**
     * Direct grants on a group with their customer users, at most `limits.maxLimit` (a nested list
     * has no `limit` argument); grants of logins no backend knows any more are left out.
     */
    groupCustomerUsers: new DataLoader<
      number,
      { customerUser: CustomerUserRecord; permissions: Permission[] }[]
    >(async (ids) => {
      const found = await clientele.groups.groupCustomerUserGrantsMany(ids);
      return Promise.all(
        ids.map(async (id) => {
          const grants = cap(found.get(id) ?? []);
          const users = await base.customerUser.loadMany(grants.map((g) => g.login));
          return withFound(grants, users, (g, customerUser) => ({
            customerUser,
            permissions: g.permissions,
          }));
        }),
      );
    }),
    /** Grants of customers on a group with their customers, capped and joined like groupCustomerUsers. */
    groupCustomers: new DataLoader<
      number,
      { customer: CustomerRecord; permissions: Permission[]; context: PermissionContext }[]
    >(async (ids) => {
      const found = await clientele.groups.groupCustomerGrantsMany(ids);
      return Promise.all(
        ids.map(async (id) => {
          const grants = cap(found.get(id) ?? []);
          const customers = await base.customer.loadMany(grants.map((g) => g.customerId));
          return withFound(grants, customers, (g, customer) => ({
            customer,
            permissions: g.permissions,
            context: g.context,
          }));
        }),
      );
    }),
    /** Explicit services by stored login; shared with effectiveServices and isDefault. */
    explicitServices,
    /** Explicit assignments of a service, capped; logins no backend knows any more are left out. */
    serviceCustomerUsers: new DataLoader<number, CustomerUserRecord[]>(async (ids) => {
      const found = await clientele.services.serviceLoginsMany(ids);
      return Promise.all(
        ids.map(async (id) => {
          const logins = cap(found.get(id) ?? []);
          return withFound(logins, await base.customerUser.loadMany(logins), (_, user) => user);
        }),
      );
    }),
    effectivePermissions: perRecord<EffectivePermission[]>(
      async (records) => clientele.permissions.effectiveForMany(records, await batchOptions(records)),
      [],
    ),
    effectiveServices: perRecord<ServiceRecord[]>(
      async (records) =>
        clientele.permissions.effectiveServicesForMany(records, { settings: await settings() }),
      [],
    ),
    contextCustomerIds: perRecord<string[]>(
      async (records) => clientele.permissions.contextCustomersMany(records, await batchOptions(records)),
      [],
    ),
  };
}

export type RelationLoaders = ReturnType<typeof createRelationLoaders>;
