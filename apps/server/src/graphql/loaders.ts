import type {
  Clientele,
  CustomerRecord,
  CustomerUserGroupGrant,
  CustomerUserRecord,
  EffectivePermission,
  PageInfo,
  Preference,
  ServiceRecord,
  TicketValue,
} from "@clientele/domain";
import { withFound } from "@clientele/domain";
import DataLoader from "dataloader";
import { createRelationLoaders } from "./groups/loaders";

/**
 * Per-request DataLoaders for every relation field, so a list of 1000 customer users with their
 * customers costs a handful of queries rather than one per row.
 */
export function createLoaders(clientele: Clientele) {
  const recordKey = (r: CustomerUserRecord) => `${r.source}\u0000${r.login}`;
  // Assigned customer ids (customer_user_customer) by stored login: the one query behind
  // customerIds, customers and the permission rules.
  const extraCustomerIds = new DataLoader<string, string[]>(async (logins) => {
    const found = await clientele.customerUsers.extraCustomerIds(logins);
    return logins.map((l) => found.get(l) ?? []);
  });
  const loaders = {
    customer: new DataLoader<string, CustomerRecord | null>(async (ids) => {
      const found = await clientele.customers.getMany(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    customerUser: new DataLoader<string, CustomerUserRecord | null>(async (logins) => {
      const found = await clientele.customerUsers.getMany(logins);
      return logins.map((l) => found.get(l.toLowerCase()) ?? null);
    }),
    customerIds: new DataLoader<CustomerUserRecord, string[], string>(
      async (records) => {
        const logins = records.map((r) => r.login);
        const extras = await extraCustomerIds.loadMany(logins);
        const known = new Map<string, string[]>();
        logins.forEach((login, i) => {
          const value = extras[i];
          if (Array.isArray(value)) known.set(login, value);
        });
        return clientele.customerUsers.customerIdsMany(records, known);
      },
      { cacheKeyFn: recordKey },
    ),
    preferences: new DataLoader<string, Preference[]>(async (logins) => {
      const found = await clientele.preferences.getMany(logins);
      return logins.map((l) => found.get(l) ?? []);
    }),
    ticketValues: new DataLoader<number, TicketValue[]>(async (ids) => {
      const found = await clientele.tickets.valuesMany(ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    extraCustomerIds,
  };
  /** A user's assigned extra customers; customers that no longer exist are left out. */
  const extraCustomers = new DataLoader<string, CustomerRecord[]>((logins) =>
    Promise.all(
      logins.map(async (login) => {
        const ids = await loaders.extraCustomerIds.load(login);
        return withFound(ids, await loaders.customer.loadMany(ids), (_, customer) => customer);
      }),
    ),
  );
  // Customer.customerUsers: one batch per distinct (first, after) in a response, each a fixed number of statements.
  const customerUserPages = new Map<
    string,
    DataLoader<string, { nodes: CustomerUserRecord[]; pageInfo: PageInfo }>
  >();
  const customerUsersOf = (page: { first: number; after?: string | null }) => {
    const key = JSON.stringify([page.first, page.after ?? null]);
    let loader = customerUserPages.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = await clientele.customerUsers.customerUsersOfMany(ids, page);
        return ids.map(
          (id) => found.get(id) ?? { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } },
        );
      });
      customerUserPages.set(key, loader);
    }
    return loader;
  };
  return {
    ...loaders,
    extraCustomers,
    customerUsersOf,
    ...createRelationLoaders(clientele, loaders),
    ready: createReadyValues(),
  };
}

/**
 * Relation values of the customer users of a list, read ahead in batches before the list is
 * returned (`customer-users/prefetch.ts`), keyed by the record itself: the field resolvers answer
 * from here synchronously, so a 1000-row response does not wait on tens of thousands of promises.
 */
function createReadyValues() {
  return {
    customer: new Map<CustomerUserRecord, CustomerRecord | null>(),
    customerIds: new Map<CustomerUserRecord, string[]>(),
    customers: new Map<CustomerUserRecord, CustomerRecord[]>(),
    groups: new Map<CustomerUserRecord, CustomerUserGroupGrant[]>(),
    effectivePermissions: new Map<CustomerUserRecord, EffectivePermission[]>(),
    contextCustomerIds: new Map<CustomerUserRecord, string[]>(),
    services: new Map<CustomerUserRecord, ServiceRecord[]>(),
    effectiveServices: new Map<CustomerUserRecord, ServiceRecord[]>(),
    preferences: new Map<CustomerUserRecord, Preference[]>(),
    /** Ids of the default services, once they were read in this request. */
    defaultServiceIds: null as Set<number> | null,
  };
}

export type ReadyValues = ReturnType<typeof createReadyValues>;

/** The value read ahead for the record, else the loader's promise. */
export function readyOr<T>(
  map: Map<CustomerUserRecord, T>,
  record: CustomerUserRecord,
  load: () => Promise<T>,
): T | Promise<T> {
  const value = map.get(record);
  return value !== undefined || map.has(record) ? (value as T) : load();
}

export type Loaders = ReturnType<typeof createLoaders>;
