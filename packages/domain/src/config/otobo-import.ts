import { Document, isSeq, visit } from "yaml";
import { ConfigError, MAX_BACKENDS, parseConfig } from "./backends";
import { PerlExpression, type PerlHash, type PerlValue, readPerlAssignments } from "./perl-literal";

/** A key of the Config.pm that has no place in Clientele's backend file, and why. */
export interface ImportProblem {
  key: string;
  reason: string;
  line?: number;
}

export interface OtoboImportResult {
  /** The backend file's content (`{ backends: [...] }`), checked with `parseConfig`. */
  config: { backends: Record<string, unknown>[] };
  /** The same as YAML, with map rows as OTOBO's one-line arrays. */
  yaml: string;
  problems: ImportProblem[];
  /** Set when the translated file does not pass `parseConfig`: what is wrong with it. */
  invalid: string | null;
}

const isHash = (v: PerlValue | undefined): v is PerlHash =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof PerlExpression);

/** Perl truth: undef, "", "0" and 0 are false. */
const perlTrue = (v: PerlValue | undefined): boolean =>
  v !== null && v !== undefined && v !== "" && v !== "0" && v !== 0;

const slotOrder = (name: string): number => Number(name.replace(/^\D+/, "") || "0");

const OTOBO_CUSTOMER_COMPANY_COLUMNS = new Set([
  "customer_id",
  "name",
  "street",
  "zip",
  "city",
  "country",
  "url",
  "comments",
  "valid_id",
]);

class Translator {
  readonly problems: ImportProblem[] = [];
  private line: number | undefined;

  problem(key: string, reason: string): void {
    this.problems.push({ key, reason, ...(this.line ? { line: this.line } : {}) });
  }

  at(line: number | undefined): this {
    this.line = line;
    return this;
  }

  string(key: string, v: PerlValue | undefined): string | undefined {
    if (typeof v === "string") return v;
    if (typeof v === "number") return String(v);
    if (v === null || v === undefined) return undefined;
    this.problem(key, this.unreadable(v, "a string", key));
    return undefined;
  }

  integer(key: string, v: PerlValue | undefined, min: number): number | undefined {
    const n =
      typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN;
    if (Number.isInteger(n) && n >= min) return n;
    if (v === null || v === undefined) return undefined;
    this.problem(key, this.unreadable(v, `a whole number of at least ${min}`));
    return undefined;
  }

  stringList(key: string, v: PerlValue | undefined): string[] | undefined {
    if (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number")) {
      const list = v.map(String).filter((x) => x !== "");
      if (list.length) return list;
      this.problem(key, "is an empty list; Clientele's default is used");
      return undefined;
    }
    if (v === null || v === undefined) return undefined;
    this.problem(key, this.unreadable(v, "a list of names"));
    return undefined;
  }

  /** The code is quoted so the admin finds it, except under a password key. */
  unreadable(v: PerlValue, expected: string, key = ""): string {
    if (v instanceof PerlExpression && /(Pw|Password|Passwd|Secret)$/i.test(key)) {
      return `is Perl code that cannot be read as ${expected}`;
    }
    return v instanceof PerlExpression
      ? `is Perl code (${v.text.length > 60 ? `${v.text.slice(0, 57)}…` : v.text}) that cannot be read as ${expected}`
      : `must be ${expected}`;
  }
}

