import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Actor, AuditLog } from "../audit/audit";
import { type BulkResult, bulkLogins, bulkResult, requireLoginsFound } from "../bulk";
import { isPasswordAttribute } from "../config/map";
import type { CustomersService } from "../customers/service";
import { insertInChunks } from "../db/batch";
import { type Db, queryRows } from "../db/client";
import { changedBy, createdBy } from "../db/otobo-columns";
import {
  customerPreferences,
  customerUserCustomer,
  groupCustomerUser,
  serviceCustomerUser,
} from "../db/schema";
import { searchIndexPresence } from "../db/search-indexes";
import { repointTickets } from "../db/tickets";
import {
  BadInputError,
  ConflictError,
  DomainError,
  NotFoundError,
  PreconditionFailedError,
  ReadOnlySourceError,
  SourceUnavailableError,
} from "../errors";
import { parseSearch } from "../search/search-syntax";
import { generatePassword, hashPassword, type PasswordHashFormat, verifyDummy } from "../security/passwords";
import {
  comparePositions,
  decodeCursor,
  encodeCursor,
  type Position,
  pageSize,
  positionOf,
} from "../shared/cursor";
import { inJsonList, lockRelation } from "../shared/sql";
import { checkRule, cleanText, isValidEmail } from "../validation";
import {
  type AttributeValue,
  attributeValues,
  type CustomerUserField,
  type CustomerUserInput,
  FIELD_ATTRIBUTES,
  fieldOf,
  fullName,
  splitCustomerIds,
} from "./fields";
import type { DbCustomerUserSource } from "./sources/db-source";
import type { CustomerUserRecord, CustomerUserSource, CustomerUserValues, ValidId } from "./sources/source";
export interface CustomerUserSearchParams {
  search?: string | null;
  customerId?: string | null;
  validId?: ValidId | null;
  source?: string | null;
  limit?: number | null;
  /** Page size of a cursor walk; the same as `limit`, which it excludes (docs/api.md §Paging). */
  first?: number | null;
  /** The `endCursor` of the previous page: only users after it in the login order. */
  after?: string | null;
  /**
   * The only fields the caller reads of each user beside the login, the source and the valid state:
   * the other attributes may be left out of the records. Null or absent: complete records.
   */
  fields?: readonly CustomerUserField[] | null;
  /**
   * With `fields`: the records also feed the relation reads (customers, groups, permissions,
   * services), so their customer ids (RELATION_ATTRIBUTES) are kept as well.
   */
  forRelations?: boolean;
}

/** What the relation reads take from a record beside its login and validity: its customer ids. */
export const RELATION_ATTRIBUTES: readonly string[] = ["UserCustomerID", "UserCustomerIDs"];

export interface PageInfo {
  /** Position of the page's end; pass it as `after` for the next page. Null on an empty last page. */
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface CustomerUserSearchResult {
  nodes: CustomerUserRecord[];
  limit: number;
  limitReached: boolean;
  pageInfo: PageInfo;
  /** Backends whose part is missing because they could not be reached. */
  unavailable: SourceUnavailableError[];
}

/** An explicit limit above this is refused with a message, never silently lowered. */
export const MAX_SEARCH_LIMIT = 100_000;

const lower = (s: string) => s.toLowerCase();
const byLogin = (a: CustomerUserRecord, b: CustomerUserRecord) => {
  const x = lower(a.login);
  const y = lower(b.login);
  return x < y ? -1 : x > y ? 1 : a.login < b.login ? -1 : a.login > b.login ? 1 : 0;
};

/**
 * The records of one backend as merging (first of a login, case-insensitively) and sorting by
 * login would leave them, when they arrive in that order already; null when they do not.
 */
function inLoginOrder(records: CustomerUserRecord[]): CustomerUserRecord[] | null {
  let kept: CustomerUserRecord[] | null = null;
  let previous: string | null = null;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as CustomerUserRecord;
    const key = lower(record.login);
    if (previous !== null && key <= previous) {
      if (key < previous) return null;
      // A second login differing only in case: the merge keeps the first.
      kept ??= records.slice(0, i);
      continue;
    }
    kept?.push(record);
    previous = key;
  }
  return kept ?? records;
}

/**
 * The page info of a page cut from `reachable` (sorted, everything up to `horizon` when a source
 * stopped there): the cursor is the last user shown, or the horizon when more may follow it.
 */
function pageInfoOf(reachable: CustomerUserRecord[], size: number, horizon: Position | null): PageInfo {
  const cut = reachable.length > size;
  const hasNextPage = cut || horizon !== null;
  const last = reachable.slice(0, size).at(-1);
  const end = cut || !horizon ? (last ? positionOf(last.login) : null) : horizon;
  return { endCursor: end ? encodeCursor("customerUser", end) : null, hasNextPage };
}

/**
 * The one entry point to customer users across every backend (OTOBO's Kernel::System::CustomerUser):
 * merges DB and LDAP sources in configured order, enforces the rules of docs/domain.md §Customer users,
 * and keeps every relation keyed by login in step.
 */
