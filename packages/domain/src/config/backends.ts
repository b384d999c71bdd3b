import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { PASSWORD_HASH_FORMATS, type PasswordHashFormat } from "../security/passwords";
import { type LdapParams, ldapParamsSchema } from "./ldap-params";
import { DEFAULT_LIMITS, limitsSchema, type RequestLimits } from "./limits";
import { defaultAdMap, defaultDbMap, defaultLdapMap, type MapRow, mapRowSchema } from "./map";

/** Up to 10 customer-user backends (OTOBO's CustomerUser, CustomerUser1 … CustomerUser10 slots). */
export const MAX_BACKENDS = 10;
export const DEFAULT_SEARCH_LIST_LIMIT = 1000;

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a plain SQL identifier (letters, digits, _)");

const commonKeys = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and - only")
    .optional(),
  name: z.string().min(1).optional(),
  customerKey: z.string().optional(),
  customerId: z.string().optional(),
  customerValid: z.string().optional(),
  customerUserListFields: z.array(z.string().min(1)).min(1).optional(),
  customerUserSearchFields: z.array(z.string().min(1)).min(1).optional(),
  customerUserPostMasterSearchFields: z.array(z.string().min(1)).min(1).optional(),
  customerUserNameFields: z.array(z.string().min(1)).min(1).optional(),
  customerUserNameFieldsJoin: z.string().default(" "),
  searchPrefix: z.string().optional(),
  searchSuffix: z.string().optional(),
  searchListLimit: z.number().int().positive().default(DEFAULT_SEARCH_LIST_LIMIT),
  searchCaseSensitive: z.boolean().default(false),
  cacheTtl: z.number().int().nonnegative().default(0),
  readOnly: z.boolean().default(false),
  excludePrimaryCustomerId: z.boolean().default(false),
  customerCompanySupport: z.boolean().default(true),
  emailUniqueCheck: z.boolean().default(true),
  map: z.array(mapRowSchema).min(1).optional(),
};

const dbBackendSchema = z
  .object({
    module: z.literal("db"),
    params: z
      .object({ table: identifier.default("customer_user") })
      .strict()
      .default({ table: "customer_user" }),
    ...commonKeys,
  })
  .strict();

const ldapBackendSchema = z
  .object({ module: z.literal("ldap"), params: ldapParamsSchema, ...commonKeys })
  .strict();

const configFileSchema = z
  .object({
    passwordHash: z.enum(PASSWORD_HASH_FORMATS).optional(),
    backends: z
      .array(z.discriminatedUnion("module", [dbBackendSchema, ldapBackendSchema]))
      .min(1, "needs at least one backend")
      .max(MAX_BACKENDS, `at most ${MAX_BACKENDS} backends`),
    limits: limitsSchema.default(DEFAULT_LIMITS),
  })
  .strict();

interface CommonBackendConfig {
  /** Stable id used as `source` on every user (`CustomerUser`, `CustomerUser1`, … unless set). */
  id: string;
  name: string;
  customerKey: string;
  customerId: string;
  customerValid: string | null;
  customerUserListFields: string[];
  customerUserSearchFields: string[];
  customerUserPostMasterSearchFields: string[];
  customerUserNameFields: string[];
  customerUserNameFieldsJoin: string;
  searchPrefix: string;
  searchSuffix: string;
  searchListLimit: number;
  searchCaseSensitive: boolean;
  cacheTtl: number;
  readOnly: boolean;
  excludePrimaryCustomerId: boolean;
  customerCompanySupport: boolean;
  emailUniqueCheck: boolean;
  map: MapRow[];
}
export interface DbBackendConfig extends CommonBackendConfig {
  module: "db";
  params: { table: string };
}
export interface LdapBackendConfig extends CommonBackendConfig {
  module: "ldap";
  params: LdapParams;
}
export type BackendConfig = DbBackendConfig | LdapBackendConfig;
/** A backend's `module` in the configuration file. */
export type SourceModule = BackendConfig["module"];
/** The kind of an LDAP backend's directory (`params.directoryType`). */
export type DirectoryType = LdapBackendConfig["params"]["directoryType"];

export interface ClienteleConfig {
  backends: BackendConfig[];
  /** Format of the passwords Clientele writes; unset: argon2id standalone, bcrypt attached. */
  passwordHash?: PasswordHashFormat;
  /** Request limits (`limits:` in the file); defaults in `DEFAULT_LIMITS`. */
  limits: RequestLimits;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Turns zod issues into "backends[1].params.url: must start with ldap://" lines. */
function describeIssues(error: z.ZodError, origin: string): string {
  const lines = error.issues.map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join("");
    return `  - ${path || "(root)"}: ${issue.message}`;
  });
  return `Invalid configuration in ${origin}:\n${lines.join("\n")}`;
}

