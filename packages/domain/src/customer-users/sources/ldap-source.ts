import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import type { ConnectionOptions } from "node:tls";
import { TextDecoder } from "node:util";
import {
  AndFilter,
  type BerWriter,
  Client,
  type Entry,
  EqualityFilter,
  type Filter,
  FilterParser,
  InvalidCredentialsError,
  NoSuchObjectError,
  NotFilter,
  OrFilter,
  ResultCodeError,
  SizeLimitExceededError,
  SubstringFilter,
} from "ldapts";
import { ConfigError, type LdapBackendConfig } from "../../config/backends";
import { SourceUnavailableError } from "../../errors";
import { TtlCache } from "./ldap-cache";
import {
  and,
  assertValidFilter,
  configuredFilter,
  equals,
  isAttributeName,
  MATCH_NONE,
  matches,
  not,
  or,
  present,
  searchQueryFilter,
} from "./ldap-filter";
import type {
  CustomerUserRecord,
  CustomerUserSource,
  SourceHealth,
  SourceSearchParams,
  SourceSearchResult,
  ValidId,
} from "./source";

export interface LdapSourceLogger {
  warn(details: Record<string, unknown>, message: string): void;
  debug?(details: Record<string, unknown>, message: string): void;
}

export interface LdapSourceOptions {
  logger?: LdapSourceLogger;
}

/** One directory entry reduced to what a record needs. */
interface LdapUser {
  dn: string;
  login: string;
  values: Map<string, string>;
  createdAt: Date | null;
  changedAt: Date | null;
}

interface Fetched {
  users: LdapUser[];
  /** The directory held more matching entries than were read (sizeLimit or a server cap). */
  truncated: boolean;
}

