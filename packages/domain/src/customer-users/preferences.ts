import { eq, sql } from "drizzle-orm";
import type { Actor, AuditLog } from "../audit/audit";
import type { Db } from "../db/client";
import { customerPreferences } from "../db/schema";
import { BadInputError, NotFoundError } from "../errors";
import { PREFERENCE_KEY_MAX, PREFERENCE_VALUE_MAX } from "../rules/customer-user";
import { inJsonList } from "../shared/sql";
import type { CustomerUserLookup } from "./lookup";

export interface Preference {
  key: string;
  value: string | null;
}

/** A preference to store; a value left out is stored empty, as OTOBO does with null. */
export interface PreferenceInput {
  key: string;
  value?: string | null;
}

/** Column lengths of OTOBO's `customer_preferences`. */
export { PREFERENCE_KEY_MAX, PREFERENCE_VALUE_MAX };
/** More than any frontend sets; keeps one save a single bounded statement. */
export const PREFERENCES_MAX = 1000;

/**
 * Keys OTOBO's SetPreferences refuses: they are customer-user data, not preferences
 * (Kernel/System/CustomerUser.pm).
 */
const DATA_KEYS = new Set([
  "UserID",
  "UserLogin",
  "UserPassword",
  "UserFirstname",
  "UserLastname",
  "UserFullname",
  "UserStreet",
  "UserCity",
  "UserZip",
  "UserCountry",
  "UserComment",
  "UserCustomerID",
  "UserTitle",
  "UserEmail",
  "ChangeTime",
  "ChangeBy",
  "CreateTime",
  "CreateBy",
  "UserPhone",
  "UserMobile",
  "UserFax",
  "UserMailString",
  "ValidID",
]);

/**
 * OTOBO's one-time password-reset token (TokenGenerate/TokenCheck): a secret, so it is never
 * shown, never replaced by a preference save, and cannot be set here.
 */
const HIDDEN_KEYS = new Set(["UserToken"]);

const KEY_PATTERN = /^[A-Za-z0-9_.:-]+$/;

export interface PreferencesDeps {
  customerUsers: Pick<CustomerUserLookup, "get">;
  audit: AuditLog;
}

/**
 * Customer users' preferences in OTOBO's `customer_preferences` (user_id = login), for every
 * backend: LDAP users' preferences live in the database by login too, as in OTOBO.
 */
export class PreferencesService {
  constructor(
    private readonly db: Db,
    private readonly deps: PreferencesDeps,
  ) {}

  /** Preferences of each login (exact, as stored), sorted by key. */
  async getMany(logins: readonly string[]): Promise<Map<string, Preference[]>> {
    const unique = [...new Set(logins)];
    const result = new Map<string, Preference[]>(unique.map((l) => [l, []]));
    if (unique.length === 0) return result;
    const rows = await this.db
      .select()
      .from(customerPreferences)
      .where(inJsonList(customerPreferences.userId, unique));
    for (const row of rows) {
      if (HIDDEN_KEYS.has(row.preferencesKey)) continue;
      result.get(row.userId)?.push({ key: row.preferencesKey, value: row.preferencesValue });
    }
    for (const list of result.values()) list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return result;
  }

  async get(login: string): Promise<Preference[]> {
    return (await this.getMany([login])).get(login) ?? [];
  }

