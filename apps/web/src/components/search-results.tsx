import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useSearchParams } from "react-router";
import { usePageTitle } from "../app/page-title";
import { rememberListUrl } from "./list-return";

export interface ListSort {
  id: string;
  desc: boolean;
}

/** `?sort=login` ascending, `?sort=-login` descending. */
export function parseSort(value: string | null): ListSort | null {
  if (!value || value === "-") return null;
  return value.startsWith("-") ? { id: value.slice(1), desc: true } : { id: value, desc: false };
}

export function formatSort(sort: ListSort | null): string | null {
  return sort ? `${sort.desc ? "-" : ""}${sort.id}` : null;
}

/**
 * A searchable list's term and sort, kept in `?search=` and `?sort=` (deep links, back button); the
 * tab reads "Title: term" while one is set. The list's address is remembered so that a form's Cancel
 * and "Save and finish" come back to the same search and sort.
 */
export function useListSearch(title: string): {
  search: string;
  onSearch: (term: string) => void;
  sort: ListSort | null;
  onSortChange: (sort: ListSort | null) => void;
} {
  const [params, setParams] = useSearchParams();
  const { pathname, search: query } = useLocation();
  const search = params.get("search") ?? "";
  const sort = parseSort(params.get("sort"));
  usePageTitle(search ? `${title}: ${search}` : title);
  useEffect(() => rememberListUrl(pathname, `${pathname}${query}`), [pathname, query]);
  const write = (term: string, nextSort: ListSort | null, replace: boolean): void => {
    const next = new URLSearchParams();
    if (term) next.set("search", term);
    const s = formatSort(nextSort);
    if (s) next.set("sort", s);
    setParams(next, { replace });
  };
  return {
    search,
    onSearch: (term) => write(term, sort, false),
    sort,
    // A new sort replaces the entry: Back goes to the previous search, not through every click.
    onSortChange: (next) => write(search, next, true),
  };
}

interface Props {
  /** Translation key of the "N … found" line. */
  countKey: string;
  /** The server's answer; nothing is shown before it arrives. */
  result:
    | {
        nodes: readonly unknown[];
        limit: number;
        limitReached: boolean;
        pageInfo?: { hasNextPage: boolean } | null;
      }
    | null
    | undefined;
  /** Loads the next page (cursor paging); without it a cut list only says so. */
  onMore?: () => void;
  loadingMore?: boolean;
}

/**
 * How many matched, and a warning when the server stopped at its limit: with `onMore` a "load more"
 * button fetches the next page, otherwise a narrower search is needed.
 */
export function SearchResultCount({ countKey, result, onMore, loadingMore = false }: Props): ReactNode {
  const { t } = useTranslation();
  if (!result) return null;
  if (onMore && result.pageInfo) {
    return (
      <>
        <p className="result-count" role="status">
          {t(countKey, { count: result.nodes.length })}
        </p>
        {result.pageInfo.hasNextPage && (
          <div className="notice notice--warning load-more" role="alert">
            <span>{t("search.moreMatch", { count: result.nodes.length })}</span>
            <button type="button" className="button" onClick={onMore} disabled={loadingMore}>
              {t("search.loadMore", { count: result.limit })}
            </button>
          </div>
        )}
      </>
    );
  }
  return (
    <>
      <p className="result-count" role="status">
        {t(countKey, { count: result.nodes.length })}
      </p>
      {result.limitReached && (
        <div className="notice notice--warning" role="alert">
          {t("search.limitReached", { limit: result.limit })}
        </div>
      )}
    </>
  );
}

interface NextPageInfo {
  endCursor?: string | null;
  hasNextPage: boolean;
}

/**
 * "Load more": fetches the page after the list's last cursor and appends it (the cache's merge in
 * `app/apollo.ts`, or the `updateQuery` of a list kept out of the cache); a new search term starts
 * with one page again.
 */
export function useNextPage(
  pageInfo: NextPageInfo | null | undefined,
  fetchMore: (options: { variables: { after: string } }) => Promise<unknown>,
): { more: () => void; loadingMore: boolean } {
  const [loadingMore, setLoadingMore] = useState(false);
  const more = () => {
    const after = pageInfo?.endCursor;
    if (!after || loadingMore) return;
    setLoadingMore(true);
    fetchMore({ variables: { after } }).finally(() => setLoadingMore(false));
  };
  return { more, loadingMore };
}