/** OTOBO's customer-user keys that map one to one (Config.pm name → backend file name). */
const DIRECT_KEYS: Record<string, { to: string; kind: "string" | "list" | "bool" | "int" | "int0" }> = {
  Name: { to: "name", kind: "string" },
  CustomerKey: { to: "customerKey", kind: "string" },
  CustomerID: { to: "customerId", kind: "string" },
  CustomerValid: { to: "customerValid", kind: "string" },
  CustomerUserListFields: { to: "customerUserListFields", kind: "list" },
  CustomerUserSearchFields: { to: "customerUserSearchFields", kind: "list" },
  CustomerUserPostMasterSearchFields: { to: "customerUserPostMasterSearchFields", kind: "list" },
  CustomerUserNameFields: { to: "customerUserNameFields", kind: "list" },
  CustomerUserNameFieldsJoin: { to: "customerUserNameFieldsJoin", kind: "string" },
  CustomerUserSearchPrefix: { to: "searchPrefix", kind: "string" },
  CustomerUserSearchSuffix: { to: "searchSuffix", kind: "string" },
  CustomerUserSearchListLimit: { to: "searchListLimit", kind: "int" },
  CustomerUserEmailUniqCheck: { to: "emailUniqueCheck", kind: "bool" },
  CustomerUserExcludePrimaryCustomerID: { to: "excludePrimaryCustomerId", kind: "bool" },
  CustomerCompanySupport: { to: "customerCompanySupport", kind: "bool" },
  CacheTTL: { to: "cacheTtl", kind: "int0" },
  ReadOnly: { to: "readOnly", kind: "bool" },
};

/** Keys Clientele deliberately has no setting for, with why. */
const NOT_SUPPORTED: Record<string, string> = {
  AdminSetPreferences: "Clientele always lets admins edit a customer user's preferences",
  Selections: "Clientele shows map attributes as text fields; select lists per attribute are not supported",
  AutoLoginCreation: "Clientele never generates logins; a login is always required",
  AutoLoginCreationPrefix: "Clientele never generates logins; a login is always required",
};

function translateMap(t: Translator, slot: string, rows: PerlValue | undefined): unknown[] | undefined {
  if (rows === undefined || rows === null) return undefined;
  if (!Array.isArray(rows)) {
    t.problem(`${slot}.Map`, t.unreadable(rows, "a list of 10-column rows"));
    return undefined;
  }
  const out: unknown[] = [];
  rows.forEach((row, index) => {
    const name = Array.isArray(row) && typeof row[0] === "string" ? row[0] : `[${index}]`;
    const key = `${slot}.Map.${name}`;
    if (!Array.isArray(row) || row.length < 3) {
      t.problem(key, "is not a map row (an array of at least attribute, label and storage)");
      return;
    }
    const code = row.find((c) => c instanceof PerlExpression);
    if (code) {
      t.problem(key, t.unreadable(code, "a plain value; the row is left out"));
      return;
    }
    if (row[5] === "dynamic_field") {
      t.problem(
        key,
        "is a dynamic-field row; Clientele's map rows are columns or LDAP attributes, so the row is left out",
      );
      return;
    }
    const [target, linkClass] = [row[8], row[9]];
    if (perlTrue(target as PerlValue) || perlTrue(linkClass as PerlValue)) {
      t.problem(
        `${key}[8..9]`,
        "link target and link class are not used by Clientele; the row is kept without them",
      );
    }
    out.push(row.slice(0, 8));
  });
  return out;
}

/** `SearchCaseSensitive`, or its older name `CaseSensitive` where the newer one is not given (both backends). */
function readCaseSensitivity(name: string, params: PerlHash, out: Record<string, unknown>): void {
  if (name === "SearchCaseSensitive" || !("SearchCaseSensitive" in params))
    out.searchCaseSensitive = perlTrue(params[name]);
}

function translateDbParams(
  t: Translator,
  slot: string,
  params: PerlHash,
  out: Record<string, unknown>,
): void {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    const key = `${slot}.Params.${name}`;
    switch (name) {
      case "Table": {
        const table = t.string(key, value);
        if (table !== undefined) result.table = table;
        break;
      }
      case "SearchCaseSensitive":
      case "CaseSensitive":
        readCaseSensitivity(name, params, out);
        break;
      case "ForeignDB":
        if (perlTrue(value))
          t.problem(
            key,
            "Clientele writes the table's create_time/change_time columns; tables without them are not supported",
          );
        break;
      case "DSN":
      case "User":
      case "Password":
      case "Type":
        t.problem(
          key,
          "a separate database connection is not supported; Clientele reads the table from the database it runs on",
        );
        break;
      default:
        t.problem(key, "is unknown to Clientele's database backend");
    }
  }
  if (Object.keys(result).length) out.params = result;
}

