import { useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export interface PickerItem {
  id: string;
  label: string;
  detail?: string | null;
  /** Invalid records can still be picked; they look muted and say so. */
  muted?: string | null;
}

interface Props {
  /** Heading and accessible name of the list, e.g. "Customer users". */
  title: string;
  searchLabel: string;
  search: string;
  onSearch: (term: string) => void;
  items: readonly PickerItem[];
  /** The picked item's id, if any. */
  selected: string | null;
  /** Where picking an item leads (the screen with the item in its URL, so it can be bookmarked). */
  hrefFor: (item: PickerItem) => string;
  loading?: boolean;
  /** Notice and "load more" when the server cut the list. */
  status?: ReactNode;
  empty?: string;
}

const ITEM_HEIGHT = 48;

/** The left side of an assignment screen: search, then a list of links, one per item. */
export function ItemPicker({
  title,
  searchLabel,
  search,
  onSearch,
  items,
  selected,
  hrefFor,
  loading = false,
  status,
  empty,
}: Props): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ITEM_HEIGHT,
    overscan: 8,
    initialRect: { width: 300, height: 500 },
  });
  const virtual = virtualizer.getVirtualItems();
  return (
    <section className="picker" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <label htmlFor={`${id}-search`} className="picker-search-label">
        {searchLabel}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={search}
        onChange={(e) => onSearch(e.target.value)}
        autoComplete="off"
      />
      {status}
      <div ref={scrollRef} className="picker-scroll">
        {items.length === 0 ? (
          <p className="picker-state" role="status">
            {loading ? t("common.loading") : (empty ?? t("matrix.empty"))}
          </p>
        ) : (
          <ul aria-label={title} style={{ height: virtualizer.getTotalSize() }}>
            {virtual.map((v) => {
              const item = items[v.index]!;
              const current = item.id === selected;
              return (
                <li
                  key={item.id}
                  style={{ transform: `translateY(${v.start}px)`, height: ITEM_HEIGHT }}
                  className={item.muted ? "picker-item picker-item--muted" : "picker-item"}
                >
                  <Link to={hrefFor(item)} aria-current={current ? "true" : undefined}>
                    <span className="picker-label">{item.label}</span>
                    {(item.detail || item.muted) && (
                      <span className="picker-detail">
                        {[item.detail, item.muted].filter(Boolean).join(" · ")}
                      </span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