export class CustomerUserFacade {
  constructor(
    private readonly db: Db,
    readonly sources: readonly CustomerUserSource[],
    private readonly customers: CustomersService,
    private readonly audit: AuditLog,
    private readonly logger?: Logger,
    /** The format new and re-hashed passwords are written in (see resolvePasswordHash). */
    private readonly passwordFormat: PasswordHashFormat = "argon2id",
  ) {}

  source(id: string): CustomerUserSource | undefined {
    return this.sources.find((s) => s.id === id);
  }

  sourceOf(record: CustomerUserRecord): CustomerUserSource {
    const source = this.source(record.source);
    if (!source) throw new Error(`Unknown source ${record.source}`);
    return source;
  }

  fullName(record: CustomerUserRecord): string {
    return fullName(record, this.sourceOf(record).config);
  }

  /**
   * Whether the search indexes are there on a DB backend over OTOBO's customer_user table; null for
   * other backends, whose searches Clientele does not index.
   */
  async searchIndexes(source: CustomerUserSource): Promise<{ complete: boolean; missing: string[] } | null> {
    if (source.config.module !== "db" || source.config.params.table !== "customer_user") return null;
    const { missing } = await searchIndexPresence(this.db);
    return { complete: missing.length === 0, missing };
  }

  /** Every map attribute of the record with its label, passwords left out. */
  attributes(record: CustomerUserRecord): AttributeValue[] {
    return attributeValues(record, this.sourceOf(record).config);
  }

  // ---------- reading ----------

