import { isPasswordAttribute } from "../config/map";
import type { CustomerUserSource } from "../customer-users/sources/source";

/** Columns of the customer-user file after the map's attributes (docs/api.md §CSV). */
export const RELATION_COLUMNS = ["ExtraCustomers", "Groups", "Services"] as const;
/** Import only: a new password in clear text, or a stored hash (argon2id, OTOBO's bcrypt, sha2, sha512). */
export const PASSWORD_COLUMNS = ["UserPassword", "UserPasswordHash"] as const;

/** The columns of the customer-company file, OTOBO's CustomerCompany map names. */
export const CUSTOMER_COLUMNS = [
  "CustomerID",
  "CustomerCompanyName",
  "CustomerCompanyStreet",
  "CustomerCompanyZIP",
  "CustomerCompanyCity",
  "CustomerCompanyCountry",
  "CustomerCompanyURL",
  "CustomerCompanyComment",
  "ValidID",
] as const;

/** Several values in one cell (extra customers, groups, services) are separated by a vertical bar. */
export const LIST_SEPARATOR = "|";

/** Every map attribute of the given backends except the password, in map order, each once. */
export function attributeColumns(sources: readonly CustomerUserSource[]): string[] {
  const columns: string[] = ["UserLogin"];
  for (const source of sources)
    for (const row of source.config.map)
      if (!isPasswordAttribute(row.attribute) && !columns.includes(row.attribute))
        columns.push(row.attribute);
  if (!columns.includes("ValidID")) columns.push("ValidID");
  return columns;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A value as written into a CSV cell. A value a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe; the import removes
 * exactly that apostrophe again, so an exported file imports to the same values.
 */
export function safeCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The value of a CSV cell: the apostrophe added by safeCell is removed; empty is null. */
export function cellValue(cell: string | undefined): string | null {
  if (cell === undefined) return null;
  const value = cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

export const splitList = (cell: string | null): string[] =>
  cell
    ? [
        ...new Set(
          cell
            .split(LIST_SEPARATOR)
            .map((v) => v.trim())
            .filter(Boolean),
        ),
      ]
    : [];

export const joinList = (values: readonly string[]): string => values.join(LIST_SEPARATOR);
