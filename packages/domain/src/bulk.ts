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
