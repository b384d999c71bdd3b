import { pgTable } from "drizzle-orm/pg-core";
import { CATALOG_FIELDS } from "../../rules/catalog";
import { groupColumns, type groupsTable } from "./core";

/**
 * Znuny's name for OTOBO's `groups_table` (names up to 200 characters). Not part of the standalone
 * migrations (see drizzle.standalone.config.ts): it is only read and written on an attached Znuny
 * database. Typed as `groups_table`, whose columns it shares, so the services take either.
 */
export const permissionGroups = pgTable(
  "permission_groups",
  groupColumns(CATALOG_FIELDS.name.max),
) as unknown as typeof groupsTable;
