import { useQuery } from "@apollo/client/react";
import { type ReactNode, useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MatrixRow } from "../../components/assignment-matrix/assignment-matrix";
import { useNextPage } from "../../components/search-results";
import { type FragmentType, getFragmentData, graphql } from "../../gql";
import type { ValidState } from "../../gql/graphql";
import { GroupFields } from "../groups/operations";
import { ServiceFields } from "../services/operations";
import { PickCustomersQuery, PickCustomerUsersQuery, PickGroupsQuery, PickServicesQuery } from "./operations";

/**
 * How many records one request brings. Not a cap: when more match, the list says so and "Load more" asks for
 * the next page; typing in the filter searches all of them on the server.
 */
export const PAGE_SIZE = 1000;

/** A row for customer users, customers, groups or services. */
export type Row = MatrixRow;

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
export const byLabel = (a: Row, b: Row): number => collator.compare(a.label, b.label);

/** The filter as the user typed it, matched locally: every word somewhere in the row, `*` ignored. */
export function matchesFilter(row: Row, filter: string): boolean {
  const words = filter.toLowerCase().replace(/\*/g, " ").split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = `${row.label} ${row.detail ?? ""}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

export function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const handle = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(handle);
  }, [value, ms]);
  return debounced;
}

/**
 * The note shown beside a record that is not valid ("invalid", …), or null for a valid one. The
 * function stays the same object until the language changes, so memoised rows built with it are
 * rebuilt exactly when their labels would read differently.
 */
export function useMutedLabel(): (valid: ValidState) => string | null {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (valid: ValidState) => (valid === "VALID" ? null : t(`valid.${valid}`, { lng: language })),
    [t, language],
  );
}

/** A customer user as a row of a matrix or picker; spread wherever an assignment lists users. */
export const AssignmentUserFields = graphql(`
  fragment AssignmentUserFields on CustomerUser {
    login
    fullName
    customerId
    valid
  }
`);

/** A customer as a row of a matrix or picker. */
export const AssignmentCustomerFields = graphql(`
  fragment AssignmentCustomerFields on Customer {
    customerId
    name
    valid
  }
`);

export type AssignmentUser = FragmentType<typeof AssignmentUserFields>;
export type AssignmentCustomer = FragmentType<typeof AssignmentCustomerFields>;

export function userRow(masked: AssignmentUser, muted: (v: ValidState) => string | null): Row {
  const user = getFragmentData(AssignmentUserFields, masked);
  return {
    id: user.login,
    label: user.login,
    detail: `${user.fullName} · ${user.customerId}`,
    muted: muted(user.valid),
  };
}
export function customerRow(masked: AssignmentCustomer, muted: (v: ValidState) => string | null): Row {
  const customer = getFragmentData(AssignmentCustomerFields, masked);
  return {
    id: customer.customerId,
    label: customer.customerId,
    detail: customer.name,
    muted: muted(customer.valid),
  };
}

export interface RowList {
  rows: Row[];
  loading: boolean;
  /** Load-more notice when the server cut the list; null when everything matching is shown. */
  status: ReactNode;
  error: unknown;
}

interface ServerListOptions {
  filter: string;
  /** Rows that must be listed even when the server page does not bring them (the ticked ones). */
  pinned?: readonly Row[];
  /** Rows that may never be offered (e.g. the primary customer). */
  exclude?: (row: Row) => boolean;
  skip?: boolean;
}

function LoadMore({
  shown,
  onMore,
  loading,
  what,
}: {
  shown: number;
  onMore: () => void;
  loading: boolean;
  what: string;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="notice notice--warning load-more" role="status">
      <span>{t("matrix.moreMatch", { count: shown, what })}</span>
      <button type="button" className="button" onClick={onMore} disabled={loading}>
        {t("matrix.loadMore", { count: PAGE_SIZE })}
      </button>
    </div>
  );
}

/**
 * Merges the server's page with the pinned rows. While a new filter is on its way to the server the
 * rows already here are filtered locally, so typing feels instant.
 */
function useMergedRows(
  serverRows: readonly Row[] | undefined,
  serverTerm: string,
  { filter, pinned = [], exclude }: ServerListOptions,
): Row[] {
  const deferred = useDeferredValue(filter);
  return useMemo(() => {
    const seen = new Set<string>();
    const rows: Row[] = [];
    const upToDate = serverTerm === deferred.trim();
    for (const row of serverRows ?? []) {
      if (exclude?.(row) || seen.has(row.id)) continue;
      if (!upToDate && !matchesFilter(row, deferred)) continue;
      seen.add(row.id);
      rows.push(row);
    }
    let added = false;
    for (const row of pinned) {
      if (seen.has(row.id) || exclude?.(row) || !matchesFilter(row, deferred)) continue;
      seen.add(row.id);
      rows.push(row);
      added = true;
    }
    // The server sorts its page; pinned rows that were not on it are merged into the order.
    if (added) rows.sort(byLabel);
    return rows;
  }, [serverRows, serverTerm, deferred, pinned, exclude]);
}

/** Customer users searched on the server (all backends), first PAGE_SIZE, more on request. */
export function useCustomerUserRows(options: ServerListOptions): RowList {
  const { t } = useTranslation();
  const muted = useMutedLabel();
  const term = useDebounced(options.filter.trim());
  const { data, previousData, loading, error, fetchMore } = useQuery(PickCustomerUsersQuery, {
    variables: { search: term || null, first: PAGE_SIZE },
    skip: options.skip,
  });
  const result = (data ?? previousData)?.customerUsers;
  const { more, loadingMore } = useNextPage(data?.customerUsers.pageInfo, fetchMore);
  const serverRows = useMemo(() => result?.nodes.map((u) => userRow(u, muted)), [result, muted]);
  const rows = useMergedRows(serverRows, data ? term : "\u0000", options);
  const unavailable = result?.unavailableSources ?? [];
  const status = (
    <>
      {unavailable.length > 0 && (
        <div className="notice notice--warning" role="alert">
          {t("customerUsers.unavailable", { sources: unavailable.join(", ") })}
        </div>
      )}
      {result?.pageInfo.hasNextPage && (
        <LoadMore
          shown={result.nodes.length}
          what={t("matrix.whatCustomerUsers")}
          loading={loading || loadingMore}
          onMore={more}
        />
      )}
    </>
  );
  return { rows, loading, status, error };
}

/** Customers searched on the server, first PAGE_SIZE, more on request. */
export function useCustomerRows(options: ServerListOptions): RowList {
  const { t } = useTranslation();
  const muted = useMutedLabel();
  const term = useDebounced(options.filter.trim());
  const { data, previousData, loading, error, fetchMore } = useQuery(PickCustomersQuery, {
    variables: { search: term || null, first: PAGE_SIZE },
    skip: options.skip,
  });
  const result = (data ?? previousData)?.customers;
  const { more, loadingMore } = useNextPage(data?.customers.pageInfo, fetchMore);
  const serverRows = useMemo(() => result?.nodes.map((c) => customerRow(c, muted)), [result, muted]);
  const rows = useMergedRows(serverRows, data ? term : "\u0000", options);
  const status = result?.pageInfo.hasNextPage ? (
    <LoadMore
      shown={result.nodes.length}
      what={t("matrix.whatCustomers")}
      loading={loading || loadingMore}
      onMore={more}
    />
  ) : null;
  return { rows, loading, status, error };
}

/** A short catalog (groups, services) the server sends whole, filtered locally. */
function useCatalogRows(
  items:
    | readonly { id: string; name: string; comment?: string | null; valid: ValidState }[]
    | null
    | undefined,
  filter: string,
): Row[] {
  const muted = useMutedLabel();
  const deferred = useDeferredValue(filter);
  const all = useMemo(
    () =>
      (items ?? []).map((i): Row => ({ id: i.id, label: i.name, detail: i.comment, muted: muted(i.valid) })),
    [items, muted],
  );
  return useMemo(() => all.filter((r) => matchesFilter(r, deferred)), [all, deferred]);
}

/** Every group (there are few), filtered locally. */
export function useGroupRows(filter: string): RowList {
  const { data, loading, error } = useQuery(PickGroupsQuery, { fetchPolicy: "cache-and-network" });
  const rows = useCatalogRows(getFragmentData(GroupFields, data?.groups), filter);
  return { rows, loading, status: null, error };
}

/** Every service, filtered locally. */
export function useServiceRows(filter: string): RowList {
  const { data, loading, error } = useQuery(PickServicesQuery, { fetchPolicy: "cache-and-network" });
  const rows = useCatalogRows(getFragmentData(ServiceFields, data?.services), filter);
  return { rows, loading, status: null, error };
}
