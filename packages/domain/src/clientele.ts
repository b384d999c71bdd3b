import type { Logger } from "pino";
import { AgentsService } from "./agents/agents";
import { AuditLog } from "./audit/audit";
import type { ClienteleConfig } from "./config/backends";
import { CustomerUserFacade } from "./customer-users/facade";
import { resolvePasswordHash } from "./customer-users/passwords";
import { createSource } from "./customer-users/sources";
import type { CustomerUserSource } from "./customer-users/sources/source";
import { CustomersService } from "./customers/service";
import type { Database } from "./db/client";
import { groupsTable as groupsTableOtobo, permissionGroups } from "./db/schema";
import { createRelationServices } from "./permissions";

export interface ClienteleOptions {
  database: Database;
  config: ClienteleConfig;
  logger?: Logger;
}

/** The composition root of the domain: every service, wired once per process. */
export async function createClientele({ database, config, logger }: ClienteleOptions) {
  const db = database.db;
  const audit = new AuditLog(db);
  const sources: CustomerUserSource[] = [];
  for (const backend of config.backends) sources.push(await createSource(backend, { db, logger }));
  const customers = new CustomersService(db, audit, () => sources);

  const passwordHash = resolvePasswordHash(database.mode, config.passwordHash);
  const customerUsers = new CustomerUserFacade(db, sources, customers, audit, logger, passwordHash);
  const agents = new AgentsService(db, { passwordHash, mode: database.mode });
  const groupsTable =
    database.flavour.groupsTable === "permission_groups" ? permissionGroups : groupsTableOtobo;
  const serviceNameMax = database.flavour.product === "OTOBO" ? 191 : 200;
  const relations = createRelationServices(db, { customerUsers, audit, groupsTable, serviceNameMax });
  const { mode, flavour } = database;
  return {
    db,
    database,
    mode,
    flavour,
    passwordHash,
    config,
    audit,
    sources,
    customers,
    customerUsers,
    agents,
    ...relations,
  };
}

export type Clientele = Awaited<ReturnType<typeof createClientele>>;
