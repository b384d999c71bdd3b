import { sql } from "drizzle-orm";
import { parse as parseYaml } from "yaml";
import { type Db, queryRows } from "../db/client";
import { PreconditionFailedError } from "../errors";
import type { DynamicFieldMapping, Settings } from "./service";

/** The OTOBO System Configuration settings Clientele follows in attach mode. */
export const SYSCONFIG = {
  groupSupport: "CustomerGroupSupport",
  alwaysGroups: "CustomerGroupAlwaysGroups",
  companyAlwaysGroups: "CustomerGroupCompanyAlwaysGroups",
  otherCustomersContext: "CustomerGroupPermissionContext###100-CustomerID-other",
  dynamicFieldMapping: "DynamicFieldFromCustomerUser::Mapping",
  /** Numbered `4100-` in OTOBO 10 and Znuny; older releases used `930-` / `950-`. */
  dynamicFieldEventPattern: "Ticket::EventModulePost###%-DynamicFieldFromCustomerUser",
  cryptType: "Customer::AuthModule::DB::CryptType",
} as const;

/** OTOBO's fallback when `Customer::AuthModule::DB::CryptType` is unset (Kernel/System/CustomerAuth/DB.pm). */
export const OTOBO_DEFAULT_CRYPT_TYPE = "sha2";

interface SysconfigRow {
  name: string;
  default_valid: number;
  default_value: string;
  mod_valid: number | null;
  mod_value: string | null;
  mod_dirty: number | null;
  mod_reset: number | null;
  ver_valid: number | null;
  ver_value: string | null;
  ver_reset: number | null;
}

/**
 * The deployed value of each named setting, as OTOBO's `ZZZAAuto.pm` holds it: the global
 * modification (`sysconfig_modified`, `user_id` null) over the default (`sysconfig_default`). A
 * modification not deployed yet (`is_dirty` 1) does not count; the running system then still uses
 * the last deployed one (`sysconfig_modified_version`) or, without one, the default. Values are
 * stored as YAML. A setting that is disabled (`is_valid` 0 on the row that wins) is left out of the
 * deployed file, so it reads as absent (`undefined`), as Perl's `$ConfigObject->Get` would.
 */
export async function readSysconfig(db: Db, names: readonly string[], patterns: readonly string[] = []) {
  const nameList = JSON.stringify(names);
  const patternList = JSON.stringify(patterns);
  const rows = await queryRows<SysconfigRow>(db, sysconfigQuery(nameList, patternList)).catch(
    (error: unknown) => {
      // 42P01: undefined_table. An attached database without OTOBO's sysconfig tables is not OTOBO's.
      const code =
        (error as { code?: string; cause?: { code?: string } }).code ??
        (error as { cause?: { code?: string } }).cause?.code;
      if (code === "42P01") {
        throw new PreconditionFailedError(
          "OTOBO's System Configuration tables (sysconfig_default, sysconfig_modified, sysconfig_modified_version) are missing from the attached database.",
        );
      }
      throw error;
    },
  );
  const values = new Map<string, unknown>();
  for (const row of rows) {
    let valid = row.default_valid;
    let text = row.default_value;
    if (row.mod_value !== null && row.mod_dirty === 0 && row.mod_reset !== 1) {
      valid = row.mod_valid ?? valid;
      text = row.mod_value;
    } else if (
      row.mod_value !== null &&
      row.mod_dirty === 1 &&
      row.ver_value !== null &&
      row.ver_reset !== 1
    ) {
      valid = row.ver_valid ?? valid;
      text = row.ver_value;
    }
    if (Number(valid) !== 1) continue;
    values.set(row.name, parseStoredValue(text));
  }
  return values;
}

