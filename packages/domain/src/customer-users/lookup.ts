import type { CustomerUserFacade } from "./facade";

/** The parts of the customer-user facade the relation and permission services read. */
export type CustomerUserLookup = Pick<
  CustomerUserFacade,
  "get" | "getMany" | "customerIdsMany" | "customerUsersOf"
>;
