import { type AnyColumn, and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { CustomerUserFacade } from "../customer-users/facade";
import type { ValidId } from "../customer-users/sources/source";
import type { Db } from "../db/client";
import type { groupCustomer, groupCustomerUser } from "../db/schema";
import { ConflictError } from "../errors";

/** The customer permission types (OTOBO's `System::Customer::Permission`); RW implies RO. */
export type Permission = "RO" | "RW";
export const PERMISSIONS: readonly Permission[] = ["RO", "RW"];

/** OTOBO's `CustomerGroupPermissionContext` values, under the API's names. */
export type PermissionContext = "SAME_CUSTOMER" | "OTHER_CUSTOMERS";

export const CONTEXT_STORAGE: Record<PermissionContext, string> = {
  SAME_CUSTOMER: "Ticket::CustomerID::Same",
  OTHER_CUSTOMERS: "Ticket::CustomerID::Other",
};

export const contextFromStorage = (value: string): PermissionContext | null =>
  value === CONTEXT_STORAGE.SAME_CUSTOMER
    ? "SAME_CUSTOMER"
    : value === CONTEXT_STORAGE.OTHER_CUSTOMERS
      ? "OTHER_CUSTOMERS"
      : null;

/** Only these keys are ours; other OTOBO permission keys (move_into, …) in a shared database stay untouched. */
export const MANAGED_KEYS = ["ro", "rw"];

/** Rows of a grant table that grant ro or rw (permission_value 1). */
export const grantsRoOrRw = (table: typeof groupCustomerUser | typeof groupCustomer): SQL =>
  and(eq(table.permissionValue, 1), inArray(table.permissionKey, MANAGED_KEYS))!;

export const permissionFromKey = (key: string): Permission | null =>
  key === "ro" ? "RO" : key === "rw" ? "RW" : null;

/** Sorted, de-duplicated permissions in the order RO, RW. */
export const sortPermissions = (permissions: Iterable<Permission>): Permission[] => {
  const set = new Set(permissions);
  return PERMISSIONS.filter((p) => set.has(p));
};

/**
 * What is stored for a set of ticked permissions: OTOBO's GroupMemberAdd replaces anything with
 * `rw` by `{rw:1}` because rw includes every other type; we do the same, so an OTOBO installation
 * reading our rows sees exactly what it would have written.
 */
export const storedKeys = (permissions: readonly Permission[]): string[] =>
  permissions.includes("RW") ? ["rw"] : permissions.includes("RO") ? ["ro"] : [];

/** The parts of the customer-user facade the relation and permission services read. */
export type CustomerUserLookup = Pick<
  CustomerUserFacade,
  "get" | "getMany" | "customerIdsMany" | "customerUsersOf"
>;

export const VALID: ValidId = 1;

/**
 * `column IN (values)` with the values sent as one JSON parameter: a list of 10,000 logins is then
 * one bind parameter instead of 10,000, which keeps parsing and planning cheap on both drivers.
 */
export function inJsonList(column: AnyColumn | SQL, values: readonly (string | number)[]): SQL {
  if (values.length === 0) return sql`false`;
  const json = JSON.stringify(values);
  return typeof values[0] === "number"
    ? sql`${column} in (select (jsonb_array_elements_text(${json}::jsonb))::int)`
    : sql`${column} in (select jsonb_array_elements_text(${json}::jsonb))`;
}

/**
 * Serialises the set-mutations on one relation table. Each replaces a set by delete + insert; two
 * concurrent saves touching the same rows would otherwise collide on the primary key instead of the
 * later one simply winning. Admin saves are rare, so one lock per table costs nothing.
 */
export async function lockRelation(
  tx: Db,
  table:
    | "group_customer_user"
    | "group_customer"
    | "service_customer_user"
    | "customer_user_customer"
    | "setting",
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`clientele:${table}`}))`);
}

/**
 * Runs a create/update whose name is checked first; a concurrent save that slips past the check
 * still hits the unique index, and is then the same CONFLICT rather than a server error.
 */
export async function uniqueName<T>(what: "group" | "service", work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    if ((e.code ?? e.cause?.code) === "23505") {
      throw new ConflictError(`A ${what} with this name already exists.`, "name");
    }
    throw error;
  }
}
