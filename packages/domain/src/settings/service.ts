import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor, AuditLog } from "../audit/audit";
import type { Db } from "../db/client";
import { groupsTable, settings as settingsTable } from "../db/schema";
import { BadInputError } from "../errors";
import { parseInput } from "../groups/validation";

export type DefaultServicesMode = "UNION" | "FALLBACK";

export interface DynamicFieldMapping {
  attribute: string;
  dynamicField: string;
}

export interface Settings {
  /** OTOBO's CustomerGroupSupport: off means every valid customer user is in every valid group. */
  customerGroupSupport: boolean;
  /** Group names every customer user gets (ro and rw). */
  customerGroupAlwaysGroups: string[];
  /** Group names every customer (company) gets, in the same-customer context. */
  customerGroupCompanyAlwaysGroups: string[];
  /**
   * OTOBO's `CustomerGroupPermissionContext###100-CustomerID-other` (disabled there by default):
   * when on, grants in the "other customers" context widen which customers' tickets a user sees.
   */
  customerGroupOtherCustomersContext: boolean;
  /** UNION: defaults always added; FALLBACK (OTOBO): defaults only for users without explicit services. */
  defaultServicesMode: DefaultServicesMode;
  dynamicFieldFromCustomerUser: boolean;
  dynamicFieldFromCustomerUserMapping: DynamicFieldMapping[];
}

export type SettingsInput = { [K in keyof Settings]?: Settings[K] | null };

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  customerGroupSupport: false,
  customerGroupAlwaysGroups: ["users"],
  customerGroupCompanyAlwaysGroups: ["users"],
  customerGroupOtherCustomersContext: false,
  defaultServicesMode: "UNION",
  dynamicFieldFromCustomerUser: false,
  dynamicFieldFromCustomerUserMapping: [],
});

const groupNames = z
  .array(
    z
      .string()
      .trim()
      .min(1, "A group name may not be empty.")
      .max(191, "A group name has at most 191 characters."),
  )
  .transform((names) => [...new Set(names)]);

const mapping = z
  .array(
    z.object({
      attribute: z.string().trim().min(1, "Choose a customer-user attribute.").max(100),
      dynamicField: z.string().trim().min(1, "Choose a dynamic field.").max(200),
    }),
  )
  .refine(
    (rows) => new Set(rows.map((r) => r.dynamicField)).size === rows.length,
    "Each dynamic field may be filled from one attribute only.",
  );

const valueSchemas = {
  customerGroupSupport: z.boolean(),
  customerGroupAlwaysGroups: groupNames,
  customerGroupCompanyAlwaysGroups: groupNames,
  customerGroupOtherCustomersContext: z.boolean(),
  defaultServicesMode: z.enum(["UNION", "FALLBACK"], { error: "Use UNION or FALLBACK." }),
  dynamicFieldFromCustomerUser: z.boolean(),
  dynamicFieldFromCustomerUserMapping: mapping,
} satisfies { [K in keyof Settings]: z.ZodType };

const KEYS = Object.keys(valueSchemas) as (keyof Settings)[];

export interface SettingsDeps {
  audit: AuditLog;
  /**
   * Returns which of the names are existing dynamic fields. When given, a mapping naming another
   * field is refused on save (differs: OTOBO logs and skips it at run time).
   */
  existingDynamicFields?: (names: readonly string[]) => Promise<Set<string>>;
}

/** System settings kept in `clientele_setting`, one JSON value per key; missing keys read as defaults. */
export class SettingsService {
  constructor(
    private readonly db: Db,
    private readonly deps: SettingsDeps,
  ) {}

  async get(): Promise<Settings> {
    const rows = await this.db.select().from(settingsTable).where(inArray(settingsTable.key, KEYS));
    return settingsFromRows(rows);
  }

  async update(actor: Actor, input: SettingsInput): Promise<Settings> {
    const changes: Partial<Settings> = {};
    for (const key of KEYS) {
      const value = input[key];
      if (value === undefined || value === null) continue;
      (changes as Record<string, unknown>)[key] = parseInput(z.object({ [key]: valueSchemas[key] }), {
        [key]: value,
      })[key];
    }
    await this.checkGroupNames(changes);
    await this.checkDynamicFields(changes);
    return this.db.transaction(async (tx) => {
      // Serialises concurrent updates so before/after in the audit log are exact.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('clientele_setting'))`);
      const before = settingsFromRows(
        await tx.select().from(settingsTable).where(inArray(settingsTable.key, KEYS)),
      );
      const changedKeys = KEYS.filter(
        (k) => changes[k] !== undefined && JSON.stringify(changes[k]) !== JSON.stringify(before[k]),
      );
      for (const key of changedKeys) {
        const value = changes[key];
        await tx
          .insert(settingsTable)
          .values({ key, value, changedAt: new Date() })
          .onConflictDoUpdate({ target: settingsTable.key, set: { value, changedAt: new Date() } });
      }
      const after = { ...before, ...changes };
      if (changedKeys.length) {
        await this.deps.audit.record(
          tx,
          actor,
          "settings",
          "settings",
          "update",
          Object.fromEntries(changedKeys.map((k) => [k, before[k]])),
          Object.fromEntries(changedKeys.map((k) => [k, after[k]])),
        );
      }
      return after;
    });
  }

  /** Always-groups must name existing groups (an invalid group is accepted: it simply grants nothing). */
  private async checkGroupNames(changes: Partial<Settings>): Promise<void> {
    for (const field of ["customerGroupAlwaysGroups", "customerGroupCompanyAlwaysGroups"] as const) {
      const names = changes[field];
      if (!names?.length) continue;
      const rows = await this.db
        .select({ name: groupsTable.name })
        .from(groupsTable)
        .where(inArray(groupsTable.name, names));
      const known = new Set(rows.map((r) => r.name));
      const unknown = names.filter((n) => !known.has(n));
      if (unknown.length) {
        throw new BadInputError(
          field,
          `Unknown group${unknown.length > 1 ? "s" : ""}: ${unknown.map((n) => `"${n}"`).join(", ")}. Create the group first or pick an existing one.`,
          { reason: "unknownGroup", value: unknown.join(", ") },
        );
      }
    }
  }

  private async checkDynamicFields(changes: Partial<Settings>): Promise<void> {
    const rows = changes.dynamicFieldFromCustomerUserMapping;
    if (!rows?.length || !this.deps.existingDynamicFields) return;
    const known = await this.deps.existingDynamicFields(rows.map((r) => r.dynamicField));
    const index = rows.findIndex((r) => !known.has(r.dynamicField));
    if (index >= 0) {
      throw new BadInputError(
        `dynamicFieldFromCustomerUserMapping.${index}.dynamicField`,
        `There is no dynamic field "${rows[index]!.dynamicField}". Create it first.`,
        { reason: "unknownDynamicField", value: rows[index]!.dynamicField },
      );
    }
  }
}

/** A stored value that no longer parses (hand-edited row) reads as the default rather than failing every request. */
export function settingsFromRows(rows: readonly { key: string; value: unknown }[]): Settings {
  const result: Settings = structuredClone(DEFAULT_SETTINGS) as Settings;
  for (const row of rows) {
    const key = row.key as keyof Settings;
    if (!(key in valueSchemas)) continue;
    const parsed = valueSchemas[key].safeParse(row.value);
    if (parsed.success) (result as unknown as Record<string, unknown>)[key] = parsed.data;
  }
  return result;
}
