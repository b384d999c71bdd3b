import { type SQL, sql } from "drizzle-orm";
import type { DbBackendConfig } from "../../config/backends";
import { ConfigError } from "../../config/backends";
import { isPasswordAttribute, type MapRow } from "../../config/map";
import { type Db, queryRows } from "../../db/client";
import { quoteIdentifier } from "../../db/identifiers";
import { nextChangeTime } from "../../db/otobo-columns";
import {
  SEARCH_COVER_COLUMNS,
  SEARCH_COVER_INDEX,
  SEARCH_TEXT_COLUMNS,
  SEARCH_TEXT_SQL,
} from "../../db/schema/search-text";
import { exactOrWildcard, matchesEverything, searchCondition } from "../../db/search-sql";
import { utcTimestamp } from "../../db/timestamps";
import { writeClockOf } from "../../db/write-clock";
import { storedHashFormat, verifyPassword } from "../../security/passwords";
import type { Position } from "../../shared/cursor";
import { SharedReads } from "../../shared/shared-reads";
import type {
  CustomerUserRecord,
  CustomerUserSource,
  CustomerUserValues,
  CustomerUserWriter,
  SourceHealth,
  SourceSearchParams,
  SourceSearchResult,
  ValidId,
} from "./source";

interface ColumnInfo {
  name: string;
  dataType: string;
  maxLength: number | null;
  nullable: boolean;
}

type Row = Record<string, unknown>;

/** A projection's map rows and select list. */
interface Projection {
  rows: readonly MapRow[];
  selectList: SQL;
  /** Every column it reads or searches is in the search cover index. */
  covered: boolean;
}

const KEY = "__login";
const VALID = "__valid";
const CREATED = "__created";
const CHANGED = "__changed";
const PASSWORD = "__password";

/** Customer users in a table of the Clientele database (OTOBO's Kernel::System::CustomerUser::DB). */
export class DbCustomerUserSource implements CustomerUserSource {
  readonly id: string;
  readonly readOnly: boolean;
  readonly writer?: CustomerUserWriter;
  private columns = new Map<string, ColumnInfo>();
  private hasAuditColumns = false;
  /** The table has the search cover index (db/schema/search-text.ts), valid. */
  private hasCoverIndex = false;

  constructor(
    private readonly db: Db,
    readonly config: DbBackendConfig,
  ) {
    this.id = config.id;
    this.readOnly = config.readOnly;
    this.readableRows = config.map.filter((r) => !isPasswordAttribute(r.attribute));
    this.sharedSearches = new SharedReads(writeClockOf(db));
    if (!config.readOnly) this.writer = new DbWriter(this);
  }

  private get table(): SQL {
    return sql`${sql.identifier(this.config.params.table)}`;
  }
  private col(name: string): SQL {
    return sql`${sql.identifier(name)}`;
  }
  /** Map rows that are read back (the password column never leaves the database); the map never changes. */
  readonly readableRows: MapRow[];
  /** The select list, built once the columns are known (`verifySchema`): every read uses it. */
  private selectListSql: SQL | null = null;
  /** Select lists of projections (`SourceSearchParams.attributes`), by their attribute list. */
  private projections = new Map<string, Projection>();
  private readonly sharedSearches: SharedReads<SourceSearchResult>;
  get passwordColumn(): string | null {
    return this.config.map.find((r) => r.attribute === "UserPassword")?.storage ?? null;
  }
  /** Maximum length of a mapped column, for validation with a field-naming error instead of a DB error. */
  maxLength(attribute: string): number | null {
    const row = this.config.map.find((r) => r.attribute === attribute);
    return row ? (this.columns.get(row.storage)?.maxLength ?? null) : null;
  }

