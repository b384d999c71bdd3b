import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { groupCustomer, groupCustomerUser } from "../db/schema";
import type { ValidId } from "./valid";

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

/** `valid_id` of a valid record. */
export const VALID: ValidId = 1;
