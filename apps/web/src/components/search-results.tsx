import { type ReactNode, useEffect } from "react";
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
  result: { nodes: readonly unknown[]; limit: number; limitReached: boolean } | null | undefined;
}

/** How many matched, and a warning when the server stopped at its limit and a narrower search is needed. */
export function SearchResultCount({ countKey, result }: Props): ReactNode {
  const { t } = useTranslation();
  if (!result) return null;
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
