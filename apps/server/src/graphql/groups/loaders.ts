import type {
  Clientele,
  CustomerGroupGrant,
  CustomerUserGroupGrant,
  CustomerUserRecord,
  EffectivePermission,
  Permission,
  PermissionContext,
  ServiceRecord,
  Settings,
} from "@clientele/domain";
import { DEFAULT_SERVICES_LOGIN } from "@clientele/domain";
import DataLoader from "dataloader";

/** The part of the request's loaders the permission loaders build on. */
interface BaseLoaders {
  customerIds: DataLoader<CustomerUserRecord, string[], string>;
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
     * Direct grants on a group, every row (the resolvers page them: `first`/`after`, else at most
     * `limits.maxLimit`, and join their customer users).
     */
    groupCustomerUserGrants: new DataLoader<number, { login: string; permissions: Permission[] }[]>(
      async (ids) => {
        const found = await clientele.groups.groupCustomerUserGrantsMany(ids);
        return ids.map((id) => found.get(id) ?? []);
      },
    ),
    /** Grants of customers on a group, every row, paged and joined like groupCustomerUserGrants. */
    groupCustomerGrants: new DataLoader<
      number,
      { customerId: string; permissions: Permission[]; context: PermissionContext }[]
    >(async (ids) => {
      const found = await clientele.groups.groupCustomerGrantsMany(ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    /** Explicit services by stored login; shared with effectiveServices and isDefault. */
    explicitServices,
    /** Explicit assignments of a service by stored login, every row, paged by the resolver. */
    serviceLogins: new DataLoader<number, string[]>(async (ids) => {
      const found = await clientele.services.serviceLoginsMany(ids);
      return ids.map((id) => found.get(id) ?? []);
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
