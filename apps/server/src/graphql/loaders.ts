import type {
  Clientele,
  CustomerRecord,
  CustomerUserRecord,
  PageInfo,
  Preference,
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
      async (records) => clientele.customerUsers.customerIdsMany(records),
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
    extraCustomerIds: new DataLoader<string, string[]>(async (logins) => {
      const found = await clientele.customerUsers.extraCustomerIds(logins);
      return logins.map((l) => found.get(l) ?? []);
    }),
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
  return { ...loaders, extraCustomers, customerUsersOf, ...createRelationLoaders(clientele, loaders) };
}

export type Loaders = ReturnType<typeof createLoaders>;
