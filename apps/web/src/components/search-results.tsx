import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { usePageTitle } from "../app/page-title";

/**
 * A searchable list's term, kept in `?search=` (deep links, back button); the tab reads
 * "Title: term" while one is set.
 */
export function useListSearch(title: string): { search: string; onSearch: (term: string) => void } {
  const [params, setParams] = useSearchParams();
  const search = params.get("search") ?? "";
  usePageTitle(search ? `${title}: ${search}` : title);
  return { search, onSearch: (term) => setParams(term ? { search: term } : {}) };
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
