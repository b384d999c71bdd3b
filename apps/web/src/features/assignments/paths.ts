/** The four assignment screens; kept apart from the pages so links to them do not load the pages. */
export const CUSTOMER_USERS_CUSTOMERS_PATH = "/customer-users-customers";
export const CUSTOMER_USERS_GROUPS_PATH = "/customer-users-groups";
export const CUSTOMERS_GROUPS_PATH = "/customers-groups";
export const CUSTOMER_USERS_SERVICES_PATH = "/customer-users-services";
