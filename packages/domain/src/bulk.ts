/** The most records one bulk action of a list may change (setCustomerUsersValid, addCustomerUsersToGroup,
 * addCustomerUsersToCustomer). */
export const BULK_LIMIT = 10_000;
