import type { AuditLog } from "../audit/audit";
import type { Db } from "../db/client";
import type { groupsTable } from "../db/schema";
import { GroupsService } from "../groups/service";
import { ServicesService } from "../services/service";
import { OtoboSysconfigStore, type SettingsDeps, SettingsService } from "../settings/service";
import { PermissionsService } from "./service";
import type { CustomerUserLookup } from "./types";

export interface RelationServicesDeps {
  customerUsers: CustomerUserLookup;
  audit: AuditLog;
  existingDynamicFields?: SettingsDeps["existingDynamicFields"];
  /** `groups_table` (OTOBO) or `permission_groups` (Znuny), as detected at start. */
  groupsTable?: typeof groupsTable;
  /** Length of `service.name` in the attached schema (OTOBO 191; Znuny and standalone 200). */
  serviceNameMax?: number;
  /** Attach mode reads the settings from OTOBO's System Configuration. */
  mode?: "standalone" | "attach";
}

/** Groups, services, settings and the effective-permission service, wired together. */
export function createRelationServices(db: Db, deps: RelationServicesDeps) {
  const settings = new SettingsService(db, {
    audit: deps.audit,
    existingDynamicFields: deps.existingDynamicFields,
    groupsTable: deps.groupsTable,
    store: deps.mode === "attach" ? new OtoboSysconfigStore(db) : undefined,
  });
  const groups = new GroupsService(db, {
    customerUsers: deps.customerUsers,
    audit: deps.audit,
    groupsTable: deps.groupsTable,
  });
  const services = new ServicesService(db, {
    customerUsers: deps.customerUsers,
    audit: deps.audit,
    serviceNameMax: deps.serviceNameMax,
  });
  const permissions = new PermissionsService(db, {
    customerUsers: deps.customerUsers,
    settings,
    services,
    groupsTable: deps.groupsTable,
  });
  return { groups, services, settings, permissions };
}

export {
  type CustomerGrantInput,
  type CustomerGroupGrant,
  type CustomerUserGrantInput,
  type CustomerUserGroupGrant,
  type GroupGrantInput,
  type GroupRecord,
  GroupsService,
} from "../groups/service";
export type { CatalogInput } from "../groups/validation";
export { DEFAULT_SERVICES_LOGIN, type ServiceRecord, ServicesService } from "../services/service";
export {
  DEFAULT_SETTINGS,
  type DefaultServicesMode,
  type DynamicFieldMapping,
  type EditableSettings,
  type Settings,
  type SettingsInput,
  SettingsService,
  type SettingsSource,
} from "../settings/service";
export {
  type BatchOptions,
  type EffectivePermission,
  type GroupMembers,
  type PermissionSource,
  PermissionsService,
  type PermissionVia,
} from "./service";
export type { Permission, PermissionContext } from "./types";