  /**
   * Checks the table and every mapped column exist, so a typo in the config fails the start with the
   * statement that fixes it rather than failing every query later.
   */
  async verifySchema(): Promise<void> {
    const rows = await queryRows<{
      column_name: string;
      data_type: string;
      character_maximum_length: number | null;
      is_nullable: string;
    }>(
      this.db,
      sql`SELECT column_name, data_type, character_maximum_length, is_nullable
          FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = ${this.config.params.table}`,
    );
    const table = this.config.params.table;
    if (rows.length === 0) {
      throw new ConfigError(
        `Backend "${this.id}": table "${table}" does not exist. Create it (OTOBO's customer_user layout) or fix params.table.`,
      );
    }
    this.columns = new Map(
      rows.map((r) => [
        r.column_name,
        {
          name: r.column_name,
          dataType: r.data_type,
          maxLength: r.character_maximum_length === null ? null : Number(r.character_maximum_length),
          nullable: r.is_nullable === "YES",
        },
      ]),
    );
    const needed = new Set([
      ...this.config.map.map((r) => r.storage),
      this.config.customerKey,
      this.config.customerId,
      ...(this.config.customerValid ? [this.config.customerValid] : []),
      ...this.config.customerUserSearchFields,
      ...this.config.customerUserListFields,
      ...this.config.customerUserPostMasterSearchFields,
    ]);
    const missing = [...needed].filter((c) => !this.columns.has(c));
    if (missing.length > 0) {
      const statements = missing.map((c) => `  ALTER TABLE ${table} ADD ${c} varchar(250);`).join("\n");
      throw new ConfigError(
        `Backend "${this.id}": the table "${table}" has no column ${missing.map((c) => `"${c}"`).join(", ")} named in the configuration. Add it with:\n${statements}`,
      );
    }
    this.hasAuditColumns = this.columns.has("create_time") && this.columns.has("change_time");
    const cover = await queryRows<{ found: boolean }>(
      this.db,
      sql`SELECT true AS found FROM pg_index i
          JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
          WHERE c.relname = ${SEARCH_COVER_INDEX} AND t.relname = ${table}
            AND t.relnamespace = current_schema()::regnamespace AND i.indisvalid`,
    );
    this.hasCoverIndex = cover.length > 0;
    this.selectListSql = null;
    this.projections.clear();
  }

  /** Columns of a text type are read as they are; any other is cast to text. */
  private isTextColumn(name: string): boolean {
    const info = this.columns.get(name);
    return !info || /char|text/.test(info.dataType);
  }

  private textColumn(name: string): SQL {
    return this.isTextColumn(name) ? this.col(name) : sql`${this.col(name)}::text`;
  }

  private selectList(): SQL {
    this.selectListSql ??= this.buildSelectList(this.readableRows, this.hasAuditColumns);
    return this.selectListSql;
  }

  /**
   * The select list and map rows of a projection: the asked attributes that are readable, nothing
   * else (no audit times). A 1000-row answer that shows a few fields then costs the database and the
   * driver a few columns per row instead of every mapped one.
   */
  private projection(attributes: readonly string[]): Projection {
    const key = attributes.join("\u0000");
    let projection = this.projections.get(key);
    if (!projection) {
      const wanted = new Set(attributes);
      const rows = this.readableRows.filter((r) => wanted.has(r.attribute));
      const read = [
        ...rows.map((r) => r.storage),
        this.config.customerKey,
        this.config.customerValid ?? "",
        ...this.config.customerUserSearchFields,
      ];
      projection = {
        rows,
        selectList: this.buildSelectList(rows, false),
        covered: this.hasCoverIndex && read.every((c) => !c || SEARCH_COVER_COLUMNS.has(c)),
      };
      // Callers project from a fixed set of field lists; the bound only guards against a pathological one.
      if (this.projections.size < 256) this.projections.set(key, projection);
    }
    return projection;
  }

  /**
   * A select list as one raw SQL chunk: it only holds quoted identifiers and casts, and every read
   * sends it, so it is rendered once instead of drizzle assembling ~25 pieces per statement.
   */
  private buildSelectList(rows: readonly MapRow[], auditColumns: boolean): SQL {
    const seen = new Set<string>();
    const parts: string[] = [];
    const text = (name: string) =>
      this.isTextColumn(name) ? quoteIdentifier(name) : `${quoteIdentifier(name)}::text`;
    for (const row of rows) {
      if (seen.has(row.attribute)) continue;
      seen.add(row.attribute);
      parts.push(`${text(row.storage)} AS ${quoteIdentifier(row.attribute)}`);
    }
    parts.push(`${quoteIdentifier(this.config.customerKey)} AS ${quoteIdentifier(KEY)}`);
    parts.push(
      this.config.customerValid
        ? `${quoteIdentifier(this.config.customerValid)} AS ${quoteIdentifier(VALID)}`
        : `1 AS ${quoteIdentifier(VALID)}`,
    );
    if (auditColumns) {
      parts.push(`create_time AS ${quoteIdentifier(CREATED)}, change_time AS ${quoteIdentifier(CHANGED)}`);
    }
    return sql.raw(parts.join(", "));
  }