/** LDAP backend parameters copied as text (empty when unset) to the named field. */
const LDAP_TEXT_PARAMS = new Map([
  ["UserDN", "bindDn"],
  ["UserPw", "bindPassword"],
  ["AlwaysFilter", "alwaysFilter"],
  ["GroupDN", "groupDn"],
]);

function translateLdapParams(
  t: Translator,
  slot: string,
  params: PerlHash,
  out: Record<string, unknown>,
): void {
  const result: Record<string, unknown> = {};
  const netLdap = isHash(params.Params) ? params.Params : {};
  if (params.Params !== undefined && !isHash(params.Params)) {
    t.problem(`${slot}.Params.Params`, t.unreadable(params.Params, "a hash of Net::LDAP options"));
  }
  let scheme: string | undefined;
  let port: number | undefined;
  const tls: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(netLdap)) {
    const key = `${slot}.Params.Params.${name}`;
    switch (name) {
      case "port":
        port = t.integer(key, value, 1);
        break;
      case "scheme":
        scheme = t.string(key, value);
        if (scheme && scheme !== "ldap" && scheme !== "ldaps") {
          t.problem(key, "only ldap and ldaps are supported");
          scheme = undefined;
        }
        break;
      case "timeout": {
        const seconds = t.integer(key, value, 1);
        if (seconds !== undefined) result.timeoutMs = seconds * 1000;
        break;
      }
      case "version":
        if (String(value) !== "3") t.problem(key, "Clientele speaks LDAP version 3 only");
        break;
      case "cafile": {
        const file = t.string(key, value);
        if (file) tls.caFile = file;
        break;
      }
      case "verify":
        if (value === "none" || value === "optional") tls.rejectUnauthorized = false;
        else if (value !== "require") t.problem(key, 'must be "none", "optional" or "require"');
        break;
      case "async":
        t.problem(key, "Clientele's directory client is always asynchronous; the option has no counterpart");
        break;
      default:
        t.problem(key, "is a Net::LDAP option Clientele's directory client does not have");
    }
  }
  for (const [name, value] of Object.entries(params)) {
    const key = `${slot}.Params.${name}`;
    const text = LDAP_TEXT_PARAMS.get(name);
    if (text) {
      result[text] = t.string(key, value) ?? "";
      continue;
    }
    switch (name) {
      case "Params":
        break;
      case "Host": {
        const host = t.string(key, value);
        if (!host) break;
        const withScheme = /^ldaps?:\/\//i.test(host) ? host : `${scheme ?? "ldap"}://${host}`;
        result.url =
          port !== undefined && !/:\d+\/?$/.test(withScheme)
            ? `${withScheme.replace(/\/$/, "")}:${port}`
            : withScheme;
        break;
      }
      case "BaseDN":
        result.baseDn = t.string(key, value);
        break;
      case "SSCOPE": {
        const scope = t.string(key, value);
        if (scope === "sub" || scope === "one") result.scope = scope;
        else if (scope !== undefined) t.problem(key, 'Clientele searches with scope "sub" or "one" only');
        break;
      }
      case "AccessAttr":
        if (value !== "memberUid" && value !== "memberuid")
          t.problem(key, "Clientele reads group members from memberUid only");
        break;
      case "UserAttr":
        if (String(value).toUpperCase() !== "UID")
          t.problem(key, "Clientele matches group members by login (UID); member DNs are not supported");
        break;
      case "SourceCharset":
        result.sourceCharset = t.string(key, value);
        break;
      case "DestCharset":
        t.problem(
          key,
          "Clientele always works in UTF-8; only the directory's charset (SourceCharset) is set",
        );
        break;
      case "Die":
        t.problem(
          key,
          "Clientele never stops on an unreachable directory; that backend's part of a search fails with SOURCE_UNAVAILABLE",
        );
        break;
      case "SearchCaseSensitive":
      case "CaseSensitive":
        readCaseSensitivity(name, params, out);
        break;
      default:
        t.problem(key, "is unknown to Clientele's LDAP backend");
    }
  }
  if (Object.keys(tls).length) result.tls = tls;
  out.params = { ...(out.params as object | undefined), ...result };
}

