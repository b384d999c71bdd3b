import {
  type ColumnDef,
  createSortedRowModel,
  type RowData,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";

/** One column as screens describe it; TanStack stays an implementation detail of this file. */
export interface DataColumn<T> {
  id: string;
  header: string;
  /** The value used for sorting (and shown when there is no `cell`). */
  value: (row: T) => string | number | null | undefined;
  cell?: (row: T) => ReactNode;
  sortable?: boolean;
  /** CSS width of the column; long lists use a fixed layout, so give the wide columns room. */
  width?: string;
}

export interface DataTableProps<T> {
  /** Accessible name of the table. */
  label: string;
  data: readonly T[];
  columns: readonly DataColumn<T>[];
  rowId: (row: T) => string;
  /** Rows shown muted, e.g. invalid and invalid-temporarily records. */
  isMuted?: (row: T) => boolean;
  loading?: boolean;
  empty?: ReactNode;
  initialSort?: { id: string; desc?: boolean };
  /** A sort kept outside (e.g. in the URL); with it, `onSortChange` hears every change. */
  sort?: { id: string; desc: boolean } | null;
  onSortChange?: (sort: { id: string; desc: boolean } | null) => void;
  /** Opens a row's record: a click anywhere on the row (links and controls in it keep their own click). */
  onOpenRow?: (row: T) => void;
  /** Above this many rows only the visible ones are in the DOM. */
  virtualizeAbove?: number;
  /** A leading checkbox column for bulk actions; the header box selects every row of `data`. */
  selection?: RowSelection<T>;
}

export interface RowSelection<T> {
  selected: ReadonlySet<string>;
  onChange: (ids: readonly string[], selected: boolean) => void;
  /** Accessible name of a row's box, e.g. "Select okafor". */
  rowLabel: (row: T) => string;
  /** Accessible name of the header box. */
  allLabel: string;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
});

const ROW_HEIGHT = 37;
const EMPTY: never[] = [];

