import type { Logger } from "pino";
import { AgentsService } from "./agents/agents";
import { AuditLog } from "./audit/audit";
import type { ClienteleConfig } from "./config/backends";
import { CustomerUserFacade } from "./customer-users/facade";
import { createSource } from "./customer-users/sources";
import type { CustomerUserSource } from "./customer-users/sources/source";
import { CustomersService } from "./customers/service";
import type { Database } from "./db/client";
import { createRelationServices } from "./permissions";
import { CustomerUserAttributes } from "./tickets/attributes";
import { BackfillService } from "./tickets/backfill";
import { DynamicFieldsService } from "./tickets/dynamic-fields";
import { TicketsService } from "./tickets/service";

export interface ClienteleOptions {
  database: Database;
  config: ClienteleConfig;
  logger?: Logger;
  /** Minutes without a request after which a session ends (default 30). */
  sessionIdleMinutes?: number;
  /** The clock of sessions and tokens; tests move it instead of waiting. */
  now?: () => Date;
}

/** The composition root of the domain: every service, wired once per process. */
export async function createClientele({
  database,
  config,
  logger,
  sessionIdleMinutes,
  now,
}: ClienteleOptions) {
  const db = database.db;
  const audit = new AuditLog(db);
  const sources: CustomerUserSource[] = [];
  for (const backend of config.backends) sources.push(await createSource(backend, { db, logger }));
  const customers = new CustomersService(db, audit, () => sources);
  const customerUsers = new CustomerUserFacade(db, sources, customers, audit, logger);
  const agents = new AgentsService(db, { audit, sessionIdleMinutes, now });
  const dynamicFields: DynamicFieldsService = new DynamicFieldsService(db, {
    audit,
    mappedFieldNames: async () =>
      new Set(
        (await relations.settings.get()).dynamicFieldFromCustomerUserMapping.map((m) => m.dynamicField),
      ),
  });
  const relations = createRelationServices(db, {
    customerUsers,
    audit,
    existingDynamicFields: (names) => dynamicFields.existingTicketFieldNames(names),
  });
  const attributes = new CustomerUserAttributes(customerUsers, customers);
  const tickets = new TicketsService(db, {
    audit,
    dynamicFields,
    attributes,
    settings: () => relations.settings.get(),
  });
  const backfill = new BackfillService(db, { tickets, attributes, audit, logger });
  return {
    db,
    database,
    config,
    audit,
    sources,
    customers,
    customerUsers,
    agents,
    ...relations,
    dynamicFields,
    attributes,
    tickets,
    backfill,
  };
}

export type Clientele = Awaited<ReturnType<typeof createClientele>>;