function translateCustomerUser(t: Translator, slot: string, block: PerlHash): Record<string, unknown> | null {
  const module = typeof block.Module === "string" ? block.Module : "";
  const kind = /::DB$/.test(module) ? "db" : /::LDAP$/.test(module) ? "ldap" : null;
  if (!kind) {
    t.problem(
      `${slot}.Module`,
      module
        ? `${module} is not a backend Clientele has (Kernel::System::CustomerUser::DB or ::LDAP); the block is left out`
        : "is missing or not a module name; the block is left out",
    );
    return null;
  }
  const out: Record<string, unknown> = { id: slot, module: kind };
  for (const [name, value] of Object.entries(block)) {
    const key = `${slot}.${name}`;
    // Own keys only: a Perl key such as `constructor` must not find a property of Object itself.
    const direct = Object.hasOwn(DIRECT_KEYS, name) ? DIRECT_KEYS[name] : undefined;
    if (direct) {
      let v: unknown;
      if (direct.kind === "string") v = t.string(key, value);
      else if (direct.kind === "list") v = t.stringList(key, value);
      else if (direct.kind === "bool") {
        if (value instanceof PerlExpression) t.problem(key, t.unreadable(value, "0 or 1"));
        else v = perlTrue(value);
      } else v = t.integer(key, value, direct.kind === "int" ? 1 : 0);
      if (v !== undefined) out[direct.to] = v;
      continue;
    }
    switch (name) {
      case "Module":
        break;
      case "Params":
        if (!isHash(value)) t.problem(key, t.unreadable(value ?? null, "a hash"));
        else if (kind === "db") translateDbParams(t, slot, value, out);
        else translateLdapParams(t, slot, value, out);
        break;
      case "CustomerUserValidFilter":
        if (kind === "ldap") {
          const filter = t.string(key, value);
          if (filter !== undefined) out.params = { ...(out.params as object), validFilter: filter };
        } else t.problem(key, "is an LDAP setting; a database backend uses CustomerValid");
        break;
      case "Map": {
        const map = translateMap(t, slot, value);
        if (map?.length) out.map = map;
        break;
      }
      default:
        t.problem(
          key,
          (Object.hasOwn(NOT_SUPPORTED, name) && NOT_SUPPORTED[name]) || "is unknown to Clientele",
        );
    }
  }
  // validFilter may have been read before Params; keep it inside params.
  if (kind === "ldap" && !isHash(block.Params)) out.params ??= {};
  return out;
}

function reportCustomerCompany(t: Translator, slot: string, block: PerlHash): void {
  if (slot !== "CustomerCompany") {
    t.problem(
      slot,
      "Clientele reads customers from one table (customer_company); further customer backends are left out",
    );
    return;
  }
  for (const [name, value] of Object.entries(block)) {
    const key = `${slot}.${name}`;
    switch (name) {
      case "Name":
      case "CustomerCompanyListFields":
      case "CustomerCompanySearchFields":
      case "CustomerCompanySearchPrefix":
      case "CustomerCompanySearchSuffix":
      case "CustomerCompanySearchListLimit":
      case "CacheTTL":
        t.problem(key, "Clientele's customer list and search are not configurable; its own defaults apply");
        break;
      case "Module":
        if (typeof value !== "string" || !/::DB$/.test(value))
          t.problem(key, "Clientele keeps customers in the database only (customer_company)");
        break;
      case "Params":
        for (const [p, v] of Object.entries(isHash(value) ? value : {})) {
          if (p === "Table" && v === "customer_company") continue;
          if (p === "CaseSensitive" || p === "SearchCaseSensitive") continue;
          t.problem(
            `${key}.${p}`,
            "Clientele keeps customers in the customer_company table of its own database",
          );
        }
        break;
      case "CustomerCompanyKey":
        if (value !== "customer_id") t.problem(key, "the customer key is always the customer_id column");
        break;
      case "CustomerCompanyValid":
        if (value !== "valid_id") t.problem(key, "validity is always the valid_id column");
        break;
      case "Map":
        for (const row of Array.isArray(value) ? value : []) {
          if (!Array.isArray(row)) continue;
          const storage = row[2];
          if (typeof storage === "string" && !OTOBO_CUSTOMER_COMPANY_COLUMNS.has(storage)) {
            t.problem(
              `${key}.${String(row[0])}`,
              `column ${storage} is not one of OTOBO's standard customer_company columns, which are the only ones Clientele shows`,
            );
          }
        }
        break;
      default:
        t.problem(key, "Clientele has no setting for customers of this kind");
    }
  }
}

