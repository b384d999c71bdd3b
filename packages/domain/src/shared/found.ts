/**
 * Pairs each relation row with the record it names and leaves out rows whose record is gone (a login
 * no backend knows any more, a deleted customer): the API's relation fields need a record, and a
 * dangling OTOBO row is not an error of the request. `records[i]` belongs to `rows[i]`; a failed
 * load (an Error from a DataLoader) counts as gone.
 */
export function withFound<Row, Found, Out>(
  rows: readonly Row[],
  records: readonly (Found | null | undefined | Error)[],
  pair: (row: Row, record: Found) => Out,
): Out[] {
  return rows.flatMap((row, i) => {
    const record = records[i];
    return record === null || record === undefined || record instanceof Error ? [] : [pair(row, record)];
  });
}