  /**
   * Case-insensitive login order in byte order (COLLATE "C"), so it matches the facade's merge and the
   * LDAP source whatever collation the database uses.
   */
  private loginOrder(): SQL {
    return sql`(${this.lowerKey()} COLLATE "C"), ${this.col(this.config.customerKey)} COLLATE "C"`;
  }

  private lowerKey(): SQL {
    return sql`lower(${this.col(this.config.customerKey)})`;
  }

  toRecord(row: Row, rows: readonly MapRow[] = this.readableRows): CustomerUserRecord {
    const attributes: Record<string, string | null> = {};
    for (const r of rows) {
      const value = row[r.attribute];
      attributes[r.attribute] = value === null || value === undefined ? null : String(value);
    }
    const validId = Number(row[VALID] ?? 1);
    return {
      source: this.id,
      readOnly: this.readOnly,
      login: String(row[KEY]),
      validId: (validId === 2 || validId === 3 ? validId : 1) as ValidId,
      attributes,
      createdAt: utcTimestamp(row[CREATED]),
      changedAt: utcTimestamp(row[CHANGED]),
    };
  }

  private async select(
    where: SQL,
    tail: SQL = sql``,
    db: Db = this.db,
    projection: Projection | null = null,
  ): Promise<CustomerUserRecord[]> {
    const rows = await queryRows<Row>(
      db,
      sql`SELECT ${projection?.selectList ?? this.selectList()} FROM ${this.table} WHERE ${where} ${tail}`,
    );
    const mapped = projection?.rows ?? this.readableRows;
    return rows.map((r) => this.toRecord(r, mapped));
  }

  /**
   * True when the searched columns are exactly those of the search text (the default fields, all
   * text): words are then matched against that one expression, which the search indexes carry.
   */
  private searchesSearchText(columns: string[]): boolean {
    const wanted = new Set<string>(SEARCH_TEXT_COLUMNS);
    return (
      columns.length === wanted.size &&
      columns.every((c) => wanted.has(c) && /char|text/.test(this.columns.get(c)?.dataType ?? ""))
    );
  }

  /**
   * Searches; an identical search already running (ten agents opening the same list) is joined
   * instead of sent again (shared/shared-reads.ts).
   */
  search(params: SourceSearchParams): Promise<SourceSearchResult> {
    return this.sharedSearches.run(JSON.stringify(params), () => this.searchNow(params));
  }

  private async searchNow(params: SourceSearchParams): Promise<SourceSearchResult> {
    const conditions: SQL[] = [];
    const caseSensitive = this.config.searchCaseSensitive;
    const { searchPrefix, searchSuffix } = this.config;
    const searching = !!params.query && !matchesEverything(params.query, searchPrefix, searchSuffix);
    if (params.query) {
      const searched = this.config.customerUserSearchFields.filter(
        (c) => !this.config.map.some((r) => r.storage === c && isPasswordAttribute(r.attribute)),
      );
      conditions.push(
        searchCondition(params.query, {
          columns: searched.map((c) => this.textColumn(c)),
          prefix: searchPrefix,
          suffix: searchSuffix,
          caseSensitive,
          searchText: this.searchesSearchText(searched) ? sql.raw(SEARCH_TEXT_SQL) : undefined,
        }),
      );
    }
    if (params.customerId) {
      conditions.push(exactOrWildcard(this.col(this.config.customerId), params.customerId, false));
    }
    if (params.validId && this.config.customerValid) {
      conditions.push(sql`${this.col(this.config.customerValid)} = ${params.validId}`);
    }
    if (params.after) {
      // Keyset paging on the order below; the row comparison walks the index customer_user_login_order.
      const key = params.after.key;
      conditions.push(
        sql`(${this.lowerKey()} COLLATE "C", ${this.col(this.config.customerKey)} COLLATE "C") > (lower(${key}::text) COLLATE "C", ${key}::text COLLATE "C")`,
      );
    }
    const where = conditions.length > 0 ? sql.join(conditions, sql` AND `) : sql`true`;
    // One row more than asked tells truthfully whether the limit cut the result.
    const limit = sql`ORDER BY ${this.loginOrder()} LIMIT ${params.limit + 1}`;
    const projection = params.attributes ? this.projection(params.attributes) : null;
    // Two steps for a search when the key is `login` (unique in OTOBO's table): which logins match,
    // in login order, from the search indexes alone (an index-only scan, no heap page per rejected
    // row), then only those rows. Without search words the login order's first rows are the answer,
    // read in one step. Any further condition (a lower bound on the login order) goes into `where`.
    // A projection that the search cover index holds, searched and filtered on its columns only, is
    // read from that index alone in one step (docs/performance/search-plans.md).
    const fromCoverIndex =
      projection?.covered === true &&
      (!params.customerId || SEARCH_COVER_COLUMNS.has(this.config.customerId));
    const records =
      searching && this.config.customerKey === "login" && !fromCoverIndex
        ? await this.select(
            sql`${this.col("login")} IN (SELECT ${this.col("login")} FROM ${this.table} WHERE ${where} ${limit})`,
            sql`ORDER BY ${this.loginOrder()}`,
            this.db,
            projection,
          )
        : await this.select(where, limit, this.db, projection);
    return { records: records.slice(0, params.limit), limitReached: records.length > params.limit };
  }