/**
 * Translates the customer-user backends (`$Self->{CustomerUser}`, `CustomerUser1` … `CustomerUser10`)
 * of an OTOBO/Znuny `Kernel/Config.pm` into Clientele's backend file, and lists every key it could not
 * translate. `CustomerCompany` blocks have no backend-file counterpart (customers always live in the
 * database), so their keys that differ from OTOBO's standard table are reported. Values are never
 * put into problem texts, so a report can be shown without revealing passwords.
 */
export function importOtoboConfig(source: string): OtoboImportResult {
  const t = new Translator();
  const users = new Map<string, { block: PerlHash; line: number }>();
  const companies = new Map<string, { block: PerlHash; line: number }>();
  for (const assignment of readPerlAssignments(source)) {
    const [slot, ...rest] = assignment.path;
    if (!slot) continue;
    const target = /^CustomerUser\d*$/.test(slot)
      ? users
      : /^CustomerCompany\d*$/.test(slot)
        ? companies
        : null;
    if (!target) continue;
    t.at(assignment.line);
    if (rest.length === 0) {
      if (isHash(assignment.value)) target.set(slot, { block: assignment.value, line: assignment.line });
      else t.problem(slot, t.unreadable(assignment.value, "a hash"));
      continue;
    }
    const entry = target.get(slot) ?? { block: {}, line: assignment.line };
    target.set(slot, entry);
    let node: PerlHash = entry.block;
    for (const part of rest.slice(0, -1)) {
      const child = node[part];
      if (!isHash(child)) node[part] = {};
      node = node[part] as PerlHash;
    }
    node[rest[rest.length - 1]!] = assignment.value;
  }

  const backends: Record<string, unknown>[] = [];
  // OTOBO asks the backends in slot order (CustomerUser, CustomerUser1, …), not in file order.
  for (const [slot, { block, line }] of [...users].sort((a, b) => slotOrder(a[0]) - slotOrder(b[0]))) {
    t.at(line);
    if (backends.length >= MAX_BACKENDS) {
      t.problem(slot, `Clientele takes at most ${MAX_BACKENDS} backends; this one is left out`);
      continue;
    }
    const backend = translateCustomerUser(t, slot, block);
    if (backend) backends.push(backend);
  }
  for (const [slot, { block, line }] of [...companies].sort((a, b) => slotOrder(a[0]) - slotOrder(b[0]))) {
    reportCustomerCompany(t.at(line), slot, block);
  }
  t.at(undefined);
  if (users.size === 0) t.problem("CustomerUser", "no customer-user backend was found in the file");

  const config = { backends };
  let invalid: string | null = null;
  try {
    parseConfig(config, "the translated configuration");
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    invalid = error.message;
  }
  return { config, yaml: toYaml(config), problems: t.problems, invalid };
}

function toYaml(config: { backends: Record<string, unknown>[] }): string {
  const doc = new Document(config);
  // Map rows read best as OTOBO's one-line arrays.
  visit(doc, {
    Seq(_key, node, path) {
      const parent = path[path.length - 1];
      if (isSeq(parent) && parent.items.includes(node)) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}
