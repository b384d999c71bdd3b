import { useCallback, useMemo, useState } from "react";

/** What is ticked per row: row id → the column ids ticked in it (e.g. `RO`, `RW`, or one `assigned`). */
export type Assignments = ReadonlyMap<string, ReadonlySet<string>>;

const NONE: ReadonlySet<string> = new Set();

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export interface MatrixDraft {
  /** The ticks of one row as the user sees them now (saved state plus local changes). */
  get: (rowId: string) => ReadonlySet<string>;
  /** Ticks or unticks one column in every given row (one row for a click, all shown for "select all"). */
  set: (rowIds: readonly string[], column: string, on: boolean) => void;
  /** True while the local state differs from what was loaded. */
  dirty: boolean;
  /** Rows with at least one tick, saved and unsaved, shown or not. */
  tickedCount: number;
  /** The whole set as it should be saved: every row with at least one tick. */
  result: () => Map<string, ReadonlySet<string>>;
  /** Forget the local changes (after a save, or on the user's request). */
  discard: () => void;
}

/**
 * The local draft of an assignment matrix. Only the rows the user touched are kept next to the loaded
 * state, so a list of 10,000 rows costs nothing until ticked, and "dirty" compares just the touched rows.
 */
export function useMatrixDraft(saved: Assignments): MatrixDraft {
  const [changes, setChanges] = useState<ReadonlyMap<string, ReadonlySet<string>>>(new Map());

  const get = useCallback(
    (rowId: string): ReadonlySet<string> => changes.get(rowId) ?? saved.get(rowId) ?? NONE,
    [changes, saved],
  );

  const set = useCallback(
    (rowIds: readonly string[], column: string, on: boolean): void => {
      setChanges((previous) => {
        const next = new Map(previous);
        for (const rowId of rowIds) {
          const current = next.get(rowId) ?? saved.get(rowId) ?? NONE;
          if (current.has(column) === on) continue;
          const updated = new Set(current);
          if (on) updated.add(column);
          else updated.delete(column);
          // A row changed back to its saved state is no longer a change.
          if (sameSet(updated, saved.get(rowId) ?? NONE)) next.delete(rowId);
          else next.set(rowId, updated);
        }
        return next;
      });
    },
    [saved],
  );

  const tickedCount = useMemo(() => {
    let count = 0;
    for (const [rowId, ticks] of saved) if (ticks.size > 0 && !changes.has(rowId)) count += 1;
    for (const ticks of changes.values()) if (ticks.size > 0) count += 1;
    return count;
  }, [saved, changes]);

  const result = useCallback((): Map<string, ReadonlySet<string>> => {
    const all = new Map<string, ReadonlySet<string>>();
    for (const [rowId, ticks] of saved) if (ticks.size > 0) all.set(rowId, ticks);
    for (const [rowId, ticks] of changes) {
      if (ticks.size > 0) all.set(rowId, ticks);
      else all.delete(rowId);
    }
    return all;
  }, [saved, changes]);

  const discard = useCallback(() => setChanges(new Map()), []);

  return { get, set, dirty: changes.size > 0, tickedCount, result, discard };
}
