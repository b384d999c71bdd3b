import { BadInputError, NotFoundError } from "./errors";

/** The most records one bulk action of a list may change (setCustomerUsersValid, addCustomerUsersToGroup,
 * addCustomerUsersToCustomer). */
export const BULK_LIMIT = 10_000;

/** What a bulk action did: distinct logins asked for (case-insensitively) and rows actually changed. */
export interface BulkResult {
  requested: number;
  changed: number;
}

export const bulkResult = (logins: readonly string[], changed: number): BulkResult => ({
  requested: new Set(logins.map((l) => l.toLowerCase())).size,
  changed,
});

/**
 * The distinct logins of a bulk action (case-insensitively, the first spelling kept); refuses none
 * and more than BULK_LIMIT.
 */
export function bulkLogins(logins: readonly string[]): string[] {
  const unique = [...new Map(logins.map((l) => [l.toLowerCase(), l])).values()];
  if (unique.length === 0) throw new BadInputError("logins", "Pick at least one customer user.");
  if (unique.length > BULK_LIMIT)
    throw new BadInputError("logins", `At most ${BULK_LIMIT} customer users at once.`, {
      reason: "tooMany",
      value: BULK_LIMIT,
    });
  return unique;
}

/** Refuses a bulk action naming logins that `found` (by lower-cased login) does not have, naming them all. */
export function requireLoginsFound(logins: readonly string[], found: ReadonlyMap<string, unknown>): void {
  const missing = [...new Set(logins)].filter((l) => !found.has(l.toLowerCase()));
  if (missing.length > 0) {
    throw new NotFoundError(`There is no customer user ${missing.map((m) => `"${m}"`).join(", ")}.`, {
      field: "logins",
      params: { value: missing.join(", ") },
    });
  }
}