  /** By login; inside a transaction `tx` with `forUpdate`, the row stays locked until it ends. */
  async findByLogin(login: string, tx: Db = this.db, forUpdate = false): Promise<CustomerUserRecord | null> {
    const [record] = await this.select(
      sql`${this.lowerKey()} = lower(${login})`,
      forUpdate ? sql`LIMIT 1 FOR UPDATE` : sql`LIMIT 1`,
      tx,
    );
    return record ?? null;
  }

  async findByLogins(logins: readonly string[]): Promise<CustomerUserRecord[]> {
    if (logins.length === 0) return [];
    const lowered = [...new Set(logins.map((l) => l.toLowerCase()))];
    // One JSON parameter, whatever the count: a list of 70,000 logins would exceed the bind-parameter limit.
    return this.select(
      sql`${this.lowerKey()} IN (SELECT jsonb_array_elements_text(${JSON.stringify(lowered)}::jsonb))`,
    );
  }

  async findByCustomerIds(
    customerIds: readonly string[],
    options: { after: Position | null; perCustomer: number },
  ): Promise<CustomerUserRecord[]> {
    if (customerIds.length === 0) return [];
    const customer = sql`lower(${this.col(this.config.customerId)})`;
    const after = options.after
      ? sql`AND (${this.lowerKey()} COLLATE "C", ${this.col(this.config.customerKey)} COLLATE "C") > (lower(${options.after.key}::text) COLLATE "C", ${options.after.key}::text COLLATE "C")`
      : sql``;
    // The first perCustomer users of each customer in login order, in one statement.
    const rows = await queryRows<Row>(
      this.db,
      sql`SELECT * FROM (
            SELECT ${this.selectList()},
                   row_number() OVER (PARTITION BY ${customer} ORDER BY ${this.loginOrder()}) AS "__rank"
            FROM ${this.table}
            WHERE ${customer} IN (SELECT lower(v) FROM jsonb_array_elements_text(${JSON.stringify([...new Set(customerIds)])}::jsonb) v)
            ${after}
          ) ranked WHERE "__rank" <= ${options.perCustomer}`,
    );
    return rows.map((r) => this.toRecord(r));
  }

  async findByEmail(email: string): Promise<CustomerUserRecord[]> {
    const fields = this.config.customerUserPostMasterSearchFields.map(
      (c) => sql`lower(${this.textColumn(c)}) = lower(${email})`,
    );
    return this.select(sql`(${sql.join(fields, sql` OR `)})`, sql`ORDER BY ${this.loginOrder()}`);
  }

  async passwordHash(login: string): Promise<string | null> {
    const column = this.passwordColumn;
    if (!column) return null;
    const [row] = await queryRows<{ pw: string | null }>(
      this.db,
      sql`SELECT ${this.col(column)} AS pw FROM ${this.table} WHERE ${this.lowerKey()} = lower(${login})`,
    );
    return row?.pw ?? null;
  }

