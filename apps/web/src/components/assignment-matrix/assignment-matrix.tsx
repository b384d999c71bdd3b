import { useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useEffect, useId, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { MatrixDraft } from "./draft";
import "./assignment-matrix.css";

export interface MatrixColumn {
  id: string;
  label: string;
  /** Longer name for screen readers and the header's tooltip, e.g. "read-only". */
  description?: string;
  /** Columns this one implies: ticking RW shows RO as ticked too (and saves RO as OTOBO does: via RW). */
  implies?: readonly string[];
}

export interface MatrixRow {
  id: string;
  label: string;
  /** Second line: full name, customer, comment. */
  detail?: string | null;
  /** Invalid records stay assignable but look muted and say so. */
  muted?: string | null;
}

interface Props {
  /** Accessible name of the list, e.g. "Groups of anna.devries". */
  label: string;
  /** Header of the name column, e.g. "Group". */
  rowHeader: string;
  columns: readonly MatrixColumn[];
  /** The rows to show, already filtered. */
  rows: readonly MatrixRow[];
  draft: MatrixDraft;
  filter: string;
  onFilterChange: (filter: string) => void;
  filterLabel: string;
  /** Loading state, the notice when the server cut the list, a "load more" button. */
  status?: ReactNode;
  loading?: boolean;
  /** What to say when there are no rows. */
  empty?: ReactNode;
}

const ROW_HEIGHT = 44;

/**
 * A checkbox matrix: rows on the left, one checkbox column per permission (or a single "assigned"
 * column). Only the rows in view are in the DOM, so 10,000 rows scroll and filter like 10.
 */
export function AssignmentMatrix({
  label,
  rowHeader,
  columns,
  rows,
  draft,
  filter,
  onFilterChange,
  filterLabel,
  status,
  loading = false,
  empty,
}: Props): ReactNode {
  const { t } = useTranslation();
  const filterId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const single = columns.length === 1;

  // Which columns imply a column: RO is implied by RW.
  const impliedBy = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const column of columns) {
      for (const implied of column.implies ?? []) map.set(implied, [...(map.get(implied) ?? []), column.id]);
    }
    return map;
  }, [columns]);

  const effective = (ticks: ReadonlySet<string>, column: string): boolean =>
    ticks.has(column) || (impliedBy.get(column) ?? []).some((c) => ticks.has(c));

  const rowIds = useMemo(() => rows.map((r) => r.id), [rows]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 800, height: 520 },
  });
  // A new filter starts at the top of its results.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of filter scrolls
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [filter]);

  const items = virtualizer.getVirtualItems();
  const paddingTop = items.length > 0 ? items[0]!.start : 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <div className="matrix">
      <div className="matrix-toolbar">
        <div className="matrix-filter">
          <label htmlFor={filterId}>{filterLabel}</label>
          <input
            id={filterId}
            type="search"
            value={filter}
            onChange={(e) => onFilterChange(e.target.value)}
            autoComplete="off"
          />
        </div>
        <p className="matrix-counts" aria-live="polite">
          <span>{t("matrix.ticked", { count: draft.tickedCount })}</span>
          <span>
            {loading
              ? t("matrix.shownSoFar", { count: rows.length })
              : t("matrix.shown", { count: rows.length })}
          </span>
        </p>
      </div>
      {status}
      {/* Above the list: below it, the sticky Save bar would cover it. */}
      {columns.some((c) => c.implies?.length) && <p className="field-hint">{t("matrix.impliedHint")}</p>}
      {loading && rows.length > 0 && (
        <p className="matrix-loading-more" role="status">
          {t("matrix.stillLoading")}
        </p>
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: a scroll container around the table, not a page section */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the list scrolls on its own, so it must be reachable by keyboard */}
      <div ref={scrollRef} className="matrix-scroll" role="region" aria-label={label} tabIndex={0}>
        <table
          className="matrix-table"
          aria-label={label}
          aria-rowcount={rows.length + 1}
          aria-busy={loading}
        >
          <thead>
            <tr>
              <th scope="col" className="matrix-name">
                {rowHeader}
              </th>
              {columns.map((column) => (
                <th key={column.id} scope="col" className="matrix-tick">
                  <SelectAllShown
                    column={column}
                    single={single}
                    rowIds={rowIds}
                    isTicked={(rowId) => effective(draft.get(rowId), column.id)}
                    isOwn={(rowId) => draft.get(rowId).has(column.id)}
                    onChange={(on) => draft.set(rowIds, column.id, on)}
                  />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length + 1} className="matrix-state">
                  {loading ? <span role="status">{t("common.loading")}</span> : (empty ?? t("matrix.empty"))}
                </td>
              </tr>
            ) : (
              <>
                {paddingTop > 0 && (
                  // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: spacer for the rows scrolled out of view
                  <tr role="presentation" style={{ height: paddingTop }}>
                    <td colSpan={columns.length + 1} />
                  </tr>
                )}
                {items.map((item) => {
                  const row = rows[item.index]!;
                  const ticks = draft.get(row.id);
                  return (
                    <tr
                      key={row.id}
                      aria-rowindex={item.index + 2}
                      className={row.muted ? "matrix-row matrix-row--muted" : "matrix-row"}
                      style={{ height: ROW_HEIGHT }}
                    >
                      <th scope="row" className="matrix-name">
                        <span className="matrix-label">{row.label}</span>
                        {row.detail && <span className="matrix-detail">{row.detail}</span>}
                        {row.muted && <span className="matrix-muted-note">{row.muted}</span>}
                      </th>
                      {columns.map((column) => {
                        const own = ticks.has(column.id);
                        const implying = (impliedBy.get(column.id) ?? []).filter((c) => ticks.has(c));
                        const implied = implying.length > 0;
                        const implyingLabels = implying
                          .map((c) => columns.find((x) => x.id === c)?.label ?? c)
                          .join(", ");
                        return (
                          <td key={column.id} className="matrix-tick">
                            <input
                              type="checkbox"
                              checked={own || implied}
                              disabled={implied}
                              aria-label={
                                single
                                  ? row.label
                                  : t("matrix.cellLabel", { column: column.label, row: row.label })
                              }
                              title={implied ? t("matrix.impliedBy", { column: implyingLabels }) : undefined}
                              className={implied && !own ? "matrix-implied" : undefined}
                              onChange={(e) => draft.set([row.id], column.id, e.target.checked)}
                            />
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
                {paddingBottom > 0 && (
                  // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: spacer for the rows scrolled out of view
                  <tr role="presentation" style={{ height: paddingBottom }}>
                    <td colSpan={columns.length + 1} />
                  </tr>
                )}
              </>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface SelectAllProps {
  column: MatrixColumn;
  single: boolean;
  rowIds: readonly string[];
  isTicked: (rowId: string) => boolean;
  /** Ticked in this column itself, not only implied by another one. */
  isOwn: (rowId: string) => boolean;
  onChange: (on: boolean) => void;
}

/** The column header's "select all shown" box: ticked when every shown row is, mixed when some are. */
function SelectAllShown({ column, single, rowIds, isTicked, isOwn, onChange }: SelectAllProps): ReactNode {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  let ticked = 0;
  let own = 0;
  for (const id of rowIds) {
    if (isTicked(id)) ticked += 1;
    if (isOwn(id)) own += 1;
  }
  const all = rowIds.length > 0 && ticked === rowIds.length;
  // Every shown RO implied by RW: unticking the column would change nothing, so it cannot be clicked.
  const onlyImplied = all && own === 0;
  const some = ticked > 0 && !all;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some;
  }, [some]);
  const name = single ? t("matrix.selectAllShown") : t("matrix.selectAllShownIn", { column: column.label });
  return (
    <label className="matrix-select-all" title={column.description}>
      <input
        ref={ref}
        type="checkbox"
        checked={all}
        disabled={rowIds.length === 0 || onlyImplied}
        aria-label={name}
        onChange={() => onChange(!all)}
      />
      <span aria-hidden="true">{single ? t("matrix.selectAllShown") : column.label}</span>
    </label>
  );
}