  /**
   * Replaces the user's preferences with the given set, in one transaction with an audit entry.
   * As OTOBO stores it, an empty value is kept as '' (a null value too).
   */
  async set(actor: Actor, login: string, input: readonly PreferenceInput[]) {
    const record = await this.deps.customerUsers.get(login);
    if (!record) throw new NotFoundError(`There is no customer user "${login}".`, { field: "login", login });
    const wanted = validate(input);
    // A map attribute of the user's backend (e.g. UserRoom) is data too, as OTOBO treats it.
    const dataIndex = wanted.findIndex((p) => p.key in record.attributes);
    if (dataIndex >= 0) {
      throw new BadInputError(
        `preferences.${dataIndex}.key`,
        `"${wanted[dataIndex]!.key}" is customer-user data, not a preference; change it in the customer user's form.`,
        { reason: "preferenceIsData", value: wanted[dataIndex]!.key },
      );
    }
    await this.db.transaction(async (tx) => {
      // One save at a time per user, so before/after in the audit log are exact.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${`customer_preferences:${record.login}`}))`,
      );
      const before = (
        await tx.select().from(customerPreferences).where(eq(customerPreferences.userId, record.login))
      ).filter((r) => !HIDDEN_KEYS.has(r.preferencesKey));
      const beforeMap = Object.fromEntries(before.map((r) => [r.preferencesKey, r.preferencesValue]));
      const afterMap = Object.fromEntries(wanted.map((p) => [p.key, p.value]));
      if (JSON.stringify(sortKeys(beforeMap)) === JSON.stringify(sortKeys(afterMap))) return;
      await tx
        .delete(customerPreferences)
        .where(
          sql`${customerPreferences.userId} = ${record.login} and ${customerPreferences.preferencesKey} not in (select jsonb_array_elements_text(${JSON.stringify([...HIDDEN_KEYS])}::jsonb))`,
        );
      if (wanted.length) {
        await tx
          .insert(customerPreferences)
          .values(
            wanted.map((p) => ({ userId: record.login, preferencesKey: p.key, preferencesValue: p.value })),
          );
      }
      await this.deps.audit.record(
        tx,
        actor,
        "customer_user",
        record.login,
        "set_preferences",
        { preferences: beforeMap },
        { preferences: afterMap },
      );
    });
    return record;
  }
}

const sortKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort());

function validate(input: readonly PreferenceInput[]): { key: string; value: string }[] {
  if (input.length > PREFERENCES_MAX) {
    throw new BadInputError("preferences", `A customer user has at most ${PREFERENCES_MAX} preferences.`);
  }
  const seen = new Set<string>();
  return input.map((p, index) => {
    const field = `preferences.${index}`;
    const key = typeof p.key === "string" ? p.key : "";
    if (key.trim() === "") throw new BadInputError(`${field}.key`, "A preference needs a key.");
    if (key.length > PREFERENCE_KEY_MAX) {
      throw new BadInputError(
        `${field}.key`,
        `A preference key has at most ${PREFERENCE_KEY_MAX} characters.`,
      );
    }
    if (!KEY_PATTERN.test(key)) {
      throw new BadInputError(
        `${field}.key`,
        `The preference key "${key}" may only contain letters, digits and _ . : - (e.g. UserLanguage).`,
      );
    }
    if (DATA_KEYS.has(key)) {
      throw new BadInputError(
        `${field}.key`,
        `"${key}" is customer-user data, not a preference; change it in the customer user's form.`,
        { reason: "preferenceIsData", value: key },
      );
    }
    if (HIDDEN_KEYS.has(key)) {
      throw new BadInputError(`${field}.key`, `"${key}" is managed by the password reset and cannot be set.`);
    }
    if (seen.has(key)) throw new BadInputError(`${field}.key`, `The preference "${key}" is given twice.`);
    seen.add(key);
    const value = p.value ?? "";
    if (typeof value !== "string") throw new BadInputError(`${field}.value`, "A preference value is text.");
    // The column counts characters, not UTF-16 units.
    if ([...value].length > PREFERENCE_VALUE_MAX) {
      throw new BadInputError(
        `${field}.value`,
        `The value of "${key}" has at most ${PREFERENCE_VALUE_MAX} characters.`,
      );
    }
    // PostgreSQL text cannot hold NUL; refuse it rather than fail in the database.
    if (value.includes("\0"))
      throw new BadInputError(`${field}.value`, "A preference value cannot contain NUL.");
    return { key, value };
  });
}
