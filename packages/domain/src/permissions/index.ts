import type { AuditLog } from "../audit/audit";
import type { Db } from "../db/client";
import { GroupsService } from "../groups/service";
import { ServicesService } from "../services/service";
import { type SettingsDeps, SettingsService } from "../settings/service";
import { PermissionsService } from "./service";
import type { CustomerUserLookup } from "./types";

export interface RelationServicesDeps {
  customerUsers: CustomerUserLookup;
  audit: AuditLog;
  existingDynamicFields?: SettingsDeps["existingDynamicFields"];
}

/** Groups, services, settings and the effective-permission service, wired together. */
export function createRelationServices(db: Db, deps: RelationServicesDeps) {
  const settings = new SettingsService(db, {
    audit: deps.audit,
    existingDynamicFields: deps.existingDynamicFields,
  });
  const groups = new GroupsService(db, { customerUsers: deps.customerUsers, audit: deps.audit });
  const services = new ServicesService(db, { customerUsers: deps.customerUsers, audit: deps.audit });
  const permissions = new PermissionsService(db, { customerUsers: deps.customerUsers, settings, services });
  return { groups, services, settings, permissions };
}

export * from "../groups/service";
export * from "../groups/validation";
export * from "../services/service";
export * from "../settings/service";
export * from "./service";
export * from "./types";
