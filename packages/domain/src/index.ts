export * from "./agents/agents";
export * from "./audit/audit";
export * from "./bulk";
export * from "./clientele";
export * from "./config/backends";
export * from "./config/limits";
export * from "./config/map";
export * from "./config/otobo-import";
export * from "./csv";
export * from "./customer-users/facade";
export * from "./customer-users/fields";
export * from "./customer-users/preferences";
export * from "./customer-users/sources";
export * from "./customers/service";
export * from "./db/client";
export * from "./db/layout";
export * from "./db/otobo-columns";
export * from "./db/search-indexes";
export { writeClockOf } from "./db/write-clock";
export * from "./errors";
export { ANONYMISED_EMAIL_DOMAIN, ANONYMISED_LOGIN_PREFIX, GdprService } from "./gdpr/service";
export {
  type CustomerGrantInput,
  type CustomerGroupGrant,
  type CustomerUserGrantInput,
  type CustomerUserGroupGrant,
  type GroupGrantInput,
  type GroupRecord,
  GroupsService,
} from "./groups/service";
export * from "./identity/customer-user-auth";
export {
  type BatchOptions,
  type EffectivePermission,
  type GroupMembers,
  type PermissionSource,
  PermissionsService,
  type PermissionVia,
} from "./permissions/service";
export * from "./search/search-syntax";
export * from "./security/login-throttle";
export * from "./security/passwords";
export { DEFAULT_SERVICES_LOGIN, type ServiceRecord, ServicesService } from "./services/service";
export {
  DEFAULT_SETTINGS,
  type DefaultServicesMode,
  type DynamicFieldMapping,
  type EditableSettings,
  type Settings,
  type SettingsInput,
  SettingsService,
  type SettingsSource,
} from "./settings/service";
export type { CatalogInput } from "./shared/catalog-validation";
export {
  type CursorKind,
  comparePositions,
  decodeCursor,
  encodeCursor,
  type Position,
  positionOf,
} from "./shared/cursor";
export { withFound } from "./shared/found";
export { parseId, rowIdOf } from "./shared/ids";
export type { Permission, PermissionContext } from "./shared/permission";
export { SharedReads } from "./shared/shared-reads";
export * from "./tickets";
export * from "./validation";
