import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { Actor, AuditLog } from "../audit/audit";
import type { Db } from "../db/client";
import { groupsTable, settings as settingsTable } from "../db/schema";
import { BadInputError, PreconditionFailedError } from "../errors";
import { parseInput } from "../shared/catalog-validation";
import { lockRelation } from "../shared/sql";
import { settingsFromSysconfig } from "./otobo-sysconfig";

export type DefaultServicesMode = "UNION" | "FALLBACK";

export interface DynamicFieldMapping {
  attribute: string;
  dynamicField: string;
}

/** Where the settings come from: Clientele's own table, or OTOBO's System Configuration (attach mode). */
export type SettingsSource = "CLIENTELE" | "OTOBO_SYSCONFIG";

export interface EditableSettings {
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

export interface Settings extends EditableSettings {
  source: SettingsSource;
  /**
   * OTOBO's `Customer::AuthModule::DB::CryptType` (`sha2` when unset) in attach mode, the format new
   * customer-user password hashes must have there; null in standalone mode (Argon2id).
   */
  customerPasswordCryptType: string | null;
}

export type SettingsInput = { [K in keyof EditableSettings]?: EditableSettings[K] | null };

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  source: "CLIENTELE",
  customerPasswordCryptType: null,
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
      attribute: z
        .string()
        .trim()
        .min(1, "Choose a customer-user attribute.")
        .max(100)
        .regex(
          /^[A-Za-z0-9_]+$/,
          "An attribute name has letters, digits and underscores only (e.g. UserRoom).",
        ),
      dynamicField: z
        .string()
        .trim()
        .min(1, "Choose a dynamic field.")
        .max(200)
        .regex(/^[A-Za-z0-9]+$/, "A dynamic field name has letters and digits only."),
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
} satisfies { [K in keyof EditableSettings]: z.ZodType };

const KEYS = Object.keys(valueSchemas) as (keyof EditableSettings)[];

/** Reads the settings from where they are kept; one implementation per mode. */
export interface SettingsStore {
  readonly source: SettingsSource;
  read(): Promise<Settings>;
}

/** Standalone mode: `clientele.setting`, one JSON value per key, edited through this service. */
export class ClienteleSettingsStore implements SettingsStore {
  readonly source = "CLIENTELE";
  constructor(private readonly db: Db) {}
  async read(): Promise<Settings> {
    const rows = await this.db.select().from(settingsTable).where(inArray(settingsTable.key, KEYS));
    return settingsFromRows(rows);
  }
}

/** Attach mode: OTOBO's System Configuration, read-only (OTOBO owns it). */
export class OtoboSysconfigStore implements SettingsStore {
  readonly source = "OTOBO_SYSCONFIG";
  constructor(private readonly db: Db) {}
  read(): Promise<Settings> {
    return settingsFromSysconfig(this.db);
  }
}

export interface SettingsDeps {
  /** `groups_table` (OTOBO) or `permission_groups` (Znuny); default OTOBO's. */
  groupsTable?: typeof groupsTable;
  audit: AuditLog;
  /** Where the settings are read from; Clientele's own table unless given. */
  store?: SettingsStore;
  /**
   * Returns which of the names are existing dynamic fields. When given, a mapping naming another
   * field is refused on save (differs: OTOBO logs and skips it at run time).
   */
  existingDynamicFields?: (names: readonly string[]) => Promise<Set<string>>;
}

/**
 * System settings, read through the store of the mode: in standalone mode kept in
 * `clientele.setting` (missing keys read as defaults) and edited here; in attach mode OTOBO's
 * System Configuration, which only OTOBO changes.
 */
export class SettingsService {
  private readonly store: SettingsStore;

  constructor(
    private readonly db: Db,
    private readonly deps: SettingsDeps,
  ) {
    this.store = deps.store ?? new ClienteleSettingsStore(db);
  }

  get source(): SettingsSource {
    return this.store.source;
  }

  async get(): Promise<Settings> {
    return this.store.read();
  }

  async update(actor: Actor, input: SettingsInput): Promise<Settings> {
    if (this.store.source !== "CLIENTELE") {
      throw new PreconditionFailedError(
        "OTOBO owns this setting; change it in OTOBO's System Configuration.",
        { reason: "otoboOwnsSettings" },
      );
    }
    const changes: Partial<EditableSettings> = {};
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
      await lockRelation(tx, "setting");
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
  private async checkGroupNames(changes: Partial<EditableSettings>): Promise<void> {
    for (const field of ["customerGroupAlwaysGroups", "customerGroupCompanyAlwaysGroups"] as const) {
      const names = changes[field];
      if (!names?.length) continue;
      const groups = this.deps.groupsTable ?? groupsTable;
      const rows = await this.db
        .select({ name: groups.name })
        .from(groups)
        .where(inArray(groups.name, names));
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

  private async checkDynamicFields(changes: Partial<EditableSettings>): Promise<void> {
    const rows = changes.dynamicFieldFromCustomerUserMapping;
    if (!rows?.length || !this.deps.existingDynamicFields) return;
    const known = await this.deps.existingDynamicFields(rows.map((r) => r.dynamicField));
    const index = rows.findIndex((r) => !known.has(r.dynamicField));
    if (index >= 0) {
      throw new BadInputError(
        "dynamicFieldFromCustomerUserMapping",
        `There is no ticket dynamic field "${rows[index]!.dynamicField}" (row ${index + 1}). Create it first.`,
        { reason: "unknownDynamicField", value: rows[index]!.dynamicField },
      );
    }
  }
}

/** A stored value that no longer parses (hand-edited row) reads as the default rather than failing every request. */
export function settingsFromRows(rows: readonly { key: string; value: unknown }[]): Settings {
  const result: Settings = structuredClone(DEFAULT_SETTINGS) as Settings;
  for (const row of rows) {
    const key = row.key as keyof EditableSettings;
    if (!(key in valueSchemas)) continue;
    const parsed = valueSchemas[key].safeParse(row.value);
    if (parsed.success) (result as unknown as Record<string, unknown>)[key] = parsed.data;
  }
  return result;
}
