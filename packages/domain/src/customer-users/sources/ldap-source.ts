import { readFileSync } from "node:fs";
import { isIP, connect as netConnect } from "node:net";
import { type ConnectionOptions, connect as tlsConnect } from "node:tls";
import { TextDecoder } from "node:util";
import {
  AndFilter,
  type BerWriter,
  Client,
  ConfidentialityRequiredError,
  type Entry,
  EqualityFilter,
  type Filter,
  FilterParser,
  InvalidCredentialsError,
  NoSuchObjectError,
  NotFilter,
  OrFilter,
  ResultCodeError,
  type SearchRequest,
  ServerSideSortingRequestControl,
  SizeLimitExceededError,
  StrongAuthRequiredError,
  SubstringFilter,
} from "ldapts";
import { ConfigError, type LdapBackendConfig } from "../../config/backends";
import { SourceUnavailableError } from "../../errors";
import type { Position } from "../../shared/cursor";
import { fileTimeToMs, guidFromBytes, guidToBytes, sidFromBytes, sidToBytes } from "./ad-values";
import { TtlCache } from "./ldap-cache";
import { EntryShape, RawSearchEntry, readEntriesRaw, utf8Text } from "./ldap-entries";
import {
  type AttributeSyntaxes,
  and,
  assertValidFilter,
  configuredFilter,
  equals,
  escapeValue,
  isAttributeName,
  isPlainText,
  MATCH_NONE,
  matches,
  not,
  or,
  parseAttributeTypes,
  present,
  STANDARD_SYNTAXES,
  schemaSyntaxes,
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
  /** The login in lower case: the sort key and what makes two logins the same. */
  loginKey: string;
  /**
   * The first value of each requested attribute, by slot (see `slots`); generalized times as read,
   * turned into dates only for the users a call returns.
   */
  values: (string | undefined)[];
}

/** A user read in a search and whether it is valid. */
interface Found {
  user: LdapUser;
  validId: ValidId;
}

interface Fetched {
  users: LdapUser[];
  /**
   * The directory held more matching entries than were read (sizeLimit, a server cap, or a
   * referral that was not or could not be followed).
   */
  truncated: boolean;
}

/** What the root DSE (and on AD the domain object) says about the server; read once. */
interface ServerInfo {
  controls: Set<string>;
  /** Active Directory (or Samba AD): the in-chain matching rule and memberOf exist. */
  activeDirectory: boolean;
  subschemaDn: string | null;
  /** AD's domain lockoutDuration in ms; 0 means until an admin unlocks; null unknown. */
  lockoutMs: number | null;
}

/** Group membership of one operation: logins (memberUid), member DNs, or a filter term. */
type Membership =
  | { kind: "logins"; values: Set<string> }
  | { kind: "dns"; values: Set<string> }
  | { kind: "filter"; filter: string };

const SERVER_SIDE_SORT = "1.2.840.113556.1.4.473";
const AD_CAPABILITY = "1.2.840.113556.1.4.800";
const IN_CHAIN = "1.2.840.113556.1.4.1941";
/** Only people: no computers (they are users too), groups, contacts, or system accounts (krbtgt, Guest, Administrator). */
export const AD_PEOPLE_FILTER =
  "(&(objectCategory=person)(objectClass=user)(!(isCriticalSystemObject=TRUE)))";
/** Account state on Active Directory, read with every user. */
const AD_STATE_ATTRIBUTES = ["userAccountControl", "accountExpires", "lockoutTime"];
const UF_ACCOUNTDISABLE = 0x2;
/** accountExpires values meaning "never". */
const NEVER = new Set(["0", "9223372036854775807"]);
const BINARY_ATTRIBUTES = ["objectGUID", "objectSid"];

/** A DN compared case- and spacing-insensitively (enough for DNs a server hands back itself). */
function dnKey(dn: string): string {
  return dn
    .split(/(?<!\\),/)
    .map((rdn) => rdn.trim().toLowerCase())
    .join(",");
}