/** Login order used by every backend: case-insensitive, ties broken by the exact string. */
export function compareLogins(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const UTF8 = new Set(["utf-8", "utf8", "unicode-1-1-utf-8"]);
const LATIN1 = new Set(["iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1", "windows-1252", "cp1252"]);

/** OTOBO's LDAP filter batches are unbounded; keep OR lists of logins to a size servers accept. */
const LOGIN_BATCH = 200;

/** Generalized time (`20261128005741Z`) → Date. */
function generalizedTime(value: string | undefined): Date | null {
  const m = value && /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/**
 * Customer users from an LDAP directory (OTOBO's Kernel::System::CustomerUser::LDAP), read-only.
 *
 * Every operation opens its own connection (bind, search, unbind) under one deadline of
 * `timeoutMs`, so a server that went away costs at most that long and the first call after it
 * is back simply works. Searches use paged results and read every matching entry, so the
 * login sort and `limitReached` are exact; `sizeLimit` caps how many entries one search reads.
 *
 * `validFilter` (differs from OTOBO, which drops non-matching users from searches only and still
 * returns them by login): users that do not match it are reported as invalid (validId 2), like
 * invalid database users. A search for valid users hides them, lookups by login still find them
 * (relations and history stay visible), and they cannot authenticate.
 */
export class LdapCustomerUserSource implements CustomerUserSource {
  readonly id: string;
  readonly readOnly = true;
  private readonly params: LdapBackendConfig["params"];
  private readonly logger: LdapSourceLogger | undefined;
  private readonly alwaysFilter: string | null;
  private readonly validFilter: string | null;
  private readonly attributes: string[];
  private readonly decoder: TextDecoder | null;
  private readonly tlsOptions: ConnectionOptions;
  private readonly cache: TtlCache<unknown>;
  private warnedAboutServerCap = false;

  constructor(
    readonly config: LdapBackendConfig,
    options: LdapSourceOptions = {},
  ) {
    this.id = config.id;
    this.params = config.params;
    this.logger = options.logger;
    const where = `backend ${config.id} (${config.name})`;
    const fail = (key: string, message: string): never => {
      throw new ConfigError(`Invalid configuration of ${where}: ${key}: ${message}`);
    };

    this.alwaysFilter = configuredFilter(this.params.alwaysFilter);
    this.validFilter = configuredFilter(this.params.validFilter);
    for (const [key, filter] of [
      ["params.alwaysFilter", this.alwaysFilter],
      ["params.validFilter", this.validFilter],
    ] as const) {
      if (!filter) continue;
      try {
        assertValidFilter(filter);
      } catch (error) {
        fail(key, `not a valid LDAP filter (${(error as Error).message})`);
      }
    }

    const names: [string, string][] = [
      ["customerKey", config.customerKey],
      ["customerId", config.customerId],
      ...config.customerUserSearchFields.map((f): [string, string] => ["customerUserSearchFields", f]),
      ...config.customerUserPostMasterSearchFields.map((f): [string, string] => [
        "customerUserPostMasterSearchFields",
        f,
      ]),
      ...config.map.map((r): [string, string] => [`map row ${r.attribute}`, r.storage]),
    ];
    for (const [key, name] of names) {
      if (!isAttributeName(name)) fail(key, `"${name}" is not an LDAP attribute name`);
    }
    const wanted = new Set<string>([
      config.customerKey,
      config.customerId,
      ...config.map.map((r) => r.storage),
    ]);
    this.attributes = [...wanted, "createTimestamp", "modifyTimestamp"];

    const charset = this.params.sourceCharset.trim().toLowerCase();
    if (!UTF8.has(charset) && !LATIN1.has(charset)) {
      fail(
        "params.sourceCharset",
        `"${this.params.sourceCharset}" is not supported (use utf-8 or iso-8859-1 / windows-1252)`,
      );
    }
    this.decoder = UTF8.has(charset) ? null : new TextDecoder(charset);

    const host = new URL(this.params.url).hostname.replace(/^\[|\]$/g, "");
    const tls = this.params.tls;
    let ca: Buffer | undefined;
    if (tls.caFile) {
      try {
        ca = readFileSync(tls.caFile);
      } catch (error) {
        fail("params.tls.caFile", `cannot read ${tls.caFile}: ${(error as Error).message}`);
      }
    }
    this.tlsOptions = {
      host,
      // SNI takes host names only; certificate checks still use `host`.
      ...(tls.servername || !isIP(host) ? { servername: tls.servername ?? host } : {}),
      rejectUnauthorized: tls.rejectUnauthorized,
      ...(ca ? { ca } : {}),
    };
    this.cache = new TtlCache(config.cacheTtl * 1000);
  }

  // ---------------------------------------------------------------------------------------------
  // CustomerUserSource

  async search(params: SourceSearchParams): Promise<SourceSearchResult> {
    const key = `search:${JSON.stringify([params.query, params.customerId ?? null, params.validId ?? null, params.limit])}`;
    return await this.cached(key, () => this.searchLive(params));
  }

  async findByLogin(login: string): Promise<CustomerUserRecord | null> {
    if (login === "") return null;
    const [record] = await this.findByLogins([login]);
    return record ?? null;
  }

  async findByLogins(logins: readonly string[]): Promise<CustomerUserRecord[]> {
    const wanted = [...new Set(logins.filter((l) => l !== ""))];
    const found = new Map<string, CustomerUserRecord | null>();
    const missing: string[] = [];
    for (const login of wanted) {
      const hit = this.cache.get(`login:${login.toLowerCase()}`) as
        | { value: CustomerUserRecord | null }
        | undefined;
      if (hit) found.set(login.toLowerCase(), hit.value);
      else missing.push(login);
    }
    if (missing.length > 0) {
      const records = await this.connect("lookup", async (client) => {
        const members = await this.groupMembers(client);
        const all: CustomerUserRecord[] = [];
        for (let i = 0; i < missing.length; i += LOGIN_BATCH) {
          const batch = missing.slice(i, i + LOGIN_BATCH);
          const filter = and(or(...batch.map((l) => equals(this.config.customerKey, l))), this.alwaysFilter);
          all.push(...(await this.fetchRecords(client, filter, members, null)).records);
        }
        return all;
      });
      // Several entries with one login (scope sub over several OUs): the first by DN order wins.
      for (const record of records) {
        const key = record.login.toLowerCase();
        if (!found.get(key)) found.set(key, record);
      }
      for (const login of missing) {
        const key = login.toLowerCase();
        if (!found.has(key)) found.set(key, null);
        this.cache.set(`login:${key}`, found.get(key) ?? null);
      }
    }
    return wanted
      .map((l) => found.get(l.toLowerCase()))
      .filter((r): r is CustomerUserRecord => !!r)
      .filter((r, i, all) => all.findIndex((o) => o.login === r.login) === i);
  }

  async findByEmail(email: string): Promise<CustomerUserRecord[]> {
    const address = email.trim();
    if (address === "") return [];
    return await this.cached(`email:${address.toLowerCase()}`, () =>
      this.connect("email lookup", async (client) => {
        const members = await this.groupMembers(client);
        // Exact and escaped: `*` in an address is a literal character here. LDAP's mail matching
        // rule (caseIgnoreIA5Match) makes it case-insensitive.
        const byField = or(...this.config.customerUserPostMasterSearchFields.map((f) => equals(f, address)));
        const { records } = await this.fetchRecords(client, and(byField, this.alwaysFilter), members, null);
        return uniqueLogins(records.sort((a, b) => compareLogins(a.login, b.login)));
      }),
    );
  }

  /**
   * Binds as the user's DN. Wrong or empty password, unknown, invalid or non-member users → null;
   * only an unreachable directory throws (SourceUnavailableError).
   */
  async authenticate(login: string, password: string): Promise<CustomerUserRecord | null> {
    // An empty password would be an unauthenticated bind, which servers report as success.
    if (login === "" || password === "") return null;
    return await this.connect("authentication", async (client) => {
      const members = await this.groupMembers(client);
      const filter = and(equals(this.config.customerKey, login), this.alwaysFilter);
      const { records, users } = await this.fetchRecords(client, filter, members, null);
      const index = records.findIndex((r) => r.validId === 1);
      const record = records[index];
      const user = users[index];
      if (!record || !user) return null;
      const userClient = this.newClient();
      try {
        if (this.params.startTls) await userClient.startTLS(this.tlsOptions);
        await userClient.bind(user.dn, password);
        return record;
      } catch (error) {
        if (error instanceof InvalidCredentialsError) return null;
        throw error;
      } finally {
        await userClient.unbind().catch(() => {});
      }
    });
  }

  async health(): Promise<SourceHealth> {
    const checkedAt = new Date();
    try {
      await this.connect("health check", async (client) => {
        await client.search(this.params.baseDn, { scope: "base", attributes: ["1.1"] });
      });
      return { ok: true, message: null, checkedAt };
    } catch (error) {
      return { ok: false, message: (error as Error).message, checkedAt };
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Searching

  private async searchLive(params: SourceSearchParams): Promise<SourceSearchResult> {
    const validId = params.validId ?? null;
    // LDAP has no "invalid-temporarily"; without a validFilter every user is valid.
    if (validId === 3 || (validId === 2 && !this.validFilter) || params.limit <= 0) {
      return { records: [], limitReached: false };
    }
    const { customerKey, customerId, customerUserSearchFields, searchPrefix, searchSuffix } = this.config;
    // Search case sensitivity is the directory's matching rules' business (uid, cn, mail ignore case).
    const base = and(
      present(customerKey),
      searchQueryFilter(params.query, customerUserSearchFields, searchPrefix, searchSuffix),
      params.customerId ? matches(customerId, params.customerId) : null,
      this.alwaysFilter,
    );
    if (base === MATCH_NONE) return { records: [], limitReached: false };
    const filtered =
      validId === 1 && this.validFilter
        ? and(base, this.validFilter)
        : validId === 2 && this.validFilter
          ? and(base, not(this.validFilter))
          : base;
    return await this.connect("search", async (client) => {
      const members = await this.groupMembers(client);
      const { records, truncated } = await this.fetchRecords(client, filtered, members, validId);
      const unique = uniqueLogins(records.sort((a, b) => compareLogins(a.login, b.login)));
      return {
        records: unique.slice(0, params.limit),
        limitReached: truncated || unique.length > params.limit,
      };
    });
  }

  /**
   * Reads the entries matching `filter` and turns them into records: non-members of groupDn are
   * dropped, validity comes from `validFilter` (one extra DN-only query) unless `knownValid` says.
   */
  private async fetchRecords(
    client: Client,
    filter: string,
    members: Set<string> | null,
    knownValid: ValidId | null,
  ): Promise<{ records: CustomerUserRecord[]; users: LdapUser[]; truncated: boolean }> {
    const fetched = await this.fetch(client, filter, this.attributes);
    const users = members ? fetched.users.filter((u) => members.has(u.login.toLowerCase())) : fetched.users;
    let validDns: Set<string> | null = null;
    if (knownValid === null && this.validFilter && users.length > 0) {
      // Only the entries just read can be valid; for a few logins ask about just them.
      const narrowed =
        users.length <= LOGIN_BATCH
          ? and(or(...users.map((u) => equals(this.config.customerKey, u.login))), this.validFilter)
          : and(filter, this.validFilter);
      const valid = await this.fetch(client, narrowed, ["1.1"]);
      validDns = new Set(valid.users.map((u) => u.dn.toLowerCase()));
    }
    const records = users.map((user) => {
      const validId: ValidId = knownValid ?? (validDns ? (validDns.has(user.dn.toLowerCase()) ? 1 : 2) : 1);
      return this.toRecord(user, validId);
    });
    return { records, users, truncated: fetched.truncated };
  }

  /** Paged search (RFC 2696) under baseDn; stops after `sizeLimit` entries when one is set. */
  private async fetch(client: Client, filter: string, attributes: string[]): Promise<Fetched> {
    const { baseDn, scope, pageSize, sizeLimit } = this.params;
    const keyOnly = attributes.length === 1 && attributes[0] === "1.1";
    const requested = keyOnly ? [this.config.customerKey] : attributes;
    const users: LdapUser[] = [];
    let truncated = false;
    const pages = client.searchPaginated(baseDn, {
      scope,
      filter: this.encodeFilter(filter),
      attributes: requested,
      paged: { pageSize },
      ...(this.decoder ? { explicitBufferAttributes: this.bufferAttributes(requested) } : {}),
    });
    try {
      for await (const page of pages) {
        for (const entry of page.searchEntries) {
          const user = this.toUser(entry);
          if (user) users.push(user);
        }
        if (sizeLimit > 0 && users.length >= sizeLimit) {
          truncated = users.length > sizeLimit || (await hasMore(pages));
          users.length = Math.min(users.length, sizeLimit);
          break;
        }
      }
    } catch (error) {
      // The server capped the paged search (OpenLDAP: size.prtotal; AD: MaxResultSetSize). The
      // entries read so far are kept and the result says honestly that more exist.
      if (!(error instanceof SizeLimitExceededError)) throw error;
      truncated = true;
      if (!this.warnedAboutServerCap) {
        this.warnedAboutServerCap = true;
        this.logger?.warn(
          { source: this.id, url: this.params.url, read: users.length },
          "The LDAP server cut a paged search short; raise its limit for paged searches (OpenLDAP: sizelimit size.prtotal=unlimited)",
        );
      }
    }
    return { users, truncated };
  }

  /** memberUid values of groupDn, read once per operation (and cached with cacheTtl). */
  private async groupMembers(client: Client): Promise<Set<string> | null> {
    const groupDn = this.params.groupDn.trim();
    if (!groupDn) return null;
    const hit = this.cache.get("group") as { value: Set<string> } | undefined;
    if (hit) return hit.value;
    let entries: Entry[];
    try {
      ({ searchEntries: entries } = await client.search(groupDn, {
        scope: "base",
        attributes: ["memberUid"],
        ...(this.decoder ? { explicitBufferAttributes: ["memberUid", "memberuid"] } : {}),
      }));
    } catch (error) {
      if (error instanceof NoSuchObjectError) {
        throw new SourceUnavailableError(this.id, `the group ${groupDn} (params.groupDn) does not exist`);
      }
      throw error;
    }
    const members = new Set<string>();
    for (const entry of entries) {
      for (const value of this.values(entry, "memberUid")) members.add(value.toLowerCase());
    }
    this.cache.set("group", members);
    return members;
  }

  // ---------------------------------------------------------------------------------------------
  // Entries

  private toUser(entry: Entry): LdapUser | null {
    const values = new Map<string, string>();
    for (const name of this.attributes) {
      const [first] = this.values(entry, name);
      // OTOBO takes the first value of multi-valued attributes, and so do we.
      if (first !== undefined) values.set(name.toLowerCase(), first);
    }
    const login = values.get(this.config.customerKey.toLowerCase());
    if (!login) return null;
    return {
      dn: entry.dn,
      login,
      values,
      createdAt: generalizedTime(values.get("createtimestamp")),
      changedAt: generalizedTime(values.get("modifytimestamp")),
    };
  }

  /** An attribute's values as strings, looked up case-insensitively and decoded from sourceCharset. */
  private values(entry: Entry, name: string): string[] {
    const lower = name.toLowerCase();
    const key = Object.keys(entry).find((k) => k.toLowerCase() === lower);
    const raw = key === undefined ? undefined : entry[key];
    if (raw === undefined) return [];
    const list = Array.isArray(raw) ? raw : [raw];
    return list.map((v) =>
      Buffer.isBuffer(v) ? (this.decoder?.decode(v) ?? v.toString("utf8")) : String(v),
    );
  }

  private toRecord(user: LdapUser, validId: ValidId): CustomerUserRecord {
    const attributes: Record<string, string | null> = {};
    for (const row of this.config.map) {
      attributes[row.attribute] =
        user.values.get(row.storage.toLowerCase()) ?? (row.type === "int" ? "0" : "");
    }
    attributes.UserLogin = user.login;
    return {
      source: this.id,
      readOnly: true,
      login: user.login,
      validId,
      attributes,
      createdAt: user.createdAt,
      changedAt: user.changedAt,
    };
  }

  /** Attribute names as servers may spell them back, so ldapts hands them over undecoded. */
  private bufferAttributes(names: string[]): string[] {
    return [...new Set(names.flatMap((n) => [n, n.toLowerCase()]))];
  }

  /**
   * The filter as ldapts sends it. With a non-UTF-8 sourceCharset, assertion values are encoded
   * to it (OTOBO converts search terms the same way); ldapts itself always writes UTF-8.
   */
  private encodeFilter(filter: string): Filter {
    const parsed = FilterParser.parseString(filter);
    if (!this.decoder) return parsed;
    const encode = (value: string): Buffer => Buffer.from(value, "latin1");
    const visit = (node: Filter): void => {
      if (node instanceof AndFilter || node instanceof OrFilter) node.filters.forEach(visit);
      else if (node instanceof NotFilter) visit(node.filter);
      else if (node instanceof EqualityFilter) {
        const { attribute } = node;
        const value = String(node.value);
        node.writeFilter = (writer: BerWriter) => {
          writer.writeString(attribute);
          writer.writeBuffer(encode(value), 0x04);
        };
      } else if (node instanceof SubstringFilter) {
        const { attribute, initial, any, final } = node;
        node.writeFilter = (writer: BerWriter) => {
          writer.writeString(attribute);
          writer.startSequence();
          if (initial) writer.writeBuffer(encode(initial), 0x80);
          for (const part of any) writer.writeBuffer(encode(part), 0x81);
          if (final) writer.writeBuffer(encode(final), 0x82);
          writer.endSequence();
        };
      }
    };
    visit(parsed);
    return parsed;
  }

  // ---------------------------------------------------------------------------------------------
  // Connections

  private newClient(): Client {
    const { url, timeoutMs } = this.params;
    return new Client({
      url,
      timeout: timeoutMs,
      connectTimeout: timeoutMs,
      // ldapts switches to TLS whenever tlsOptions are given; ldap:// + StartTLS passes them later.
      ...(url.startsWith("ldaps:") ? { tlsOptions: this.tlsOptions } : {}),
      strictDN: false,
    });
  }

  /**
   * Runs `work` on a fresh, bound connection under one deadline of timeoutMs. Any failure to
   * reach, secure or bind to the directory becomes a SourceUnavailableError naming this source.
   */
  private async connect<T>(operation: string, work: (client: Client) => Promise<T>): Promise<T> {
    const { timeoutMs, startTls, bindDn, bindPassword } = this.params;
    const client = this.newClient();
    let stage = "connect";
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeadlineError(timeoutMs)), timeoutMs);
    });
    const running = (async () => {
      if (startTls) {
        stage = "starttls";
        await client.startTLS(this.tlsOptions);
      }
      // Anonymous unless both are set (OTOBO's rule).
      if (bindDn && bindPassword) {
        stage = "bind";
        await client.bind(bindDn, bindPassword);
      }
      stage = operation;
      return await work(client);
    })();
    running.catch(() => {});
    try {
      return await Promise.race([running, deadline]);
    } catch (error) {
      throw this.unavailable(error, stage, operation);
    } finally {
      clearTimeout(timer);
      void client.unbind().catch(() => {});
    }
  }

  private unavailable(error: unknown, stage: string, operation: string): Error {
    if (error instanceof SourceUnavailableError) return error;
    const { url, bindDn } = this.params;
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    const code = (error as { code?: unknown }).code;
    let reason: string;
    if (error instanceof DeadlineError) {
      reason = `no answer from ${url} within ${error.timeoutMs} ms (${stage})`;
    } else if (code === "ECONNREFUSED") {
      reason = `connection refused by ${url}`;
    } else if (stage === "starttls") {
      reason = `StartTLS failed on ${url}: ${message}. The server may not offer TLS on this port, or its certificate is not trusted (params.tls.caFile).`;
    } else if (stage === "bind" && error instanceof InvalidCredentialsError) {
      reason = `the service bind as ${bindDn} was refused: invalid credentials (params.bindDn / bindPassword)`;
    } else if (error instanceof NoSuchObjectError) {
      reason = `the base DN ${this.params.baseDn} does not exist on ${url}`;
    } else if (typeof code === "string") {
      reason = `${operation} on ${url} failed: ${code} ${message}`;
    } else if (error instanceof ResultCodeError) {
      reason = `${operation} on ${url} failed: ${message} (LDAP result ${error.code})`;
    } else {
      reason = `${operation} on ${url} failed: ${message}`;
    }
    return new SourceUnavailableError(this.id, reason);
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit) return hit.value as T;
    const value = await load();
    this.cache.set(key, value);
    if (Array.isArray(value) || (value && typeof value === "object" && "records" in value)) {
      // Warm login lookups with what a search or email lookup just read.
      const records = Array.isArray(value) ? value : (value as unknown as SourceSearchResult).records;
      for (const record of records as CustomerUserRecord[])
        this.cache.set(`login:${record.login.toLowerCase()}`, record);
    }
    return value;
  }
}

/**
 * One record per login (case-insensitively) from a sorted list: with scope sub a login can exist
 * in two OUs, and the backend must still answer like a table with a unique login.
 */
function uniqueLogins(sorted: CustomerUserRecord[]): CustomerUserRecord[] {
  return sorted.filter((r, i) => i === 0 || sorted[i - 1]?.login.toLowerCase() !== r.login.toLowerCase());
}

class DeadlineError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

/** True when a paginated search still has entries (reads one more page). */
async function hasMore(pages: AsyncGenerator<{ searchEntries: Entry[] }>): Promise<boolean> {
  const next = await pages.next();
  return !next.done && next.value.searchEntries.length > 0;
}