  /**
   * Searches every backend (or the one named by `source`), merges with earlier backends winning a
   * duplicate login, sorts by login case-insensitively and cuts to the limit globally (differs:
   * OTOBO limits per backend and does not sort). A backend that is down is reported, not fatal.
   */
  async search(params: CustomerUserSearchParams = {}): Promise<CustomerUserSearchResult> {
    const query = parseSearch(params.search);
    let sources = this.sources;
    if (params.source) {
      const chosen = this.source(params.source);
      if (!chosen) {
        throw new BadInputError(
          "source",
          `Unknown source "${params.source}"; configured: ${this.sources.map((s) => s.id).join(", ")}.`,
        );
      }
      sources = [chosen];
    }
    const { size: limit, field: sizeField } = pageSize(params, sources[0]?.config.searchListLimit ?? 1000);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
      throw new BadInputError(sizeField, `The ${sizeField} must be between 1 and ${MAX_SEARCH_LIMIT}.`);
    }
    const after = decodeCursor("customerUser", params.after);
    const customerId = cleanText(params.customerId);
    const attributes = params.fields
      ? [
          ...new Set([
            ...params.fields.map((field) => FIELD_ATTRIBUTES[field]),
            ...(params.forRelations ? RELATION_ATTRIBUTES : []),
          ]),
        ].sort()
      : null;
    const results = await Promise.all(
      sources.map(async (source) => {
        try {
          return await source.search({
            query,
            customerId,
            validId: params.validId ?? null,
            limit,
            after,
            attributes,
          });
        } catch (error) {
          if (error instanceof SourceUnavailableError) return error;
          throw error;
        }
      }),
    );
    let limitReached = results.some((r) => !(r instanceof SourceUnavailableError) && r.limitReached);
    // One backend's users arrive in login order (the DB and LDAP sources sort): when they do, the
    // merge (first of a login, case-insensitively) and the sort would leave them as they are.
    const only = results.length === 1 ? results[0] : undefined;
    const inOrder = only && !(only instanceof SourceUnavailableError) ? inLoginOrder(only.records) : null;
    const { records, unavailable } = inOrder
      ? { records: inOrder, unavailable: [] }
      : this.mergeInOrder(results.map((r) => (r instanceof SourceUnavailableError ? r : r.records)));
    const merged = sources.length > 1 ? await this.dropShadowed(records) : records;
    if (!inOrder) merged.sort(byLogin);
    if (merged.length > limit) limitReached = true;
    // A backend that filled its share may hold more users just after its last one; the page ends there,
    // so nothing between two pages is skipped (the next page asks every backend again from the cursor).
    let horizon: Position | null = null;
    for (const result of results) {
      if (result instanceof SourceUnavailableError || !result.limitReached) continue;
      const last = result.records.at(-1);
      if (!last || result.records.length < limit) continue;
      const position = positionOf(last.login);
      if (!horizon || comparePositions(position, horizon) < 0) horizon = position;
    }
    // The users up to the horizon are a prefix of the sorted list: cut it from the end.
    let end = merged.length;
    while (
      horizon &&
      end > 0 &&
      comparePositions(positionOf((merged[end - 1] as CustomerUserRecord).login), horizon) > 0
    ) {
      end--;
    }
    const reachable = end === merged.length ? merged : merged.slice(0, end);
    const pageInfo = pageInfoOf(reachable, limit, horizon);
    return { nodes: reachable.slice(0, limit), limit, limitReached, pageInfo, unavailable };
  }

  /** The first backend (in order) that knows the login wins; an unreachable one is an error only if nobody had it. */
  async get(login: string): Promise<CustomerUserRecord | null> {
    let unavailable: SourceUnavailableError | null = null;
    for (const source of this.sources) {
      try {
        const record = await source.findByLogin(login);
        if (record) return record;
      } catch (error) {
        if (!(error instanceof SourceUnavailableError)) throw error;
        unavailable ??= error;
      }
    }
    if (unavailable) throw unavailable;
    return null;
  }

  async require(login: string): Promise<CustomerUserRecord> {
    const record = await this.get(login);
    if (!record)
      throw new NotFoundError(`No customer user with the login "${login}".`, {
        field: "login",
        params: { value: login },
      });
    return record;
  }

  /** Batch lookup for DataLoaders: lower-cased login → record. Unreachable backends are skipped and logged. */
  async getMany(logins: readonly string[]): Promise<Map<string, CustomerUserRecord>> {
    const found = new Map<string, CustomerUserRecord>();
    let pending = [...new Set(logins.map(lower))];
    for (const source of this.sources) {
      if (pending.length === 0) break;
      try {
        for (const record of await source.findByLogins(pending)) found.set(lower(record.login), record);
      } catch (error) {
        if (!(error instanceof SourceUnavailableError)) throw error;
        this.logger?.warn({ source: source.id, err: error.message }, "customer user source unavailable");
      }
      pending = pending.filter((l) => !found.has(l));
    }
    return found;
  }

  /**
   * OTOBO's PostMasterSearch: exact email, case-insensitive, every backend; earlier backends win a
   * duplicate login, and a backend that is down is reported beside what the others found.
   */
  async findByEmail(
    email: string,
  ): Promise<{ records: CustomerUserRecord[]; unavailable: SourceUnavailableError[] }> {
    const results = await Promise.all(
      this.sources.map((source) =>
        source.findByEmail(email.trim()).catch((error: unknown) => {
          if (error instanceof SourceUnavailableError) return error;
          throw error;
        }),
      ),
    );
    return this.mergeInOrder(results);
  }

  /** Merges per-backend results in backend order: the first backend that has a login keeps it. */
  private mergeInOrder(results: Array<CustomerUserRecord[] | SourceUnavailableError>) {
    const unavailable: SourceUnavailableError[] = [];
    const seen = new Set<string>();
    const records: CustomerUserRecord[] = [];
    for (const result of results) {
      if (result instanceof SourceUnavailableError) {
        unavailable.push(result);
        continue;
      }
      for (const record of result) {
        if (seen.has(lower(record.login))) continue;
        seen.add(lower(record.login));
        records.push(record);
      }
    }
    return { records, unavailable };
  }

  /**
   * Drops records of later backends whose login an earlier backend also has, even when the earlier
   * copy did not match the search: opening that login shows the earlier backend's user.
   */
  private async dropShadowed(records: CustomerUserRecord[]): Promise<CustomerUserRecord[]> {
    const order = new Map(this.sources.map((s, i) => [s.id, i]));
    const shadowed = new Set<string>();
    for (const [index, source] of this.sources.entries()) {
      const later = records.filter(
        (r) => (order.get(r.source) ?? 0) > index && !shadowed.has(lower(r.login)),
      );
      if (later.length === 0) continue;
      try {
        for (const found of await source.findByLogins(later.map((r) => r.login)))
          shadowed.add(lower(found.login));
      } catch (error) {
        if (!(error instanceof SourceUnavailableError)) throw error;
      }
    }
    return records.filter((r) => !shadowed.has(lower(r.login)));
  }

  /** Extra customer ids per login, sorted by customer id (one query for any number of users). */
  async extraCustomerIds(logins: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(logins.map((l) => [l, []]));
    if (logins.length === 0) return out;
    const rows = await this.db
      .select({ login: customerUserCustomer.userId, customerId: customerUserCustomer.customerId })
      .from(customerUserCustomer)
      .where(inJsonList(customerUserCustomer.userId, [...new Set(logins)]))
      .orderBy(asc(customerUserCustomer.customerId));
    for (const row of rows) out.get(row.login)?.push(row.customerId);
    return out;
  }

  /** OTOBO's CustomerIDs: primary first (unless excluded), then a mapped UserCustomerIDs, then relations. */
  async customerIdsMany(
    records: readonly CustomerUserRecord[],
    /** Assigned customer ids already read in this request (`extraCustomerIds`, by stored login). */
    known?: ReadonlyMap<string, readonly string[]>,
  ): Promise<string[][]> {
    const extras =
      known && records.every((r) => known.has(r.login))
        ? known
        : await this.extraCustomerIds(records.map((r) => r.login));
    return records.map((record) => {
      const config = this.sourceOf(record).config;
      const ids = [
        ...(config.excludePrimaryCustomerId ? [] : [record.attributes.UserCustomerID ?? ""]),
        ...splitCustomerIds(record.attributes.UserCustomerIDs),
        ...(extras.get(record.login) ?? []),
      ].filter(Boolean);
      return [...new Set(ids)];
    });
  }

  async customerIds(record: CustomerUserRecord): Promise<string[]> {
    const [ids] = await this.customerIdsMany([record]);
    return ids ?? [];
  }

  /** Users of a customer: those with it as primary (every backend) and those assigned to it. */
  async customerUsersOf(customerId: string): Promise<CustomerUserRecord[]> {
    const primary = await this.search({ customerId: customerId.replace(/\*/g, ""), limit: MAX_SEARCH_LIMIT });
    const assigned = await this.db
      .select({ login: customerUserCustomer.userId })
      .from(customerUserCustomer)
      .where(eq(customerUserCustomer.customerId, customerId));
    const extra = await this.getMany(assigned.map((r) => r.login));
    const all = new Map(primary.nodes.map((r) => [lower(r.login), r]));
    for (const [key, record] of extra) if (!all.has(key)) all.set(key, record);
    return [...all.values()].sort(byLogin);
  }

  /**
   * `Customer.customerUsers` for many customers at once (a DataLoader's batch): per customer id, the
   * users with it as primary (every backend) or as an assigned extra customer, in login order, after
   * the cursor, at most `first`. A fixed number of statements whatever the number of customers.
   */
  async customerUsersOfMany(
    customerIds: readonly string[],
    page: { first: number; after?: string | null },
  ): Promise<Map<string, { nodes: CustomerUserRecord[]; pageInfo: PageInfo }>> {
    const after = decodeCursor("customerUser", page.after);
    const size = page.first;
    const ids = [...new Set(customerIds)];
    const out = new Map<string, { nodes: CustomerUserRecord[]; pageInfo: PageInfo }>();
    if (ids.length === 0) return out;
    // Each list asks one more than the page holds: a full list says where the page must end at the latest.
    const perSource = await Promise.all(
      this.sources.map((source) =>
        source.findByCustomerIds(ids, { after, perCustomer: size + 1 }).catch((error: unknown) => {
          if (error instanceof SourceUnavailableError) {
            this.logger?.warn({ source: source.id, err: error.message }, "customer user source unavailable");
            return [] as CustomerUserRecord[];
          }
          throw error;
        }),
      ),
    );
    const keyset = after
      ? sql`AND (lower(${customerUserCustomer.userId}) COLLATE "C", ${customerUserCustomer.userId} COLLATE "C") > (lower(${after.key}::text) COLLATE "C", ${after.key}::text COLLATE "C")`
      : sql``;
    const assigned = await queryRows<{ login: string; customerId: string }>(
      this.db,
      sql`SELECT login AS "login", customer_id AS "customerId" FROM (
            SELECT ${customerUserCustomer.userId} AS login, ${customerUserCustomer.customerId} AS customer_id,
                   row_number() OVER (PARTITION BY ${customerUserCustomer.customerId}
                     ORDER BY lower(${customerUserCustomer.userId}) COLLATE "C", ${customerUserCustomer.userId} COLLATE "C") AS rank
            FROM ${customerUserCustomer}
            WHERE ${customerUserCustomer.customerId} IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
            ${keyset}
          ) ranked WHERE rank <= ${size + 1}`,
    );
    const assignedUsers = await this.getMany(assigned.map((a) => a.login));
    const primaries = this.sources.length > 1 ? await this.dropShadowed(perSource.flat()) : perSource.flat();
    const kept = new Set(primaries);
    for (const id of ids) {
      const key = lower(id);
      const raw = perSource.map((records) =>
        records.filter((r) => lower(r.attributes.UserCustomerID ?? "") === key),
      );
      const rawAssigned = assigned.filter((a) => a.customerId === id).map((a) => a.login);
      // A list that came back full ends the page at its last entry asked for, shown or not.
      const horizon = [...raw.map((list) => list.map((r) => r.login)), rawAssigned]
        .filter((logins) => logins.length > size)
        .map((logins) => logins.map(positionOf).sort(comparePositions)[size - 1]!)
        .sort(comparePositions)[0];
      const lists = raw.map((list) => list.filter((r) => kept.has(r)));
      lists.push(
        rawAssigned
          .map((login) => assignedUsers.get(lower(login)))
          .filter((r): r is CustomerUserRecord => r !== undefined),
      );
      const all = new Map<string, CustomerUserRecord>();
      for (const list of lists)
        for (const r of list) if (!all.has(lower(r.login))) all.set(lower(r.login), r);
      const reachable = [...all.values()]
        .filter((r) => !horizon || comparePositions(positionOf(r.login), horizon) <= 0)
        .sort(byLogin);
      out.set(id, {
        nodes: reachable.slice(0, size),
        pageInfo: pageInfoOf(reachable, size, horizon ?? null),
      });
    }
    return out;
  }

  // ---------- writing ----------

  private writable(source: CustomerUserSource) {
    if (source.readOnly || !source.writer) throw new ReadOnlySourceError(source.id);
    return source.writer;
  }

  /** Builds the attribute values of a write from the typed input fields and `attributes`. */
  private toValues(source: CustomerUserSource, input: CustomerUserInput): CustomerUserValues {
    const map = source.config.map;
    const values: CustomerUserValues = {};
    for (const [field, attribute] of Object.entries(FIELD_ATTRIBUTES)) {
      if (field === "password" || field === "valid") continue;
      const value = cleanText(input[field as keyof CustomerUserInput] as string | null | undefined);
      if (value === undefined) continue;
      if (!map.some((r) => r.attribute === attribute)) {
        if (value === null) continue;
        throw new BadInputError(field, `The backend "${source.id}" has no field ${field} (${attribute}).`);
      }
      values[attribute] = value;
    }
    if (input.valid !== undefined && input.valid !== null) values.ValidID = String(input.valid);
    for (const { attribute, value } of input.attributes ?? []) {
      const row = map.find((r) => r.attribute === attribute);
      if (!row || attribute === "UserPassword") {
        const known = map.filter((r) => r.attribute !== "UserPassword").map((r) => r.attribute);
        throw new BadInputError(
          attribute,
          `Unknown attribute "${attribute}" for the backend "${source.id}"; it has: ${known.join(", ")}.`,
        );
      }
      values[attribute] = cleanText(value) ?? null;
    }
    return values;
  }

  /** Required fields, lengths from the table's columns, valid ids and email syntax (checked for valid users, as OTOBO). */
  validate(source: CustomerUserSource, values: CustomerUserValues): void {
    if (values.UserLogin && /\s/.test(values.UserLogin)) {
      throw new BadInputError("login", "The login must not contain spaces.");
    }
    for (const row of source.config.map) {
      if (isPasswordAttribute(row.attribute)) continue;
      const max = (source as Partial<DbCustomerUserSource>).maxLength?.(row.attribute) ?? null;
      checkRule(
        fieldOf(row.attribute),
        { label: row.label, max, required: row.required },
        values[row.attribute],
      );
    }
    const validId = Number(values.ValidID ?? 1);
    if (![1, 2, 3].includes(validId))
      throw new BadInputError("valid", "Valid must be valid, invalid or invalid-temporarily.");
    const email = values.UserEmail;
    if (email && validId === 1 && !isValidEmail(email)) {
      throw new BadInputError("email", `"${email}" is not a valid email address.`, {
        reason: "email",
        value: email,
      });
    }
  }

  private async assertCustomer(
    source: CustomerUserSource,
    customerId: string | null | undefined,
  ): Promise<void> {
    if (!source.config.customerCompanySupport || !customerId) return;
    if (await this.customers.get(customerId)) return;
    if (!(await this.customers.exists())) {
      throw new PreconditionFailedError(
        "Add a customer first: every customer user belongs to a customer, and none exists yet.",
        { reason: "noCustomer" },
      );
    }
    throw new BadInputError(
      "customerId",
      `No customer with the ID "${customerId}"; pick an existing customer.`,
      { reason: "unknownCustomer", value: customerId },
    );
  }

  /**
   * Logins are unique across every backend, so a backend that cannot be asked blocks new logins
   * rather than risking a user that shadows one in the directory.
   */
  private async assertLoginFree(login: string): Promise<void> {
    let existing: CustomerUserRecord | null;
    try {
      existing = await this.get(login);
    } catch (error) {
      if (!(error instanceof SourceUnavailableError)) throw error;
      throw new DomainError(
        "SOURCE_UNAVAILABLE",
        `Cannot check that the login "${login}" is free. ${error.message} Try again when it is back.`,
        { source: error.source },
      );
    }
    if (existing) {
      throw new ConflictError(
        `The login "${existing.login}" is already taken${existing.source === this.sources[0]?.id ? "" : ` (in ${existing.source})`}; logins are unique regardless of case.`,
        "login",
        { value: existing.login },
      );
    }
  }

  private async assertEmailFree(
    source: CustomerUserSource,
    email: string | null | undefined,
    except?: string,
  ) {
    if (!email || !source.config.emailUniqueCheck) return;
    const clash = (await source.findByEmail(email)).find((r) => !except || lower(r.login) !== lower(except));
    if (clash) {
      throw new ConflictError(
        `The email address ${email} is already used by the customer user "${clash.login}".`,
        "email",
        { value: email, login: clash.login },
      );
    }
  }

  /** Creates a customer user; an empty password is replaced by a generated one, returned once. */
  async create(
    input: CustomerUserInput,
    actor: Actor,
    sourceId?: string | null,
  ): Promise<{ record: CustomerUserRecord; generatedPassword: string | null }> {
    const source = sourceId ? this.source(sourceId) : this.sources.find((s) => !s.readOnly);
    if (!source) {
      if (sourceId) throw new BadInputError("source", `Unknown source "${sourceId}".`);
      throw new ReadOnlySourceError(
        this.sources[0]?.id ?? "none",
        "Every configured customer user source is read-only.",
      );
    }
    const writer = this.writable(source);
    const values = this.toValues(source, input);
    values.ValidID ??= "1";
    this.validate(source, values);
    await this.assertCustomer(source, values.UserCustomerID);
    await this.assertLoginFree(values.UserLogin!);
    await this.assertEmailFree(source, values.UserEmail);
    const password = input.password ? input.password : null;
    const generatedPassword = password === null ? generatePassword() : null;
    const hash = await hashPassword(password ?? generatedPassword!, this.passwordFormat);
    await this.transaction(async (tx) => {
      await writer.insert(tx, values, actor.id);
      await writer.setPasswordHash(tx, values.UserLogin!, hash);
      await this.audit.record(tx, actor, "customer_user", values.UserLogin!, "create", null, values);
    });
    const record = await source.findByLogin(values.UserLogin!);
    if (!record) throw new Error(`Customer user ${values.UserLogin} vanished after create`);
    return { record, generatedPassword };
  }

  /**
   * Updates a customer user. Fields left out keep their value; a new login moves every relation
   * keyed by login (differs: OTOBO leaves extra customers and group grants behind); a stale
   * `expectedChangedAt` is a CONFLICT instead of a lost update (differs).
   */
  async update(
    login: string,
    input: CustomerUserInput,
    actor: Actor,
    expectedChangedAt?: Date | null,
  ): Promise<CustomerUserRecord> {
    const found = await this.require(login);
    const source = this.sourceOf(found);
    const writer = this.writable(source);
    const changes = this.toValues(source, input);
    // Checks that read other rows run first (PGlite has one connection, busy inside a transaction);
    // the merge and write below use the row as it is under the lock, so concurrent partial updates
    // of different fields both survive.
    const checked = this.merge(source, found, changes);
    const newLogin = checked.UserLogin ?? found.login;
    if (lower(newLogin) !== lower(found.login)) await this.assertLoginFree(newLogin);
    if (lower(checked.UserEmail ?? "") !== lower(found.attributes.UserEmail ?? "")) {
      await this.assertEmailFree(source, checked.UserEmail, found.login);
    }
    if (checked.UserCustomerID !== found.attributes.UserCustomerID) {
      await this.assertCustomer(source, checked.UserCustomerID);
    }
    const hash = input.password ? await hashPassword(input.password, this.passwordFormat) : null;
    await this.transaction(async (tx) => {
      const current = await writer.lockForUpdate(tx, found.login);
      if (!current)
        throw new NotFoundError(`No customer user with the login "${login}".`, {
          field: "login",
          params: { value: login },
        });
      if (expectedChangedAt && current.changedAt?.getTime() !== expectedChangedAt.getTime()) {
        throw new ConflictError(
          `Customer user "${current.login}" was changed by someone else since you opened it; reload and try again.`,
          undefined,
          { stale: "true", value: current.login },
        );
      }
      const values = this.merge(source, current, changes);
      await writer.update(tx, current.login, values, actor.id);
      if (newLogin !== current.login) await this.renameLogin(tx, current.login, newLogin, actor.id);
      await repointTickets(tx, {
        actorId: actor.id,
        customerUser: {
          from: { login: current.login, customerId: current.attributes.UserCustomerID ?? "" },
          to: { login: newLogin, customerId: values.UserCustomerID ?? "" },
        },
      });
      if (hash) await writer.setPasswordHash(tx, newLogin, hash);
      await this.audit.record(tx, actor, "customer_user", newLogin, "update", current.attributes, values);
    });
    return (await source.findByLogin(newLogin))!;
  }

  /** The changes over a user's current values, checked (read-only fields, required, lengths, email). */
  merge(
    source: CustomerUserSource,
    current: CustomerUserRecord,
    changes: CustomerUserValues,
  ): CustomerUserValues {
    for (const row of source.config.map) {
      if (
        row.readOnly &&
        row.attribute in changes &&
        changes[row.attribute] !== current.attributes[row.attribute]
      ) {
        throw new BadInputError(fieldOf(row.attribute), `${row.label} is read-only.`);
      }
    }
    const values: CustomerUserValues = {
      ...current.attributes,
      ValidID: String(current.validId),
      ...changes,
    };
    this.validate(source, values);
    return values;
  }

  /**
   * Sets the validity of many customer users in one transaction (a bulk action of the list): all of
   * them or, on any refusal, none. Users already in that state are left alone; each change is audited.
   * Returns how many were asked for and how many changed.
   */
  async setValid(logins: readonly string[], validId: ValidId, actor: Actor): Promise<BulkResult> {
    const unique = bulkLogins(logins);
    const found = await this.getMany(unique);
    requireLoginsFound(unique, found);
    const changes = unique
      .map((l) => found.get(lower(l))!)
      .filter((record) => record.validId !== validId)
      .map((record) => {
        const source = this.sourceOf(record);
        const writer = this.writable(source);
        const values: CustomerUserValues = { ...record.attributes, ValidID: String(validId) };
        try {
          // Making a user valid checks its data as a save of its form would (e.g. a malformed email).
          this.validate(source, values);
        } catch (error) {
          if (!(error instanceof BadInputError)) throw error;
          throw new BadInputError("logins", `${record.login}: ${error.message}`, {
            reason: "invalidRecord",
            value: record.login,
          });
        }
        return { record, writer, values };
      });
    if (changes.length === 0) return bulkResult(logins, 0);
    await this.transaction(async (tx) => {
      for (const { record, writer, values } of changes)
        await writer.update(tx, record.login, values, actor.id);
      await this.audit.recordMany(
        tx,
        actor,
        changes.map(({ record }) => ({
          entityType: "customer_user" as const,
          entityId: record.login,
          action: "update",
          before: { ValidID: String(record.validId) },
          after: { ValidID: String(validId) },
        })),
      );
    });
    return bulkResult(logins, changes.length);
  }

  /** Everything keyed by login follows a rename, in the rename's transaction. */
  private async renameLogin(tx: Db, from: string, to: string, actorId: number): Promise<void> {
    const changed = changedBy(actorId);
    await tx
      .update(customerUserCustomer)
      .set({ userId: to, ...changed })
      .where(eq(customerUserCustomer.userId, from));
    await tx
      .update(groupCustomerUser)
      .set({ userId: to, ...changed })
      .where(eq(groupCustomerUser.userId, from));
    await tx
      .update(serviceCustomerUser)
      .set({ customerUserLogin: to })
      .where(eq(serviceCustomerUser.customerUserLogin, from));
    await tx.update(customerPreferences).set({ userId: to }).where(eq(customerPreferences.userId, from));
  }

  async setPassword(login: string, password: string, actor: Actor): Promise<void> {
    const current = await this.require(login);
    const writer = this.writable(this.sourceOf(current));
    if (password.length < 8) throw new BadInputError("password", "The password needs at least 8 characters.");
    if (password.length > 1024)
      throw new BadInputError("password", "The password is too long (at most 1024 characters).", {
        reason: "tooLong",
        max: 1024,
      });
    const hash = await hashPassword(password, this.passwordFormat);
    await this.transaction(async (tx) => {
      await writer.setPasswordHash(tx, current.login, hash);
      await this.audit.record(tx, actor, "customer_user", current.login, "set_password", null, null);
    });
  }

  /**
   * Checks a customer user's credentials; null for unknown users, wrong passwords and users that are
   * not valid. A hash in another format is replaced by the configured one after a successful check.
   */
  async authenticate(login: string, password: string): Promise<CustomerUserRecord | null> {
    if (!login || !password) return null;
    // No stored login holds NUL (PostgreSQL text cannot), and the database would refuse the lookup.
    const record = login.includes("\0") ? null : await this.get(login);
    if (record?.validId !== 1) {
      await verifyDummy(password); // as long as a real check, so the time does not tell which logins exist
      return null;
    }
    const source = this.sourceOf(record);
    const verified = (await source.authenticate(record.login, password)) as
      | (CustomerUserRecord & { storedHashFormat?: string })
      | null;
    if (!verified) return null;
    // Re-hashed only into the configured format, never into one OTOBO cannot verify.
    if (verified.storedHashFormat && verified.storedHashFormat !== this.passwordFormat && source.writer) {
      const hash = await hashPassword(password, this.passwordFormat);
      await this.transaction((tx) => source.writer!.setPasswordHash(tx, record.login, hash));
    }
    return record;
  }

  /** Replaces the extra customers of a user; the primary customer is never assignable. */
  async setCustomers(
    login: string,
    customerIds: readonly string[],
    actor: Actor,
  ): Promise<CustomerUserRecord> {
    const record = await this.require(login);
    const ids = [...new Set(customerIds.map((c) => c.trim()))];
    const primary = record.attributes.UserCustomerID;
    if (primary && ids.includes(primary)) {
      throw new BadInputError(
        "customerIds",
        `"${primary}" is the primary customer of ${record.login} and cannot be assigned as an extra customer.`,
      );
    }
    const known = await this.customers.getMany(ids);
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new NotFoundError(`No customer with the ID ${unknown.map((u) => `"${u}"`).join(", ")}.`, {
        field: "customerIds",
        params: { value: unknown.join(", ") },
      });
    }
    await this.transaction(async (tx) => {
      // Replacements of the same relation run one after the other, each seeing the last one's result.
      await lockRelation(tx, "customer_user_customer");
      const before = (
        await tx
          .select({ customerId: customerUserCustomer.customerId })
          .from(customerUserCustomer)
          .where(eq(customerUserCustomer.userId, record.login))
          .orderBy(asc(customerUserCustomer.customerId))
      ).map((r) => r.customerId);
      await tx.delete(customerUserCustomer).where(eq(customerUserCustomer.userId, record.login));
      if (ids.length > 0) {
        await insertInChunks(
          tx,
          customerUserCustomer,
          ids.map((customerId) => ({
            userId: record.login,
            customerId,
            ...createdBy(actor.id),
          })),
        );
      }
      await this.audit.record(tx, actor, "customer_user", record.login, "set_customers", before, ids);
    });
    return record;
  }

  /**
   * Adds one customer as an extra customer of many users (a bulk action of the list), keeping every
   * other assignment; one transaction, all or none. Users who already have it, or whose primary
   * customer it is, are left alone. Each changed user gets an audit entry. Returns how many were asked for and how many changed.
   */
  async addToCustomer(customerId: string, logins: readonly string[], actor: Actor): Promise<BulkResult> {
    const unique = bulkLogins(logins);
    const customer = await this.customers.get(customerId);
    if (!customer)
      throw new NotFoundError(`No customer with the ID "${customerId}".`, {
        field: "customerId",
        params: { value: customerId },
      });
    const canonical = customer.customerId;
    const found = await this.getMany(unique);
    requireLoginsFound(unique, found);
    const candidates = unique
      .map((l) => found.get(lower(l))!)
      .filter((r) => r.attributes.UserCustomerID !== canonical)
      .map((r) => r.login);
    if (candidates.length === 0) return bulkResult(logins, 0);
    const changed = await this.transaction(async (tx) => {
      // Assignments of the same relation run one after the other, each seeing the last one's result.
      await lockRelation(tx, "customer_user_customer");
      const rows = await tx
        .select({ login: customerUserCustomer.userId, customerId: customerUserCustomer.customerId })
        .from(customerUserCustomer)
        .where(inArray(customerUserCustomer.userId, candidates))
        .orderBy(asc(customerUserCustomer.customerId));
      const before = new Map<string, string[]>();
      for (const row of rows) before.set(row.login, [...(before.get(row.login) ?? []), row.customerId]);
      const changed = candidates.filter((login) => !(before.get(login) ?? []).includes(canonical));
      if (changed.length === 0) return 0;
      await insertInChunks(
        tx,
        customerUserCustomer,
        changed.map((login) => ({ userId: login, customerId: canonical, ...createdBy(actor.id) })),
      );
      await this.audit.recordMany(
        tx,
        actor,
        changed.map((login) => {
          const was = before.get(login) ?? [];
          return {
            entityType: "customer_user" as const,
            entityId: login,
            action: "set_customers",
            before: was,
            after: [...was, canonical].sort(),
          };
        }),
      );
      return changed.length;
    });
    return bulkResult(logins, changed);
  }

  /** Replaces the users assigned to a customer as an extra customer. */
  async setCustomerUsers(customerId: string, logins: readonly string[], actor: Actor): Promise<void> {
    const customer = await this.customers.get(customerId);
    if (!customer)
      throw new NotFoundError(`No customer with the ID "${customerId}".`, {
        field: "customerId",
        params: { value: customerId },
      });
    const found = await this.getMany(logins);
    const unknown = [...new Set(logins)].filter((l) => !found.has(lower(l)));
    if (unknown.length > 0) {
      throw new NotFoundError(`No customer user with the login ${unknown.map((u) => `"${u}"`).join(", ")}.`, {
        field: "logins",
        params: { value: unknown.join(", ") },
      });
    }
    const records = [...found.values()];
    const primaryHere = records.find((r) => r.attributes.UserCustomerID === customerId);
    if (primaryHere) {
      throw new BadInputError(
        "logins",
        `"${customerId}" is already the primary customer of ${primaryHere.login}; it cannot be assigned as an extra customer.`,
      );
    }
    await this.transaction(async (tx) => {
      await lockRelation(tx, "customer_user_customer");
      const before = await tx
        .select({ login: customerUserCustomer.userId })
        .from(customerUserCustomer)
        .where(eq(customerUserCustomer.customerId, customerId));
      await tx.delete(customerUserCustomer).where(eq(customerUserCustomer.customerId, customerId));
      if (records.length > 0) {
        await insertInChunks(
          tx,
          customerUserCustomer,
          records.map((r) => ({ userId: r.login, customerId, ...createdBy(actor.id) })),
        );
      }
      await this.audit.record(
        tx,
        actor,
        "customer",
        customerId,
        "set_customer_users",
        before.map((b) => b.login),
        records.map((r) => r.login),
      );
    });
  }

  private async transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction((tx) => work(tx));
    } catch (error) {
      // A concurrent create can still hit the unique index; report it as the conflict it is.
      const code =
        (error as { code?: string; cause?: { code?: string } }).code ??
        (error as { cause?: { code?: string } }).cause?.code;
      if (code === "23505")
        throw new ConflictError("The login is already taken; logins are unique regardless of case.", "login");
      throw error;
    }
  }
}