export function parseConfig(raw: unknown, origin = "configuration"): ClienteleConfig {
  const result = configFileSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(describeIssues(result.error, origin));
  const seen = new Set<string>();
  const backends = result.data.backends.map((b, index): BackendConfig => {
    const isLdap = b.module === "ldap";
    const id = b.id ?? (index === 0 ? "CustomerUser" : `CustomerUser${index}`);
    if (seen.has(id))
      throw new ConfigError(
        `Invalid configuration in ${origin}:\n  - backends[${index}].id: "${id}" is used twice`,
      );
    seen.add(id);
    const isAd = b.module === "ldap" && b.params.directoryType === "activeDirectory";
    const map = b.map ?? (isAd ? defaultAdMap : isLdap ? defaultLdapMap : defaultDbMap);
    // Every LDAP attribute is read-only (OTOBO marks them so in its example).
    const normalisedMap = isLdap ? map.map((r) => ({ ...r, readOnly: true })) : map;
    for (const needed of ["UserLogin", "UserEmail", "UserCustomerID"]) {
      if (!normalisedMap.some((r) => r.attribute === needed)) {
        throw new ConfigError(
          `Invalid configuration in ${origin}:\n  - backends[${index}].map: needs a row for ${needed} (login, email and customer id make a working backend)`,
        );
      }
    }
    const common: CommonBackendConfig = {
      id,
      name:
        b.name ?? (isLdap ? `LDAP ${index}` : index === 0 ? "Database Backend" : `Database Backend ${index}`),
      customerKey: b.customerKey ?? (isAd ? "sAMAccountName" : isLdap ? "uid" : "login"),
      customerId: b.customerId ?? (isLdap ? "mail" : "customer_id"),
      customerValid: b.customerValid ?? (isLdap ? null : "valid_id"),
      customerUserListFields:
        b.customerUserListFields ?? (isLdap ? ["cn", "mail"] : ["first_name", "last_name", "email"]),
      customerUserSearchFields:
        b.customerUserSearchFields ??
        (isAd
          ? ["sAMAccountName", "cn", "mail"]
          : isLdap
            ? ["uid", "cn", "mail"]
            : ["login", "first_name", "last_name", "customer_id"]),
      customerUserPostMasterSearchFields:
        b.customerUserPostMasterSearchFields ?? (isLdap ? ["mail"] : ["email"]),
      customerUserNameFields:
        b.customerUserNameFields ?? (isLdap ? ["givenName", "sn"] : ["title", "first_name", "last_name"]),
      customerUserNameFieldsJoin: b.customerUserNameFieldsJoin,
      searchPrefix: b.searchPrefix ?? (isLdap ? "" : "*"),
      searchSuffix: b.searchSuffix ?? "*",
      searchListLimit: b.searchListLimit,
      searchCaseSensitive: b.searchCaseSensitive,
      cacheTtl: b.cacheTtl,
      readOnly: isLdap ? true : b.readOnly,
      excludePrimaryCustomerId: b.excludePrimaryCustomerId,
      customerCompanySupport: b.customerCompanySupport,
      emailUniqueCheck: b.emailUniqueCheck,
      map: normalisedMap,
    };
    return b.module === "ldap"
      ? { ...common, module: "ldap", params: b.params }
      : { ...common, module: "db", params: b.params };
  });
  return {
    backends,
    limits: result.data.limits,
    ...(result.data.passwordHash ? { passwordHash: result.data.passwordHash } : {}),
  };
}

/** Reads `CLIENTELE_CONFIG` (JSON or YAML); without a path: one DB backend with OTOBO's default map. */
export function loadConfig(path: string | undefined): ClienteleConfig {
  const config = readConfigFile(path);
  const fromEnv = process.env.CLIENTELE_PASSWORD_HASH?.trim();
  if (!fromEnv) return config;
  if (!(PASSWORD_HASH_FORMATS as readonly string[]).includes(fromEnv)) {
    throw new ConfigError(
      `CLIENTELE_PASSWORD_HASH must be one of ${PASSWORD_HASH_FORMATS.join(", ")} (got "${fromEnv}").`,
    );
  }
  return { ...config, passwordHash: fromEnv as PasswordHashFormat };
}

function readConfigFile(path: string | undefined): ClienteleConfig {
  if (!path) return parseConfig({ backends: [{ module: "db" }] }, "the built-in default");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read CLIENTELE_CONFIG file ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      `CLIENTELE_CONFIG file ${path} is not valid ${/\.json$/i.test(path) ? "JSON" : "YAML"}: ${(error as Error).message}`,
    );
  }
  return parseConfig(raw, path);
}