export function DataTable<T extends RowData>({
  label,
  data,
  columns,
  rowId,
  isMuted,
  loading = false,
  empty,
  initialSort,
  sort,
  onSortChange,
  onOpenRow,
  virtualizeAbove = 150,
  selection,
}: DataTableProps<T>): ReactNode {
  const { t } = useTranslation();
  const tableColumns = useMemo(
    () =>
      columns.map(
        (c): ColumnDef<typeof features, T, unknown> => ({
          id: c.id,
          accessorFn: (row: T) => blankToUndefined(c.value(row)),
          header: c.header,
          enableSorting: c.sortable !== false,
          sortFn: (a, b, id) => compare(a.getValue(id), b.getValue(id)),
          sortUndefined: "last",
          cell: c.cell ? (ctx) => c.cell?.(ctx.row.original) : (ctx) => String(ctx.getValue() ?? ""),
        }),
      ),
    [columns],
  );
  const initialSorting: SortingState = initialSort
    ? [{ id: initialSort.id, desc: initialSort.desc ?? false }]
    : [];
  const controlled = sort !== undefined && onSortChange !== undefined;
  const sorting: SortingState = sort ? [{ id: sort.id, desc: sort.desc }] : initialSorting;
  const table = useTable({
    features,
    columns: tableColumns,
    data: (data as T[]) ?? EMPTY,
    getRowId: (row: T) => rowId(row),
    initialState: { sorting: initialSorting },
    enableSortingRemoval: false,
    ...(controlled
      ? {
          state: { sorting },
          onSortingChange: (updater: SortingState | ((old: SortingState) => SortingState)) => {
            const next = typeof updater === "function" ? updater(sorting) : updater;
            onSortChange(next[0] ? { id: next[0].id, desc: next[0].desc } : null);
          },
        }
      : {}),
  });
  const rows = table.getRowModel().rows;
  const widths = new Map(columns.map((c) => [c.id, c.width]));
  const plain = new Set(columns.filter((c) => !c.cell).map((c) => c.id));
  const virtual = rows.length > virtualizeAbove;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
    // Let React batch scroll updates instead of rendering synchronously on every scroll event.
    useFlushSync: false,
  });

  const items = virtual ? virtualizer.getVirtualItems() : [];
  const visible = virtual
    ? items.map((item) => ({ row: rows[item.index]!, position: item.index }))
    : rows.map((row, position) => ({ row, position }));
  const paddingTop = virtual && items.length > 0 ? items[0]!.start : 0;
  const paddingBottom =
    virtual && items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const columnCount = columns.length + (selection ? 1 : 0);
  const allIds = selection ? rows.map((r) => r.id) : [];
  const selectedShown = selection ? allIds.filter((id) => selection.selected.has(id)).length : 0;

  return (
    <div
      ref={scrollRef}
      className={virtual ? "data-table-scroll data-table-scroll--virtual" : "data-table-scroll"}
      // A scrolling list must be reachable (and scrollable) by keyboard.
      {...(virtual ? { role: "region", "aria-label": label, tabIndex: 0 } : {})}
    >
      <table className="data-table" aria-label={label} aria-rowcount={rows.length + 1} aria-busy={loading}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {selection && (
                <th scope="col" className="select-cell">
                  <input
                    type="checkbox"
                    aria-label={selection.allLabel}
                    checked={allIds.length > 0 && selectedShown === allIds.length}
                    ref={(el) => {
                      if (el) el.indeterminate = selectedShown > 0 && selectedShown < allIds.length;
                    }}
                    disabled={allIds.length === 0}
                    onChange={(e) => selection.onChange(allIds, e.target.checked)}
                  />
                </th>
              )}
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                const title = String(header.column.columnDef.header ?? "");
                return (
                  <th
                    key={header.id}
                    scope="col"
                    style={widths.get(header.column.id) ? { width: widths.get(header.column.id) } : undefined}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  >
                    {canSort ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={header.column.getToggleSortingHandler()}
                        title={t("table.sortBy", { column: title })}
                      >
                        {title}
                        <span aria-hidden="true" className="sort-indicator">
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                        </span>
                      </button>
                    ) : (
                      title
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {loading && rows.length === 0 ? (
            <>
              <tr>
                <td colSpan={columnCount} className="data-table-state">
                  <span role="status">{t("common.loading")}</span>
                </td>
              </tr>
              {/* Placeholder rows: the list is coming, not empty. */}
              {[0, 1, 2].map((i) => (
                // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: placeholder, not a row of data
                <tr key={`skeleton-${i}`} className="skeleton-row" role="presentation">
                  <td colSpan={columnCount}>
                    <span />
                  </td>
                </tr>
              ))}
            </>
          ) : rows.length === 0 ? (
            <tr>
              <td colSpan={columnCount} className="data-table-state">
                {empty ?? t("table.empty")}
              </td>
            </tr>
          ) : (
            <>
              {paddingTop > 0 && (
                // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: spacer for the rows scrolled out of view, not a row of data
                <tr role="presentation" className="data-table-spacer" style={{ height: paddingTop }}>
                  <td colSpan={columnCount} />
                </tr>
              )}
              {visible.map(({ row, position }) => (
                <tr
                  key={row.id}
                  aria-rowindex={position + 2}
                  className={
                    [isMuted?.(row.original) ? "row-muted" : "", onOpenRow ? "row-openable" : ""]
                      .filter(Boolean)
                      .join(" ") || undefined
                  }
                  style={virtual ? { height: ROW_HEIGHT } : undefined}
                  // The row's first link is the keyboard's way in (Enter); the click is a wider target for the mouse.
                  onClick={
                    onOpenRow
                      ? (e) => {
                          if ((e.target as Element).closest("a, button, input, select, label, textarea"))
                            return;
                          if (window.getSelection()?.toString()) return;
                          onOpenRow(row.original);
                        }
                      : undefined
                  }
                >
                  {selection && (
                    <td className="select-cell">
                      <input
                        type="checkbox"
                        aria-label={selection.rowLabel(row.original)}
                        checked={selection.selected.has(row.id)}
                        onChange={(e) => selection.onChange([row.id], e.target.checked)}
                      />
                    </td>
                  )}
                  {row.getAllCells().map((cell) => (
                    <td
                      key={cell.id}
                      // Cut-off text stays readable on hover.
                      title={
                        plain.has(cell.column.id) ? String(cell.getValue() ?? "") || undefined : undefined
                      }
                    >
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
              {paddingBottom > 0 && (
                // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: spacer for the rows scrolled out of view, not a row of data
                <tr role="presentation" className="data-table-spacer" style={{ height: paddingBottom }}>
                  <td colSpan={columnCount} />
                </tr>
              )}
            </>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Empty values become undefined so that they sort last in both directions. */
function blankToUndefined(value: string | number | null | undefined): string | number | undefined {
  return value === null || value === undefined || value === "" ? undefined : value;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Case-insensitive, number-aware ordering (user2 before user10), like a person sorts. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a ?? ""), String(b ?? ""));
}
