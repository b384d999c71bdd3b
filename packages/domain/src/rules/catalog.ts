import type { FieldRule } from "./text";

/**
 * Groups and services (OTOBO's `groups_table` / Znuny's `permission_groups`, and `service`): the name
 * has at most 200 characters in the standalone and Znuny tables; OTOBO's columns allow
 * `OTOBO_CATALOG_NAME_MAX`, which the domain checks on such a table.
 */
export const CATALOG_FIELDS = {
  name: { label: "Name", max: 200, required: true },
  comment: { label: "Comment", max: 250, required: false },
} as const satisfies Record<string, FieldRule>;

export const OTOBO_CATALOG_NAME_MAX = 191;
