import type { Logger } from "pino";
import { AgentsService } from "./agents/agents";
import { AuditLog } from "./audit/audit";
import type { ClienteleConfig } from "./config/backends";
import { CsvExporter } from "./csv/export";
import { ImportService } from "./csv/import";
import { CustomerUserFacade } from "./customer-users/facade";
import { PreferencesService } from "./customer-users/preferences";
import { createSource } from "./customer-users/sources";
import type { CustomerUserSource } from "./customer-users/sources/source";
import { CustomersService } from "./customers/service";
import type { Database } from "./db/client";
import { groupsTable as groupsTableOtobo, permissionGroups } from "./db/schema";
import { GdprService } from "./gdpr/service";
import { GroupsService } from "./groups/service";
import { CustomerUserAuthenticator } from "./identity/customer-user-auth";
import { PermissionsService } from "./permissions/service";
import { LoginThrottle } from "./security/login-throttle";
import { resolvePasswordHash } from "./security/passwords";
import { ServicesService } from "./services/service";
import { otoboCryptType } from "./settings/otobo-sysconfig";
import { OtoboSysconfigStore, SettingsService } from "./settings/service";
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
  /** The clock of sessions, tokens and the sign-in throttle; tests move it instead of waiting. */
  now?: () => Date;
  /** attach: OTOBO owns the database's tables and its System Configuration (default: the detected mode). */
  mode?: "standalone" | "attach";
}

/** The composition root of the domain: every service, wired once per process. */
export async function createClientele({
  database,
  config,
  logger,
  sessionIdleMinutes,
  now,
  mode = database.mode,
}: ClienteleOptions) {
  const db = database.db;
  const audit = new AuditLog(db);
  const sources: CustomerUserSource[] = [];
  for (const backend of config.backends) sources.push(await createSource(backend, { db, logger }));
  const customers = new CustomersService(db, audit, () =>
    sources.flatMap((source) => (source.writer ? [source.writer] : [])),
  );
  const { flavour } = database;
  // Attached and not configured: the format OTOBO itself is set to write, when Clientele can write it.
  const passwordHash = resolvePasswordHash(
    database.mode,
    config.passwordHash ?? (database.mode === "attach" ? await otoboCryptType(db) : undefined),
  );
  const customerUsers = new CustomerUserFacade(db, sources, customers, audit, logger, passwordHash);
  const groupsTable = flavour.groupsTable === "permission_groups" ? permissionGroups : groupsTableOtobo;
  const serviceNameMax = flavour.product === "OTOBO" ? 191 : 200;
  const loginThrottle = new LoginThrottle(db, {
    now,
    accountLimit: config.limits.signInFailuresPerAccount,
    clientLimit: config.limits.signInFailuresPerClient,
  });
  const agents = new AgentsService(db, {
    audit,
    sessionIdleMinutes,
    now,
    loginThrottle,
    passwordHash,
    mode,
    groupsTable,
  });
  const preferences = new PreferencesService(db, { customerUsers, audit });
  const dynamicFields: DynamicFieldsService = new DynamicFieldsService(db, {
    audit,
    mappedFieldNames: async () =>
      new Set((await settings.get()).dynamicFieldFromCustomerUserMapping.map((m) => m.dynamicField)),
  });
  const settings: SettingsService = new SettingsService(db, {
    audit,
    existingDynamicFields: (names) => dynamicFields.existingTicketFieldNames(names),
    groupsTable,
    store: mode === "attach" ? new OtoboSysconfigStore(db) : undefined,
  });
  const groups = new GroupsService(db, { customerUsers, audit, groupsTable });
  const services = new ServicesService(db, { customerUsers, audit, serviceNameMax });
  const permissions = new PermissionsService(db, { customerUsers, settings, services, groupsTable });
  const customerUserAuth = new CustomerUserAuthenticator(customerUsers, permissions, loginThrottle);
  const attributes = new CustomerUserAttributes(customerUsers, customers);
  const tickets = new TicketsService(db, {
    audit,
    dynamicFields,
    attributes,
    settings: () => settings.get(),
    mode: () => mode,
  });
  const backfill = new BackfillService(db, { tickets, attributes, audit, logger });
  const gdpr = new GdprService(db, {
    customerUsers,
    preferences,
    groups,
    services,
    permissions,
    tickets,
    attributes,
    audit,
    loginThrottle,
    settings: () => settings.get(),
    passwordFormat: passwordHash,
  });
  const csvExport = new CsvExporter({ db, customerUsers, customers, groupsTable });
  const imports = new ImportService(db, {
    customerUsers,
    customers,
    audit,
    groupsTable,
    passwordFormat: passwordHash,
    logger,
  });
  return {
    db,
    database,
    config,
    mode,
    flavour,
    passwordHash,
    audit,
    sources,
    customers,
    customerUsers,
    agents,
    preferences,
    customerUserAuth,
    loginThrottle,
    groups,
    services,
    settings,
    permissions,
    dynamicFields,
    attributes,
    tickets,
    backfill,
    gdpr,
    imports,
    csvExport,
  };
}

export type Clientele = Awaited<ReturnType<typeof createClientele>>;
