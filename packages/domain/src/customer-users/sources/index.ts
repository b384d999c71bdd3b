import type { BackendConfig } from "../../config/backends";
import type { Db } from "../../db/client";
import { DbCustomerUserSource } from "./db-source";
import type { CustomerUserSource } from "./source";

export interface SourceFactoryDeps {
  db: Db;
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
      throw new Error(`Backend "${config.id}": the LDAP module is not available in this build.`);
  }
}

export { DbCustomerUserSource } from "./db-source";
export type * from "./source";
