import { NotFoundError } from "../errors";

/**
 * The table id an API id ("12") names, or null when it cannot name a row: anything but 1–9 digits
 * (so always inside PostgreSQL's integer range), or 0. Lookups answer null for such an id.
 */
export function rowIdOf(id: number | string): number | null {
  const n = typeof id === "number" ? id : /^\d{1,9}$/.test(id.trim()) ? Number(id.trim()) : Number.NaN;
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
}

/**
 * Parses an API id into a table id for a write or a reference: an id that cannot name a row is
 * NOT_FOUND on `field`, like an id of no row (docs/api.md §Errors).
 */
export function parseId(id: number | string, what: string, field: string): number {
  const n = rowIdOf(id);
  if (n === null) throw new NotFoundError(`There is no ${what} with id "${id}".`, { field, id: String(id) });
  return n;
}