  async authenticate(login: string, password: string): Promise<CustomerUserRecord | null> {
    // One query for the user and the hash: the fewer round trips, the less the time says.
    const column = this.passwordColumn;
    const rows = await queryRows<Row>(
      this.db,
      sql`SELECT ${this.selectList()}, ${column ? this.col(column) : sql`NULL`} AS ${sql.identifier(PASSWORD)}
          FROM ${this.table} WHERE ${this.lowerKey()} = lower(${login}) LIMIT 1`,
    );
    const row = rows[0];
    // No user: the same Argon2id work as a real check (verifyPassword does it for a missing hash).
    const check = await verifyPassword(row ? ((row[PASSWORD] as string | null) ?? null) : null, password);
    if (!row || !check.ok) return null;
    return Object.assign(this.toRecord(row), {
      storedHashFormat: storedHashFormat(row[PASSWORD] as string | null),
    });
  }

  async health(): Promise<SourceHealth> {
    try {
      await queryRows(this.db, sql`SELECT 1 FROM ${this.table} LIMIT 1`);
      return { ok: true, message: null, checkedAt: new Date() };
    } catch (error) {
      return { ok: false, message: (error as Error).message, checkedAt: new Date() };
    }
  }

  /** Column assignments for a write: every mapped, non-password column once; `int` columns as numbers. */
  columnValues(values: CustomerUserValues, forUpdate: boolean): Array<[string, unknown]> {
    const out = new Map<string, unknown>();
    for (const row of this.config.map) {
      if (isPasswordAttribute(row.attribute) || out.has(row.storage)) continue;
      if (forUpdate && row.readOnly) continue;
      if (!(row.attribute in values)) continue;
      const value = values[row.attribute];
      const info = this.columns.get(row.storage);
      const isNumber = row.type === "int" || (info && /int|numeric/.test(info.dataType));
      if (isNumber) out.set(row.storage, value === null || value === "" ? 0 : Number(value));
      else out.set(row.storage, value === null || value === "" ? (info?.nullable ? null : "") : value);
    }
    return [...out];
  }

  tableSql(): SQL {
    return this.table;
  }
  keySql(): SQL {
    return this.lowerKey();
  }
  get auditColumns(): boolean {
    return this.hasAuditColumns;
  }
}

class DbWriter implements CustomerUserWriter {
  constructor(private readonly source: DbCustomerUserSource) {}

  async insert(tx: Db, values: CustomerUserValues, actorId: number): Promise<void> {
    const assignments = this.source.columnValues(values, false);
    const columns = assignments.map(([c]) => sql`${sql.identifier(c)}`);
    const params = assignments.map(([, v]) => sql`${v}`);
    if (this.source.auditColumns) {
      columns.push(sql`create_time`, sql`create_by`, sql`change_time`, sql`change_by`);
      params.push(sql`now()`, sql`${actorId}`, sql`now()`, sql`${actorId}`);
    }
    await tx.execute(
      sql`INSERT INTO ${this.source.tableSql()} (${sql.join(columns, sql`, `)}) VALUES (${sql.join(params, sql`, `)})`,
    );
  }

  async update(tx: Db, login: string, values: CustomerUserValues, actorId: number): Promise<void> {
    const sets = this.source.columnValues(values, true).map(([c, v]) => sql`${sql.identifier(c)} = ${v}`);
    if (this.source.auditColumns)
      sets.push(sql`change_time = ${nextChangeTime(sql`change_time`)}`, sql`change_by = ${actorId}`);
    if (sets.length === 0) return;
    await tx.execute(
      sql`UPDATE ${this.source.tableSql()} SET ${sql.join(sets, sql`, `)} WHERE ${this.source.keySql()} = lower(${login})`,
    );
  }

  async setPasswordHash(tx: Db, login: string, hash: string | null): Promise<void> {
    const column = this.source.passwordColumn;
    if (!column) return;
    await tx.execute(
      sql`UPDATE ${this.source.tableSql()} SET ${sql.identifier(column)} = ${hash} WHERE ${this.source.keySql()} = lower(${login})`,
    );
  }

  lockForUpdate(tx: Db, login: string): Promise<CustomerUserRecord | null> {
    return this.source.findByLogin(login, tx, true);
  }

  async renameCustomerId(tx: Db, from: string, to: string, actorId: number): Promise<void> {
    const column = sql.identifier(this.source.config.customerId);
    const sets = [sql`${column} = ${to}`];
    if (this.source.auditColumns)
      sets.push(sql`change_time = ${nextChangeTime(sql`change_time`)}`, sql`change_by = ${actorId}`);
    await tx.execute(
      sql`UPDATE ${this.source.tableSql()} SET ${sql.join(sets, sql`, `)} WHERE ${column} = ${from}`,
    );
  }
}
