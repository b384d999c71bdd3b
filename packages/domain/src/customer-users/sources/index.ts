import type { BackendConfig } from "../../config/backends";
import type { Db } from "../../db/client";
import { DbCustomerUserSource } from "./db-source";
import { LdapCustomerUserSource, type LdapSourceLogger } from "./ldap-source";
import type { CustomerUserSource } from "./source";

export interface SourceFactoryDeps {
  db: Db;
  logger?: LdapSourceLogger;
}

/** Builds a backend from its configuration; DB sources check their table and columns first. */
export async function createSource(
  config: BackendConfig,
  deps: SourceFactoryDeps,
): Promise<CustomerUserSource> {
  switch (config.module) {
    case "db": {
      const source = new DbCustomerUserSource(deps.db, config);
      await source.verifySchema();
      return source;
    }
    case "ldap":
      // Connects lazily: a directory that is down at start-up must not stop Clientele.
      return new LdapCustomerUserSource(config, { logger: deps.logger });
  }
}

export { DbCustomerUserSource } from "./db-source";
export { LdapCustomerUserSource } from "./ldap-source";
export type * from "./source";
