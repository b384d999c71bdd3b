import { type ReactNode, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";

/** Which columns of a list are hidden, remembered per list in this browser. */
export function useHiddenColumns(listKey: string): {
  hidden: ReadonlySet<string>;
  toggle: (id: string, shown: boolean) => void;
} {
  const key = `clientele.columns.${listKey}`;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => {
    try {
      const stored = JSON.parse(localStorage.getItem(key) ?? "[]");
      return new Set(Array.isArray(stored) ? stored.filter((s) => typeof s === "string") : []);
    } catch {
      return new Set();
    }
  });
  const toggle = useCallback(
    (id: string, shown: boolean) => {
      setHidden((current) => {
        const next = new Set(current);
        if (shown) next.delete(id);
        else next.add(id);
        try {
          localStorage.setItem(key, JSON.stringify([...next]));
        } catch {
          // Not remembered; the choice still applies now.
        }
        return next;
      });
    },
    [key],
  );
  return { hidden, toggle };
}

interface Props {
  columns: readonly { id: string; header: string }[];
  hidden: ReadonlySet<string>;
  onToggle: (id: string, shown: boolean) => void;
  /** Columns that cannot be hidden (the one that opens a row). */
  fixed?: readonly string[];
}

/** A "Columns" menu of checkboxes; a list always keeps at least its fixed columns. */
export function ColumnChooser({ columns, hidden, onToggle, fixed = [] }: Props): ReactNode {
  const { t } = useTranslation();
  return (
    <details className="column-chooser">
      <summary className="button">{t("columns.choose")}</summary>
      <fieldset>
        <legend className="visually-hidden">{t("columns.legend")}</legend>
        {columns.map((c) => (
          <label key={c.id}>
            <input
              type="checkbox"
              checked={!hidden.has(c.id)}
              disabled={fixed.includes(c.id)}
              onChange={(e) => onToggle(c.id, e.target.checked)}
            />
            {c.header}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
