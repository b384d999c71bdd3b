import type { ReactNode } from "react";
import "./rows-table.css";

interface RowsTableProps<Row> {
  /** The table's accessible name. */
  label: string;
  /** The headers of the two edited columns; the third column holds each row's remove button. */
  headers: readonly [string, string];
  actionsHeader: string;
  /** Said in the table while it has no row. */
  none: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** The two cells of a row (its controls with their errors). */
  cells: (row: Row, index: number) => readonly [ReactNode, ReactNode];
  remove: { text: string; label: (index: number) => string; onClick: (index: number) => void };
  add: { text: string; onClick: () => void };
}

/** A table of two-column rows to add and remove (preferences, dynamic-field mapping), with its Add button. */
export function RowsTable<Row>({
  label,
  headers,
  actionsHeader,
  none,
  rows,
  rowKey,
  cells,
  remove,
  add,
}: RowsTableProps<Row>): ReactNode {
  return (
    <>
      <table className="mapping-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{headers[0]}</th>
            <th scope="col">{headers[1]}</th>
            <th scope="col">
              <span className="visually-hidden">{actionsHeader}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={3} className="mapping-none">
                {none}
              </td>
            </tr>
          )}
          {rows.map((row, index) => {
            const [first, second] = cells(row, index);
            return (
              <tr key={rowKey(row)}>
                <td>{first}</td>
                <td>{second}</td>
                <td>
                  <button
                    type="button"
                    className="button button--link"
                    aria-label={remove.label(index)}
                    onClick={() => remove.onClick(index)}
                  >
                    {remove.text}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="button" onClick={add.onClick}>
        {add.text}
      </button>
    </>
  );
}

/** A cell's error below its control. */
export function CellError({ message }: { message: string | undefined }): ReactNode {
  return message ? <p className="field-error">{message}</p> : null;
}