/** Login order used by every backend: case-insensitive, ties broken by the exact string. */
export function compareLogins(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** compareLogins on users whose lower-case logins are already at hand (no case folding per comparison). */
function compareUsers(a: LdapUser, b: LdapUser): number {
  if (a.loginKey !== b.loginKey) return a.loginKey < b.loginKey ? -1 : 1;
  return a.login < b.login ? -1 : a.login > b.login ? 1 : 0;
}

const UTF8 = new Set(["utf-8", "utf8", "unicode-1-1-utf-8"]);
const LATIN1 = new Set(["iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1", "windows-1252", "cp1252"]);

/** Bound service connections kept per backend, and how long an unused one stays open. */
const POOL_SIZE = 4;
const POOL_IDLE_MS = 60_000;

/** OTOBO's LDAP filter batches are unbounded; keep OR lists of logins to a size servers accept. */
const LOGIN_BATCH = 200;

/** The decimal number written in value[from, to) (the caller checked that these are digits). */
function digitsAt(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + value.charCodeAt(i) - 48;
  return n;
}

/**
 * Generalized time (`20261128005741Z`) → Date, once per user returned; read in place, without a
 * regular expression, substrings or a closure per call.
 */
function generalizedTime(value: string | undefined): Date | null {
  if (!value || value.length < 14) return null;
  for (let i = 0; i < 14; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return new Date(
    Date.UTC(
      digitsAt(value, 0, 4),
      digitsAt(value, 4, 6) - 1,
      digitsAt(value, 6, 8),
      digitsAt(value, 8, 10),
      digitsAt(value, 10, 12),
      digitsAt(value, 12, 14),
    ),
  );
}

/**
 * Customer users from an LDAP directory (OTOBO's Kernel::System::CustomerUser::LDAP), read-only.
 *
 * Every operation runs on a bound service connection from a small per-backend pool (opened with
 * connect and bind when none is idle) under one deadline of `timeoutMs`, so a server that went away
 * costs at most that long; a failed connection is never reused, and the first call after the
 * server is back simply works. Searches use paged results and read every matching entry, so the
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
  private readonly activeDirectory: boolean;
  private readonly memberAttribute: string;
  private serverInfoLoad: Promise<ServerInfo> | null = null;
  private syntaxesLoad: Promise<AttributeSyntaxes> | null = null;
  private readonly warned = new Set<string>();
  private readonly validFilter: string | null;
  /** What a user search asks for; the same array every time, which marks its requests (shapeFor). */
  private readonly attributes: string[];
  /** What a search for the login alone asks for (fetch with `1.1`). */
  private readonly keyAttributes: string[];
  /** The requested attributes' names in lower case, one per slot of LdapUser.values. */
  private readonly slots: string[];
  /** An entry's attribute name as the server spells it → its slot, or -1 when not wanted. */
  private readonly slotByName = new Map<string, number>();
  private readonly keySlot: number;
  private readonly createdSlot: number;
  private readonly changedSlot: number;
  /** Active Directory's account state attributes (-1 elsewhere). */
  private readonly stateSlots: { control: number; expires: number; lockout: number };
  private readonly mapRows: Array<{ attribute: string; slot: number; type: string }>;
  /** How user entries are read from the wire (see ldap-entries.ts). */
  private readonly shape: EntryShape;
  private readonly decoder: TextDecoder | null;
  private readonly tlsOptions: ConnectionOptions;
  private readonly cache: TtlCache<unknown>;
  private warnedAboutServerCap = false;
  /** The largest page this server answered when pageSize was refused as a whole (see fetch). */
  private pageSizeCap = Number.POSITIVE_INFINITY;
  /** Idle bound service connections, newest last. */
  private idle: { client: Client; timer: NodeJS.Timeout }[] = [];

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

    this.activeDirectory = this.params.directoryType === "activeDirectory";
    this.alwaysFilter =
      this.params.alwaysFilter === undefined
        ? this.activeDirectory
          ? AD_PEOPLE_FILTER
          : null
        : configuredFilter(this.params.alwaysFilter);
    this.memberAttribute =
      this.params.groupMemberAttribute ?? (this.activeDirectory ? "member" : "memberUid");
    if (this.params.nestedGroups && this.memberAttribute.toLowerCase() === "memberuid") {
      fail("params.nestedGroups", "needs a DN-valued groupMemberAttribute such as member or uniqueMember");
    }
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
    if (this.activeDirectory) for (const name of AD_STATE_ATTRIBUTES) wanted.add(name);
    this.attributes = [...wanted, "createTimestamp", "modifyTimestamp"];
    this.keyAttributes = [config.customerKey];
    this.slots = [...new Set(this.attributes.map((a) => a.toLowerCase()))];
    const slot = (name: string) => this.slots.indexOf(name.toLowerCase());
    this.keySlot = slot(config.customerKey);
    this.createdSlot = slot("createTimestamp");
    this.changedSlot = slot("modifyTimestamp");
    this.stateSlots = {
      control: slot("userAccountControl"),
      expires: slot("accountExpires"),
      lockout: slot("lockoutTime"),
    };
    this.mapRows = config.map.map((r) => ({ attribute: r.attribute, slot: slot(r.storage), type: r.type }));
    this.shape = new EntryShape(
      this.slots.length,
      (type) => this.slotOf(type),
      (at, bytes, start, end) => this.decodeBytes(this.slots[at] as string, bytes, start, end),
    );

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
    const key = `search:${JSON.stringify([params.query, params.customerId ?? null, params.validId ?? null, params.limit, params.after?.key ?? null])}`;
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
        const { membership, syntaxes } = await this.prepare(client, missing);
        const all: CustomerUserRecord[] = [];
        for (let i = 0; i < missing.length; i += LOGIN_BATCH) {
          const batch = missing.slice(i, i + LOGIN_BATCH);
          const filter = and(
            or(...batch.map((l) => equals(this.config.customerKey, l, syntaxes))),
            this.alwaysFilter,
            membershipFilter(membership),
          );
          if (filter === MATCH_NONE) continue;
          all.push(...(await this.fetchRecords(client, filter, membership, null)).records);
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

  async findByCustomerIds(
    customerIds: readonly string[],
    options: { after: Position | null },
  ): Promise<CustomerUserRecord[]> {
    const wanted = [...new Set(customerIds.filter((c) => c !== ""))];
    if (wanted.length === 0) return [];
    const records = await this.connect("search", async (client) => {
      const { membership, syntaxes } = await this.prepare(client, wanted);
      const all: CustomerUserRecord[] = [];
      for (let i = 0; i < wanted.length; i += LOGIN_BATCH) {
        const batch = wanted.slice(i, i + LOGIN_BATCH);
        const filter = and(
          present(this.config.customerKey),
          or(...batch.map((c) => equals(this.config.customerId, c, syntaxes))),
          this.alwaysFilter,
          membershipFilter(membership),
        );
        if (filter === MATCH_NONE) continue;
        all.push(...(await this.fetchRecords(client, filter, membership, null)).records);
      }
      return all;
    });
    // The paged read holds every entry; a page is what sorts after the cursor.
    const after = options.after?.key;
    const sorted = uniqueLogins(records.sort((a, b) => compareLogins(a.login, b.login)));
    return after === undefined ? sorted : sorted.filter((r) => compareLogins(r.login, after) > 0);
  }

  async findByEmail(email: string): Promise<CustomerUserRecord[]> {
    const address = email.trim();
    if (address === "") return [];
    return await this.cached(`email:${address.toLowerCase()}`, () =>
      this.connect("email lookup", async (client) => {
        const { membership, syntaxes } = await this.prepare(client, [address]);
        // Exact and escaped: `*` in an address is a literal character here. The attribute's
        // matching rule (caseIgnoreIA5Match, caseIgnoreMatch) makes it case-insensitive; which
        // characters it can hold comes from the server's schema.
        const byField = or(
          ...this.config.customerUserPostMasterSearchFields.map((f) => equals(f, address, syntaxes)),
        );
        if (byField === MATCH_NONE) return [];
        const filter = and(byField, this.alwaysFilter, membershipFilter(membership));
        const { records } = await this.fetchRecords(client, filter, membership, null);
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
      const { membership, syntaxes } = await this.prepare(client, [login]);
      const byLogin = equals(this.config.customerKey, login, syntaxes);
      if (byLogin === MATCH_NONE) return null;
      const filter = and(byLogin, this.alwaysFilter, membershipFilter(membership));
      const { records, users } = await this.fetchRecords(client, filter, membership, null);
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
        const groupDn = this.params.groupDn.trim();
        if (groupDn) {
          // A backend restricted to a group that is gone would answer with nobody.
          await client
            .search(groupDn, { scope: "base", filter: "(objectClass=*)", attributes: ["1.1"] })
            .catch((error: unknown) => {
              if (error instanceof NoSuchObjectError) {
                throw new SourceUnavailableError(
                  this.id,
                  `the group ${groupDn} (params.groupDn) does not exist`,
                );
              }
              throw error;
            });
        }
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
    // On Active Directory validity comes from the account state, so every state can be asked
    // for. Elsewhere LDAP has no "invalid-temporarily", and without a validFilter all are valid.
    if (params.limit <= 0) return { records: [], limitReached: false };
    if (!this.activeDirectory && (validId === 3 || (validId === 2 && !this.validFilter))) {
      return { records: [], limitReached: false };
    }
    const { customerKey, customerId, customerUserSearchFields, searchPrefix, searchSuffix } = this.config;
    return await this.connect("search", async (client) => {
      // The literal text of every word (wildcards are syntax, not values).
      const values = [
        ...(params.query?.groups.flatMap((g) => g.map((w) => w.text)) ?? []),
        ...(params.customerId ? [params.customerId] : []),
      ].map((v) => v.replace(/\*/g, ""));
      const { membership, syntaxes } = await this.prepare(client, values);
      // Search case sensitivity is the directory's matching rules' business (uid, cn, mail ignore case).
      const base = and(
        present(customerKey),
        searchQueryFilter(params.query, customerUserSearchFields, searchPrefix, searchSuffix, syntaxes),
        params.customerId ? matches(customerId, params.customerId, syntaxes) : null,
        this.alwaysFilter,
        membershipFilter(membership),
      );
      if (base === MATCH_NONE) return { records: [], limitReached: false };
      let filtered = base;
      let knownValid: ValidId | null = null;
      if (!this.activeDirectory && validId !== null && this.validFilter) {
        filtered = validId === 1 ? and(base, this.validFilter) : and(base, not(this.validFilter));
        knownValid = validId;
      } else if (!this.activeDirectory && validId === 1) {
        knownValid = 1;
      }
      const fetched = await this.fetchUsers(client, filtered, membership, knownValid);
      const found =
        this.activeDirectory && validId !== null
          ? fetched.found.filter((f) => f.validId === validId)
          : fetched.found;
      found.sort((a, b) => compareUsers(a.user, b.user));
      // Keyset paging: the paged read covers every entry, so a page is what sorts after the cursor.
      const after = params.after?.key;
      const page: CustomerUserRecord[] = [];
      let more = false;
      for (let i = 0; i < found.length; i++) {
        const { user, validId: valid } = found[i] as Found;
        // One record per login; of several entries with one login the first in directory order.
        if (i > 0 && (found[i - 1] as Found).user.loginKey === user.loginKey) continue;
        if (after !== undefined && compareLogins(user.login, after) <= 0) continue;
        if (page.length === params.limit) {
          more = true;
          break;
        }
        // Records (attribute maps, dates) only for the users returned, not for every entry read.
        page.push(this.toRecord(user, valid));
      }
      return { records: page, limitReached: fetched.truncated || more };
    });
  }

  /**
   * Reads the entries matching `filter` and turns them into records: non-members of groupDn are
   * dropped, validity comes from the account state (Active Directory) and `validFilter` (one
   * extra DN-only query) unless `knownValid` says.
   */
  private async fetchRecords(
    client: Client,
    filter: string,
    membership: Membership | null,
    knownValid: ValidId | null,
  ): Promise<{ records: CustomerUserRecord[]; users: LdapUser[]; truncated: boolean }> {
    const { found, truncated } = await this.fetchUsers(client, filter, membership, knownValid);
    return {
      records: found.map((f) => this.toRecord(f.user, f.validId)),
      users: found.map((f) => f.user),
      truncated,
    };
  }

  /** fetchRecords without making the records, for callers that keep only some of the users. */
  private async fetchUsers(
    client: Client,
    filter: string,
    membership: Membership | null,
    knownValid: ValidId | null,
  ): Promise<{ found: Found[]; truncated: boolean }> {
    const fetched = await this.fetch(client, filter, this.attributes);
    const users =
      membership?.kind === "logins"
        ? fetched.users.filter((u) => membership.values.has(u.loginKey))
        : membership?.kind === "dns"
          ? fetched.users.filter((u) => membership.values.has(dnKey(u.dn)))
          : fetched.users;
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
    const lockoutMs = this.serverInfoLoad ? (await this.serverInfoLoad).lockoutMs : null;
    const found = users.map((user): Found => {
      let validId: ValidId = knownValid ?? (validDns ? (validDns.has(user.dn.toLowerCase()) ? 1 : 2) : 1);
      if (this.activeDirectory && knownValid === null && validId === 1)
        validId = accountState(user, this.stateSlots, lockoutMs);
      return { user, validId };
    });
    return { found, truncated: fetched.truncated };
  }

  /**
   * Paged search (RFC 2696) under baseDn; stops after `sizeLimit` entries when one is set, with
   * server-side sorting by login (RFC 2891) where the server offers it so the first entries by
   * login are the ones kept. Continuation references are followed or reported, never dropped.
   */
  private async fetch(client: Client, filter: string, attributes: string[]): Promise<Fetched> {
    const { baseDn, scope, pageSize, sizeLimit } = this.params;
    const keyOnly = attributes.length === 1 && attributes[0] === "1.1";
    const requested = keyOnly ? this.keyAttributes : attributes;
    const users: LdapUser[] = [];
    const references: string[] = [];
    let truncated = false;
    let sort: ServerSideSortingRequestControl | undefined;
    if (sizeLimit > 0 && !keyOnly) {
      const info = await this.serverInfo(client);
      if (info.controls.has(SERVER_SIDE_SORT)) {
        sort = new ServerSideSortingRequestControl({ value: { attributeType: this.config.customerKey } });
      } else {
        this.warnOnce(
          "no-sort",
          { source: this.id, url: this.params.url, sizeLimit },
          "The LDAP server does not offer server-side sorting (1.2.840.113556.1.4.473): with sizeLimit, the entries kept are the first in directory order, not by login",
        );
      }
    }
    const filterToSend = this.encodeFilter(filter);
    const explicitBufferAttributes = this.bufferAttributes(requested);
    // Every page is a round trip and a fresh start of the search on the server; with sizeLimit,
    // one page of sizeLimit + 1 entries tells whether there are more.
    let size = Math.min(pageSize, this.pageSizeCap, sizeLimit > 0 ? sizeLimit + 1 : pageSize);
    for (;;) {
      const pages = client.searchPaginated(
        baseDn,
        {
          scope,
          filter: filterToSend,
          attributes: requested,
          paged: { pageSize: size },
          explicitBufferAttributes,
        },
        sort,
      );
      let pagesRead = 0;
      try {
        for await (const page of pages) {
          pagesRead++;
          references.push(...page.searchReferences);
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
        break;
      } catch (error) {
        if (!(error instanceof SizeLimitExceededError)) throw error;
        // A first page larger than the server's cap on a paged search as a whole (OpenLDAP without
        // size.prtotal: its size limit, 500) fails with nothing read; smaller pages still get the
        // entries up to the cap. The smaller size is kept for this source's later searches.
        if (pagesRead === 0 && size > 1) {
          size = Math.ceil(size / 2);
          this.pageSizeCap = size;
          continue;
        }
        // The server capped the paged search (OpenLDAP: size.prtotal; AD: MaxResultSetSize). The
        // entries read so far are kept and the result says honestly that more exist.
        truncated = true;
        if (!this.warnedAboutServerCap) {
          this.warnedAboutServerCap = true;
          this.logger?.warn(
            { source: this.id, url: this.params.url, read: users.length },
            "The LDAP server cut a paged search short; raise its limit for paged searches (OpenLDAP: sizelimit size.prtotal=unlimited)",
          );
        }
        break;
      }
    }
    for (const reference of new Set(references)) {
      if (!this.params.followReferrals) {
        truncated = true;
        this.warnOnce(
          `ref:${reference}`,
          { source: this.id, url: this.params.url, reference },
          "The LDAP server answered with a continuation reference that was not followed (params.followReferrals is off): results may be incomplete. Narrow params.baseDn, use the Global Catalog or set followReferrals.",
        );
        continue;
      }
      try {
        const followed = await this.followReference(reference, filter, requested);
        users.push(...followed.users);
        if (followed.truncated) truncated = true;
      } catch (error) {
        truncated = true;
        this.logger?.warn(
          { source: this.id, reference, cause: (error as Error).message?.split("\n")[0] },
          "A continuation reference could not be followed: results are incomplete",
        );
      }
    }
    if (sizeLimit > 0 && users.length > sizeLimit) {
      users.length = sizeLimit;
      truncated = true;
    }
    return { users, truncated };
  }

  /** Searches the server a continuation reference names, with the same credentials and TLS. */
  private async followReference(reference: string, filter: string, attributes: string[]): Promise<Fetched> {
    const url = new URL(reference);
    const dn = decodeURIComponent(url.pathname.replace(/^\//, "")) || this.params.baseDn;
    // RFC 4516: dn?attributes?scope?filter; the server sets the scope to continue with.
    const urlScope = decodeURIComponent(url.search.replace(/^\?/, "")).split("?")[1];
    const scope =
      urlScope === "base" || urlScope === "one" || urlScope === "sub" ? urlScope : this.params.scope;
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const client = new Client({
      url: `${url.protocol}//${url.host}`,
      timeout: this.params.timeoutMs,
      connectTimeout: this.params.timeoutMs,
      ...(url.protocol === "ldaps:"
        ? { tlsOptions: { ...this.tlsOptions, host, ...(isIP(host) ? {} : { servername: host }) } }
        : {}),
      strictDN: false,
    });
    readEntriesRaw(client, this.shapeFor);
    try {
      if (this.params.startTls && url.protocol === "ldap:")
        await client.startTLS({ ...this.tlsOptions, host });
      if (this.params.bindDn && this.params.bindPassword)
        await client.bind(this.params.bindDn, this.params.bindPassword);
      const users: LdapUser[] = [];
      let truncated = false;
      for await (const page of client.searchPaginated(dn, {
        scope,
        filter: this.encodeFilter(filter),
        attributes,
        paged: { pageSize: this.params.pageSize },
        explicitBufferAttributes: this.bufferAttributes(attributes),
      })) {
        // One hop only: references found over there are reported, not chased further.
        if (page.searchReferences.length > 0) truncated = true;
        for (const entry of page.searchEntries) {
          const user = this.toUser(entry);
          if (user) users.push(user);
        }
      }
      return { users, truncated };
    } finally {
      await client.unbind().catch(() => {});
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Server facts and group membership

  /** Root DSE facts (and AD's lockout duration), read once per source. */
  private async serverInfo(client: Client): Promise<ServerInfo> {
    if (!this.serverInfoLoad) {
      const load = (async (): Promise<ServerInfo> => {
        const { searchEntries } = await client.search("", {
          scope: "base",
          filter: "(objectClass=*)",
          attributes: [
            "supportedControl",
            "supportedCapabilities",
            "subschemaSubentry",
            "defaultNamingContext",
          ],
        });
        const root = searchEntries[0];
        const list = (name: string) => (root ? this.values(root, name) : []);
        const capabilities = new Set(list("supportedCapabilities"));
        const info: ServerInfo = {
          controls: new Set(list("supportedControl")),
          activeDirectory: capabilities.has(AD_CAPABILITY),
          subschemaDn: list("subschemaSubentry")[0] ?? null,
          lockoutMs: null,
        };
        const domain = list("defaultNamingContext")[0];
        if (this.activeDirectory && domain) {
          const { searchEntries: domains } = await client.search(domain, {
            scope: "base",
            filter: "(objectClass=*)",
            attributes: ["lockoutDuration"],
          });
          const raw = domains[0] ? this.values(domains[0], "lockoutDuration")[0] : undefined;
          if (raw && /^-?\d+$/.test(raw)) {
            const duration = -BigInt(raw);
            // The most negative value means "until an administrator unlocks the account".
            info.lockoutMs = duration >= 2n ** 63n || duration <= 0n ? 0 : Number(duration / 10_000n);
          }
        }
        return info;
      })();
      this.serverInfoLoad = load;
      load.catch(() => {
        if (this.serverInfoLoad === load) this.serverInfoLoad = null;
      });
    }
    return await this.serverInfoLoad;
  }

  /**
   * Attribute syntaxes from the server's subschema entry, read once and only when a value could
   * be one a restricted syntax cannot hold. Unreadable schema: the standard schema's syntaxes.
   */
  private async syntaxes(client: Client): Promise<AttributeSyntaxes> {
    if (!this.syntaxesLoad) {
      this.syntaxesLoad = (async () => {
        try {
          const info = await this.serverInfo(client);
          if (!info.subschemaDn) throw new Error("the root DSE names no subschemaSubentry");
          const { searchEntries } = await client.search(info.subschemaDn, {
            scope: "base",
            filter: "(objectClass=subschema)",
            attributes: ["attributeTypes"],
          });
          const entry = searchEntries[0];
          if (!entry) throw new Error(`${info.subschemaDn} cannot be read`);
          return schemaSyntaxes(parseAttributeTypes(this.values(entry, "attributeTypes")));
        } catch (error) {
          this.logger?.warn(
            { source: this.id, url: this.params.url, cause: (error as Error).message?.split("\n")[0] },
            "The LDAP server's schema could not be read; assuming the standard schema's attribute syntaxes",
          );
          return STANDARD_SYNTAXES;
        }
      })();
    }
    return await this.syntaxesLoad;
  }

  /** Server facts one operation needs: syntaxes for `values`, group membership, AD state. */
  private async prepare(
    client: Client,
    values: readonly string[],
  ): Promise<{ membership: Membership | null; syntaxes: AttributeSyntaxes }> {
    if (this.activeDirectory || this.params.nestedGroups) await this.serverInfo(client);
    const syntaxes = values.every(isPlainText) ? STANDARD_SYNTAXES : await this.syntaxes(client);
    const membership = await this.groupMembership(client);
    return { membership, syntaxes };
  }

  /**
   * Who belongs to groupDn, read once per operation (and cached with cacheTtl): memberUid logins,
   * member DNs (with range retrieval, nested groups expanded), or on Active Directory with
   * nestedGroups a memberOf in-chain term the user search carries itself.
   */
  private async groupMembership(client: Client): Promise<Membership | null> {
    const groupDn = this.params.groupDn.trim();
    if (!groupDn) return null;
    const hit = this.cache.get("group") as { value: Membership } | undefined;
    if (hit) return hit.value;
    const attribute = this.memberAttribute;
    let membership: Membership;
    try {
      if (attribute.toLowerCase() === "memberuid") {
        const values = await this.rangedValues(client, groupDn, attribute);
        membership = { kind: "logins", values: new Set(values.map((v) => v.toLowerCase())) };
      } else if (this.params.nestedGroups && (await this.serverInfo(client)).activeDirectory) {
        // The group must exist: AD answers a memberOf term naming a missing group with nobody.
        await client.search(groupDn, { scope: "base", filter: "(objectClass=*)", attributes: ["1.1"] });
        membership = { kind: "filter", filter: `(memberOf:${IN_CHAIN}:=${escapeValue(groupDn)})` };
      } else if (this.params.nestedGroups) {
        membership = { kind: "dns", values: await this.nestedMembers(client, groupDn, attribute) };
      } else {
        const values = await this.rangedValues(client, groupDn, attribute);
        membership = { kind: "dns", values: new Set(values.map(dnKey)) };
      }
    } catch (error) {
      if (error instanceof NoSuchObjectError) {
        throw new SourceUnavailableError(this.id, `the group ${groupDn} (params.groupDn) does not exist`);
      }
      throw error;
    }
    this.cache.set("group", membership);
    return membership;
  }

  /**
   * Every value of a (possibly large) attribute of one entry. Active Directory hands out at most
   * MaxValRange (1,500) values at a time as `member;range=0-1499`; the rest are read range by range.
   */
  private async rangedValues(client: Client, dn: string, attribute: string): Promise<string[]> {
    const all: string[] = [];
    const lower = attribute.toLowerCase();
    let start = 0;
    let ranged = this.activeDirectory;
    for (let round = 0; round < 10_000; round++) {
      const requested = ranged ? `${attribute};range=${start}-${start + 1499}` : attribute;
      const { searchEntries } = await client.search(dn, {
        scope: "base",
        filter: "(objectClass=*)",
        attributes: [requested],
        ...(this.decoder ? { explicitBufferAttributes: this.bufferAttributes([attribute]) } : {}),
      });
      const entry = searchEntries[0];
      if (!entry) break;
      const key = Object.keys(entry).find((k) => {
        const l = k.toLowerCase();
        return (l === lower || l.startsWith(`${lower};range=`)) && (entry[k] as unknown[]).length !== 0;
      });
      if (!key) break;
      all.push(...this.values(entry, key));
      const range = /;range=(\d+)-(\*|\d+)$/i.exec(key);
      if (!range || range[2] === "*") break;
      start = Number(range[2]) + 1;
      ranged = true;
    }
    return all;
  }

  /**
   * Members of groupDn and of every group nested in it, on servers without AD's in-chain rule:
   * one search reads every group under the group's domain, expanded here (cycles are harmless).
   */
  private async nestedMembers(client: Client, groupDn: string, attribute: string): Promise<Set<string>> {
    const suffix = groupDn
      .split(/(?<!\\),/)
      .filter((rdn) => /^\s*dc=/i.test(rdn))
      .join(",");
    const groups = new Map<string, string[]>();
    for await (const page of client.searchPaginated(suffix || groupDn, {
      scope: "sub",
      filter: `(${attribute}=*)`,
      attributes: [attribute],
      paged: { pageSize: this.params.pageSize },
    })) {
      for (const entry of page.searchEntries) {
        // A group over the server's value limit (AD: 1,500) comes back as `member;range=0-1499`.
        const ranged = Object.keys(entry).some((k) =>
          k.toLowerCase().startsWith(`${attribute.toLowerCase()};range=`),
        );
        groups.set(
          dnKey(entry.dn),
          ranged ? await this.rangedValues(client, entry.dn, attribute) : this.values(entry, attribute),
        );
      }
    }
    const start = dnKey(groupDn);
    if (!groups.has(start)) {
      // Missing, or a group without members: tell them apart.
      await client.search(groupDn, { scope: "base", filter: "(objectClass=*)", attributes: ["1.1"] });
    }
    const members = new Set<string>();
    const queue = [start];
    const seen = new Set(queue);
    while (queue.length > 0) {
      for (const member of groups.get(queue.shift() as string) ?? []) {
        const key = dnKey(member);
        members.add(key);
        if (groups.has(key) && !seen.has(key)) {
          seen.add(key);
          queue.push(key);
        }
      }
    }
    return members;
  }

  private warnOnce(key: string, details: Record<string, unknown>, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.logger?.warn(details, message);
  }

  // ---------------------------------------------------------------------------------------------
  // Entries

  /** A user from an entry of a user search, read raw (see ldap-entries.ts) or decoded by ldapts. */
  private toUser(entry: Entry): LdapUser | null {
    if (entry instanceof RawSearchEntry) return this.user(entry.name, entry.values);
    const values: (string | undefined)[] = new Array(this.slots.length).fill(undefined);
    for (const key in entry) {
      const at = this.slotOf(key);
      if (at < 0 || values[at] !== undefined) continue;
      const raw = entry[key];
      // OTOBO takes the first value of multi-valued attributes, and so do we.
      const first = Array.isArray(raw) ? raw[0] : raw;
      if (first !== undefined) values[at] = this.decodeValue(this.slots[at] as string, first);
    }
    return this.user(entry.dn, values);
  }

  private user(dn: string, values: (string | undefined)[]): LdapUser | null {
    const login = values[this.keySlot];
    if (!login) return null;
    return { dn, login, loginKey: login.toLowerCase(), values };
  }

  /** The slot of an attribute name as the server spells it, matched case-insensitively; -1 if not wanted. */
  private slotOf(name: string): number {
    let at = this.slotByName.get(name);
    if (at === undefined) {
      at = this.slots.indexOf(name.toLowerCase());
      // Servers spell back the names asked for (or a few variants); the bound guards against any other.
      if (this.slotByName.size < 1000) this.slotByName.set(name, at);
    }
    return at;
  }

  /**
   * An attribute's values as strings, looked up case-insensitively and decoded from
   * sourceCharset; objectGUID and objectSid as their canonical strings.
   */
  private values(entry: Entry, name: string): string[] {
    const lower = name.toLowerCase();
    const key = Object.keys(entry).find((k) => k.toLowerCase() === lower);
    const raw = key === undefined ? undefined : entry[key];
    if (raw === undefined) return [];
    const list = Array.isArray(raw) ? raw : [raw];
    return list.map((v) => this.decodeValue(lower, v));
  }

  /** One value of the attribute `lower` (lower-case name) as a string. */
  private decodeValue(lower: string, v: string | Buffer): string {
    if (!Buffer.isBuffer(v)) return String(v);
    return this.decodeBytes(lower, v, 0, v.length);
  }

  /** The bytes [start, end) of a value of the attribute `lower` as a string. */
  private decodeBytes(lower: string, bytes: Buffer, start: number, end: number): string {
    if (lower === "objectguid") return guidFromBytes(bytes.subarray(start, end));
    if (lower === "objectsid") return sidFromBytes(bytes.subarray(start, end));
    return this.decoder ? this.decoder.decode(bytes.subarray(start, end)) : utf8Text(bytes, start, end);
  }

  private toRecord(user: LdapUser, validId: ValidId): CustomerUserRecord {
    const attributes: Record<string, string | null> = {};
    for (const row of this.mapRows) {
      attributes[row.attribute] = user.values[row.slot] ?? (row.type === "int" ? "0" : "");
    }
    attributes.UserLogin = user.login;
    return {
      source: this.id,
      readOnly: true,
      login: user.login,
      validId,
      attributes,
      createdAt: generalizedTime(user.values[this.createdSlot]),
      changedAt: generalizedTime(user.values[this.changedSlot]),
    };
  }

  /**
   * Attribute names as servers may spell them back, so ldapts hands them over undecoded: the
   * binary identifiers always, every attribute with a non-UTF-8 sourceCharset.
   */
  private bufferAttributes(names: string[]): string[] {
    const binary = names.filter((n) => BINARY_ATTRIBUTES.some((b) => b.toLowerCase() === n.toLowerCase()));
    const chosen = this.decoder ? names : binary;
    return [
      ...new Set(
        chosen.flatMap((n) => [
          n,
          n.toLowerCase(),
          ...BINARY_ATTRIBUTES.filter((b) => b.toLowerCase() === n.toLowerCase()),
        ]),
      ),
    ];
  }

  /**
   * The filter as ldapts sends it. objectGUID and objectSid values (canonical strings in the
   * filter) are sent as their bytes. With a non-UTF-8 sourceCharset, assertion values are
   * encoded to it (OTOBO converts search terms the same way); ldapts itself always writes UTF-8.
   */
  private encodeFilter(filter: string): Filter {
    const parsed = FilterParser.parseString(filter);
    const latin1 = (value: string): Buffer => Buffer.from(value, "latin1");
    const binary = (attribute: string): ((value: string) => Buffer) | null => {
      const lower = attribute.toLowerCase();
      return lower === "objectguid" ? guidToBytes : lower === "objectsid" ? sidToBytes : null;
    };
    const visit = (node: Filter): void => {
      if (node instanceof AndFilter || node instanceof OrFilter) node.filters.forEach(visit);
      else if (node instanceof NotFilter) visit(node.filter);
      else if (node instanceof EqualityFilter) {
        const { attribute } = node;
        const value = String(node.value);
        const encode = binary(attribute) ?? (this.decoder ? latin1 : null);
        if (!encode) return;
        node.writeFilter = (writer: BerWriter) => {
          writer.writeString(attribute);
          writer.writeBuffer(encode(value), 0x04);
        };
      } else if (node instanceof SubstringFilter && this.decoder) {
        const { attribute, initial, any, final } = node;
        node.writeFilter = (writer: BerWriter) => {
          writer.writeString(attribute);
          writer.startSequence();
          if (initial) writer.writeBuffer(latin1(initial), 0x80);
          for (const part of any) writer.writeBuffer(latin1(part), 0x81);
          if (final) writer.writeBuffer(latin1(final), 0x82);
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
    const client = new Client({
      url,
      timeout: timeoutMs,
      connectTimeout: timeoutMs,
      // Requests go out at once: with Nagle's algorithm a reused connection waits for the server's
      // delayed ACK (40 ms) before each further page request of a paged search.
      createConnection: ((port: number, host: string) =>
        netConnect(port, host).setNoDelay(true)) as typeof netConnect,
      createSecureConnection: ((...args: Parameters<typeof tlsConnect>) =>
        tlsConnect(...args).setNoDelay(true)) as typeof tlsConnect,
      // ldapts switches to TLS whenever tlsOptions are given; ldap:// + StartTLS passes them later.
      ...(url.startsWith("ldaps:") ? { tlsOptions: this.tlsOptions } : {}),
      strictDN: false,
    });
    readEntriesRaw(client, this.shapeFor);
    return client;
  }

  /** User searches (and only they) are read raw: their requests carry one of the source's own lists. */
  private readonly shapeFor = (request: SearchRequest): EntryShape | null =>
    request.attributes === this.attributes || request.attributes === this.keyAttributes ? this.shape : null;

  /** A pooled service connection that is still open and bound as configured. */
  private takeIdle(): Client | null {
    for (;;) {
      const entry = this.idle.pop();
      if (!entry) return null;
      clearTimeout(entry.timer);
      const anonymous = !(this.params.bindDn && this.params.bindPassword);
      if (entry.client.isConnected && (anonymous || entry.client.isBound)) return entry.client;
      void entry.client.unbind().catch(() => {});
    }
  }

  /** Keeps a healthy service connection for the next operation (closed after POOL_IDLE_MS unused). */
  private giveBack(client: Client): void {
    if (this.idle.length >= POOL_SIZE || !client.isConnected) {
      void client.unbind().catch(() => {});
      return;
    }
    const entry = {
      client,
      timer: setTimeout(() => {
        this.idle = this.idle.filter((e) => e !== entry);
        void client.unbind().catch(() => {});
      }, POOL_IDLE_MS),
    };
    entry.timer.unref();
    this.idle.push(entry);
  }

  /** Closes every pooled connection (they are opened again when needed). */
  async close(): Promise<void> {
    const entries = this.idle;
    this.idle = [];
    for (const entry of entries) clearTimeout(entry.timer);
    await Promise.all(entries.map((e) => e.client.unbind().catch(() => {})));
  }

  /**
   * Runs `work` on a bound service connection under one deadline of timeoutMs: a pooled one (up to
   * POOL_SIZE are kept per backend) or a new one (connect, StartTLS, bind). A connection that
   * failed in any way is closed, never reused, and so are the idle ones — after an outage the next
   * operation connects afresh. A pooled connection the server dropped while it was idle is replaced
   * once without counting as a failure. Any failure to reach, secure or bind to the directory
   * becomes a SourceUnavailableError naming this source, and is logged with its cause (never with
   * the password). Binds as a customer user (authenticate) never use these connections.
   */
  private async connect<T>(operation: string, work: (client: Client) => Promise<T>): Promise<T> {
    const { timeoutMs, startTls, bindDn, bindPassword } = this.params;
    let client: Client | null = null;
    let stage = "connect";
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeadlineError(timeoutMs)), timeoutMs);
    });
    const fresh = async (): Promise<Client> => {
      const created = this.newClient();
      client = created;
      stage = "connect";
      if (startTls) {
        stage = "starttls";
        await created.startTLS(this.tlsOptions);
      }
      // Anonymous unless both are set (OTOBO's rule).
      if (bindDn && bindPassword) {
        stage = "bind";
        await created.bind(bindDn, bindPassword);
      }
      return created;
    };
    const running = (async () => {
      const pooled = this.takeIdle();
      if (pooled) {
        client = pooled;
        stage = operation;
        try {
          return await work(pooled);
        } catch (error) {
          // Dropped by the server while idle (restart, idle timeout): once more on a new connection.
          if (error instanceof ResultCodeError || pooled.isConnected) throw error;
          void pooled.unbind().catch(() => {});
        }
      }
      const created = await fresh();
      stage = operation;
      return await work(created);
    })();
    running.catch(() => {});
    let healthy = false;
    try {
      const result = await Promise.race([running, deadline]);
      healthy = true;
      return result;
    } catch (error) {
      // Any failure may mean the server is gone: its idle connections go too.
      void this.close();
      const unavailable = this.unavailable(error, stage, operation);
      this.logger?.warn(
        { source: this.id, url: this.params.url, operation, stage, cause: unavailable.message },
        "LDAP source unavailable",
      );
      throw unavailable;
    } finally {
      clearTimeout(timer);
      const used = client as Client | null;
      if (used) {
        if (healthy) this.giveBack(used);
        else void used.unbind().catch(() => {});
      }
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
    } else if (
      error instanceof StrongAuthRequiredError ||
      error instanceof ConfidentialityRequiredError ||
      /transport encryption required|confidentiality required/i.test(message ?? "")
    ) {
      reason = `${url} refuses simple binds without transport encryption (${message}). Use an ldaps:// URL (port 636, Global Catalog 3269) or set params.startTls: true, with params.tls.caFile for a private CA.`;
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
    // Uncached (cacheTtl 0): no records to walk for the login cache.
    if (!this.cache.enabled) return await load();
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

/** The filter term restricting a search to group members, when the server evaluates it. */
function membershipFilter(membership: Membership | null): string | null {
  return membership?.kind === "filter" ? membership.filter : null;
}

/** Active Directory account state: disabled → invalid; expired or locked out → invalid-temporarily. */
function accountState(
  user: LdapUser,
  slots: { control: number; expires: number; lockout: number },
  lockoutMs: number | null,
): ValidId {
  const control = Number(user.values[slots.control] ?? "0");
  if (control & UF_ACCOUNTDISABLE) return 2;
  const expires = user.values[slots.expires];
  if (expires && !NEVER.has(expires)) {
    const at = fileTimeToMs(expires);
    if (at !== null && at <= Date.now()) return 3;
  }
  const locked = fileTimeToMs(user.values[slots.lockout]);
  if (locked !== null && locked > 0) {
    // A lockout ends by itself after the domain's lockoutDuration (0: when an admin unlocks).
    if (lockoutMs === null || lockoutMs === 0 || locked + lockoutMs > Date.now()) return 3;
  }
  return 1;
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