const sysconfigQuery = (nameList: string, patternList: string) =>
  sql`select d.name, d.is_valid as default_valid, d.effective_value as default_value,
        m.is_valid as mod_valid, m.effective_value as mod_value, m.is_dirty as mod_dirty,
        m.reset_to_default as mod_reset,
        v.is_valid as ver_valid, v.effective_value as ver_value, v.reset_to_default as ver_reset
      from sysconfig_default d
      left join sysconfig_modified m on m.sysconfig_default_id = d.id and m.user_id is null
      left join lateral (
        select mv.is_valid, mv.effective_value, mv.reset_to_default
        from sysconfig_modified_version mv
        where mv.name = d.name and mv.user_id is null
        order by mv.id desc limit 1
      ) v on m.is_dirty = 1
      where d.name in (select jsonb_array_elements_text(${nameList}::jsonb))
         or d.name like any (select jsonb_array_elements_text(${patternList}::jsonb))
      order by d.name`;

/** OTOBO stores effective values as YAML dumps of the Perl value (`--- '1'`, `---\n- users\n`). */
export function parseStoredValue(text: string): unknown {
  try {
    return parseYaml(text) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Perl truth: undef, "", "0" and 0 are false. */
const perlTrue = (value: unknown): boolean =>
  value !== undefined && value !== null && value !== "" && value !== "0" && value !== 0 && value !== false;

const stringList = (value: unknown): string[] =>
  Array.isArray(value)
    ? [...new Set(value.filter((v): v is string | number => typeof v === "string" || typeof v === "number"))]
        .map(String)
        .filter((v) => v !== "")
    : [];

const mappingRows = (value: unknown): DynamicFieldMapping[] =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.entries(value as Record<string, unknown>)
        .filter(([attribute, field]) => attribute !== "" && typeof field === "string" && field !== "")
        .map(([attribute, field]) => ({ attribute, dynamicField: field as string }))
    : [];

/**
 * Clientele's settings as OTOBO's System Configuration has them. Default services follow OTOBO's
 * own rule there (defaults only for users without explicit services: FALLBACK).
 */
export async function settingsFromSysconfig(db: Db): Promise<Settings> {
  const values = await readSysconfig(
    db,
    [
      SYSCONFIG.groupSupport,
      SYSCONFIG.alwaysGroups,
      SYSCONFIG.companyAlwaysGroups,
      SYSCONFIG.otherCustomersContext,
      SYSCONFIG.dynamicFieldMapping,
      SYSCONFIG.cryptType,
    ],
    [SYSCONFIG.dynamicFieldEventPattern],
  );
  const eventSwitch = [...values.keys()].some(
    (name) => name.startsWith("Ticket::EventModulePost###") && name.endsWith("-DynamicFieldFromCustomerUser"),
  );
  const cryptType = values.get(SYSCONFIG.cryptType);
  return {
    source: "OTOBO_SYSCONFIG",
    customerGroupSupport: perlTrue(values.get(SYSCONFIG.groupSupport)),
    customerGroupAlwaysGroups: stringList(values.get(SYSCONFIG.alwaysGroups)),
    customerGroupCompanyAlwaysGroups: stringList(values.get(SYSCONFIG.companyAlwaysGroups)),
    customerGroupOtherCustomersContext: values.has(SYSCONFIG.otherCustomersContext),
    defaultServicesMode: "FALLBACK",
    dynamicFieldFromCustomerUser: eventSwitch,
    dynamicFieldFromCustomerUserMapping: mappingRows(values.get(SYSCONFIG.dynamicFieldMapping)),
    customerPasswordCryptType:
      typeof cryptType === "string" && cryptType !== "" ? cryptType : OTOBO_DEFAULT_CRYPT_TYPE,
  };
}

/**
 * OTOBO's `Customer::AuthModule::DB::CryptType` when it is set and is a format both OTOBO verifies
 * and Clientele writes (bcrypt, sha2, sha512); otherwise undefined, and the attach default (bcrypt)
 * applies. A database without the sysconfig tables has no CryptType either.
 */
export async function otoboCryptType(db: Db): Promise<"bcrypt" | "sha2" | "sha512" | undefined> {
  const values = await readSysconfig(db, [SYSCONFIG.cryptType]).catch((error: unknown) => {
    if (error instanceof PreconditionFailedError) return new Map<string, unknown>();
    throw error;
  });
  const value = values.get(SYSCONFIG.cryptType);
  return value === "bcrypt" || value === "sha2" || value === "sha512" ? value : undefined;
}
