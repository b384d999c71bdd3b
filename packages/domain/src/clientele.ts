import type { Logger } from "pino";
import { AgentsService } from "./agents/agents";
import { AuditLog } from "./audit/audit";
import type { ClienteleConfig } from "./config/backends";
import { CustomerUserFacade } from "./customer-users/facade";
import { CustomerUserAuthenticator } from "./customer-users/identity";
import { createSource } from "./customer-users/sources";
import type { CustomerUserSource } from "./customer-users/sources/source";
import { CustomersService } from "./customers/service";
import type { Database } from "./db/client";
import { createRelationServices } from "./permissions";
import { LoginThrottle } from "./security/login-throttle";

export interface ClienteleOptions {
  database: Database;
  config: ClienteleConfig;
  logger?: Logger;
  /** The clock of the sign-in throttle; tests hand in their own. */
  now?: () => Date;
}

/** The composition root of the domain: every service, wired once per process. */
export async function createClientele({ database, config, logger, now }: ClienteleOptions) {
  const db = database.db;
  const audit = new AuditLog(db);
  const sources: CustomerUserSource[] = [];
  for (const backend of config.backends) sources.push(await createSource(backend, { db, logger }));
  const customers = new CustomersService(db, audit, () => sources);
  const customerUsers = new CustomerUserFacade(db, sources, customers, audit, logger);
  const loginThrottle = new LoginThrottle(db, { now });
  const agents = new AgentsService(db, loginThrottle);
  const relations = createRelationServices(db, { customerUsers, audit });
  const customerUserAuth = new CustomerUserAuthenticator(customerUsers, relations.permissions, loginThrottle);
  return {
    db,
    database,
    config,
    audit,
    sources,
    customers,
    customerUsers,
    customerUserAuth,
    loginThrottle,
    agents,
    ...relations,
  };
}

export type Clientele = Awaited<ReturnType<typeof createClientele>>;
