import { and, inArray, ne, sql } from "drizzle-orm";
import type { Actor, AuditLog } from "../audit/audit";
import { isPasswordAttribute } from "../config/map";
import type { CustomerUserFacade } from "../customer-users/facade";
import { FIELD_ATTRIBUTES } from "../customer-users/fields";
import { DbCustomerUserSource } from "../customer-users/sources/db-source";
import type { CustomerUserRecord, CustomerUserValues } from "../customer-users/sources/source";
import {
  type CustomerInput,
  type CustomerRecord,
  type CustomersService,
  toRecord as customerRecord,
  storedColumns,
} from "../customers/service";
import { insertInChunks } from "../db/batch";
import { type Db, queryRows } from "../db/client";
import { createdBy, nextChangeTime } from "../db/otobo-columns";
import {
  customerCompany,
  customerUserCustomer,
  groupCustomerUser,
  type groupsTable,
  service,
  serviceCustomerUser,
} from "../db/schema";
import { DomainError, SourceUnavailableError } from "../errors";
import {
  generatePassword,
  hashPassword,
  type PasswordHashFormat,
  storedHashFormat,
} from "../security/passwords";
import { MANAGED_KEYS } from "../shared/permission";
import type { ValidId } from "../shared/valid";
import {
  attributeColumns,
  CUSTOMER_COLUMNS,
  cellValue,
  PASSWORD_COLUMNS,
  RELATION_COLUMNS,
  splitList,
} from "./cells";
import type { CsvRecord } from "./parse";

/** One refusal of an import: the file's line, the column (null for the whole row), the API's code. */
export interface ImportError {
  line: number;
  column: string | null;
  code: string;
  message: string;
}

export interface WriteResult {
  created: number;
  updated: number;
  /** Login and generated password of each user created without one. */
  credentials: Array<[string, string]>;
}

/** The rules of one kind of file: its header, the checks of a batch (reading only) and its write. */
export interface Importer<P> {
  /** The table rows are created in (for planner statistics during a long import). */
  readonly tableName: string;
  checkHeader(header: string[]): ImportError[];
  /** Validates a batch; rows without errors come back prepared for `write`. */
  check(records: CsvRecord[]): Promise<{ rows: P[]; errors: ImportError[] }>;
  /** Work outside the transaction (password hashing), after check. */
  finish?(rows: P[]): Promise<void>;
  write(tx: Db, rows: P[], actor: Actor): Promise<WriteResult>;
}

const lower = (s: string) => s.toLowerCase();

function errorOf(line: number, column: string | null, error: unknown): ImportError {
  if (error instanceof DomainError) return { line, column, code: error.code, message: error.message };
  throw error;
}

function checkHeaderColumns(header: string[], allowed: readonly string[], key: string): ImportError[] {
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  for (const column of header) {
    if (!allowed.includes(column))
      errors.push({
        line: 1,
        column,
        code: "BAD_USER_INPUT",
        message: `Unknown column "${column}"; the file may have: ${allowed.join(", ")}.`,
      });
    else if (seen.has(column))
      errors.push({
        line: 1,
        column,
        code: "BAD_USER_INPUT",
        message: `The column "${column}" appears twice.`,
      });
    seen.add(column);
  }
  if (!header.includes(key))
    errors.push({
      line: 1,
      column: key,
      code: "BAD_USER_INPUT",
      message: `The column "${key}" is required.`,
    });
  return errors;
}

/** The cells of a record by column; null when the count differs from the header's or a cell holds NUL. */
function rowCells(
  header: string[],
  record: CsvRecord,
  errors: ImportError[],
): Record<string, string | null> | null {
  if (record.cells.length !== header.length) {
    errors.push({
      line: record.line,
      column: null,
      code: "BAD_USER_INPUT",
      message: `The row has ${record.cells.length} cells; the header has ${header.length}.`,
    });
    return null;
  }
  const cells: Record<string, string | null> = {};
  let ok = true;
  for (const [i, column] of header.entries()) {
    const raw = record.cells[i]!;
    if (raw.includes("\0")) {
      errors.push({
        line: record.line,
        column,
        code: "BAD_USER_INPUT",
        message: `${column} contains a NUL character, which cannot be stored.`,
      });
      ok = false;
    }
    cells[column] = cellValue(raw);
  }
  return ok ? cells : null;
}

// ---------------- customer users ----------------

interface UserRow {
  line: number;
  login: string;
  existing: CustomerUserRecord | null;
  values: CustomerUserValues;
  customers?: string[];
  groups?: Array<{ groupId: number; key: string }>;
  services?: number[];
  password: string | null;
  hash: string | null;
  generated: string | null;
}

export interface CustomerUserImporterDeps {
  db: Db;
  customerUsers: CustomerUserFacade;
  customers: CustomersService;
  audit: AuditLog;
  groupsTable: typeof groupsTable;
  passwordFormat: PasswordHashFormat;
}

/** Column of a facade error: the typed field's attribute (`email` → UserEmail), custom ones as they are. */
const columnOfField = (field: string | undefined): string | null =>
  field === undefined
    ? null
    : field === "valid"
      ? "ValidID"
      : ((FIELD_ATTRIBUTES as Record<string, string>)[field] ?? field);

/**
 * Customer users: created or updated by login in the first writable DB backend, with the API's rules
 * (facade.validate and merge: required fields, lengths from the table, email syntax, read-only
 * fields), unique logins across every backend and in the file, unique emails when the backend checks
 * them, and "a customer must exist first". One multi-row INSERT per batch for new users.
 */
export class CustomerUserImporter implements Importer<UserRow> {
  private header: string[] = [];
  private readonly source: DbCustomerUserSource;
  private readonly loginsInFile = new Map<string, number>();
  private readonly emailsInFile = new Map<string, string>();
  private groupIds: Map<string, number> | null = null;
  private serviceIds: Map<string, number> | null = null;

  constructor(private readonly deps: CustomerUserImporterDeps) {
    const source = deps.customerUsers.sources.find((s) => s instanceof DbCustomerUserSource && s.writer);
    if (!source)
      throw new DomainError("READ_ONLY_SOURCE", "No writable database backend is configured to import into.");
    this.source = source as DbCustomerUserSource;
  }

  get tableName(): string {
    return this.source.config.params.table;
  }

  private get attributeColumns(): string[] {
    return attributeColumns([this.source]);
  }

  checkHeader(header: string[]): ImportError[] {
    this.header = header;
    return checkHeaderColumns(
      header,
      [...this.attributeColumns, ...RELATION_COLUMNS, ...PASSWORD_COLUMNS],
      "UserLogin",
    );
  }

  private async catalogs() {
    if (!this.groupIds) {
      const groups = this.deps.groupsTable;
      const rows = await this.deps.db.select({ id: groups.id, name: groups.name }).from(groups);
      this.groupIds = new Map(rows.map((r) => [r.name, r.id]));
      const services = await this.deps.db.select({ id: service.id, name: service.name }).from(service);
      this.serviceIds = new Map(services.map((r) => [r.name, r.id]));
    }
    return { groupIds: this.groupIds, serviceIds: this.serviceIds! };
  }

  async check(records: CsvRecord[]): Promise<{ rows: UserRow[]; errors: ImportError[] }> {
    const errors: ImportError[] = [];
    const { groupIds, serviceIds } = await this.catalogs();
    const candidates: Array<{ line: number; cells: Record<string, string | null> }> = [];
    for (const record of records) {
      const cells = rowCells(this.header, record, errors);
      if (!cells) continue;
      const login = cells.UserLogin;
      if (!login) {
        errors.push({
          line: record.line,
          column: "UserLogin",
          code: "BAD_USER_INPUT",
          message: "Username is required.",
        });
        continue;
      }
      const earlier = this.loginsInFile.get(lower(login));
      if (earlier !== undefined) {
        errors.push({
          line: record.line,
          column: "UserLogin",
          code: "CONFLICT",
          message: `The login "${login}" is already in line ${earlier}; logins are unique regardless of case.`,
        });
        continue;
      }
      this.loginsInFile.set(lower(login), record.line);
      candidates.push({ line: record.line, cells });
    }
    const logins = candidates.map((c) => c.cells.UserLogin!);
    // Every backend in order, as the facade's lookup: logins are unique across all of them, so one
    // that cannot be asked blocks the new logins of the batch (as a create through the API).
    const existing = new Map<string, CustomerUserRecord>();
    let unavailable: SourceUnavailableError | null = null;
    for (const source of this.deps.customerUsers.sources) {
      const pending = logins.filter((l) => !existing.has(lower(l)));
      if (!pending.length) break;
      try {
        for (const record of await source.findByLogins(pending)) existing.set(lower(record.login), record);
      } catch (error) {
        if (!(error instanceof SourceUnavailableError)) throw error;
        unavailable ??= error;
      }
    }
    const customerIds = new Set<string>();
    for (const c of candidates) {
      if (c.cells.UserCustomerID) customerIds.add(c.cells.UserCustomerID);
      for (const id of splitList(c.cells.ExtraCustomers ?? null)) customerIds.add(id);
    }
    const customers = await this.deps.customers.getMany([...customerIds]);
    const emailOwners = await this.emailOwners(
      candidates.flatMap((c) => (c.cells.UserEmail ? [c.cells.UserEmail] : [])),
    );
    const rows: UserRow[] = [];
    for (const { line, cells } of candidates) {
      const before = errors.length;
      const push = (column: string | null, code: string, message: string) =>
        errors.push({ line, column, code, message });
      const login = cells.UserLogin!;
      const found = existing.get(lower(login)) ?? null;
      if (!found && unavailable) {
        push(
          "UserLogin",
          "SOURCE_UNAVAILABLE",
          `Cannot check that the login "${login}" is free. ${unavailable.message} Try again when it is back.`,
        );
        continue;
      }
      if (found && found.source !== this.source.id) {
        push(
          "UserLogin",
          "READ_ONLY_SOURCE",
          `The login "${found.login}" belongs to the read-only backend ${found.source}.`,
        );
        continue;
      }
      const changes: CustomerUserValues = {};
      for (const column of this.attributeColumns)
        if (column in cells) changes[column] = cells[column] ?? null;
      if (found) changes.UserLogin = found.login;
      let values: CustomerUserValues = changes;
      try {
        if (found) values = this.deps.customerUsers.merge(this.source, found, changes);
        else {
          values.ValidID ??= "1";
          this.deps.customerUsers.validate(this.source, values);
        }
      } catch (error) {
        const field =
          error instanceof DomainError ? (error.extensions?.field as string | undefined) : undefined;
        errors.push(errorOf(line, columnOfField(field ?? (error as { field?: string }).field), error));
      }
      const customerId = values.UserCustomerID;
      if (
        this.source.config.customerCompanySupport &&
        customerId &&
        customerId !== found?.attributes.UserCustomerID &&
        !customers.has(customerId)
      )
        push(
          "UserCustomerID",
          "NOT_FOUND",
          `No customer with the ID "${customerId}"; import the customers first.`,
        );
      const email = values.UserEmail;
      if (this.source.config.emailUniqueCheck && email) {
        const owner = emailOwners.get(lower(email));
        const inFile = this.emailsInFile.get(lower(email));
        if (owner && lower(owner) !== lower(login))
          push(
            "UserEmail",
            "CONFLICT",
            `The email address ${email} is already used by the customer user "${owner}".`,
          );
        else if (inFile && inFile !== lower(login))
          push(
            "UserEmail",
            "CONFLICT",
            `The email address ${email} is already used in this file by "${inFile}".`,
          );
        else this.emailsInFile.set(lower(email), lower(login));
      }
      const row: UserRow = {
        line,
        login,
        existing: found,
        values,
        password: null,
        hash: null,
        generated: null,
      };
      if ("ExtraCustomers" in cells) {
        row.customers = splitList(cells.ExtraCustomers ?? null);
        for (const id of row.customers) {
          if (!customers.has(id)) push("ExtraCustomers", "NOT_FOUND", `No customer with the ID "${id}".`);
          else if (id === customerId)
            push(
              "ExtraCustomers",
              "BAD_USER_INPUT",
              `"${id}" is the primary customer and cannot be an extra customer.`,
            );
        }
      }
      if ("Groups" in cells) {
        row.groups = [];
        for (const entry of splitList(cells.Groups ?? null)) {
          const at = entry.lastIndexOf(":");
          const name = at > 0 ? entry.slice(0, at) : entry;
          const key =
            at > 0
              ? entry
                  .slice(at + 1)
                  .trim()
                  .toLowerCase()
              : "";
          const groupId = groupIds.get(name.trim());
          if (!MANAGED_KEYS.includes(key))
            push("Groups", "BAD_USER_INPUT", `"${entry}": write a group as name:ro or name:rw.`);
          else if (groupId === undefined) push("Groups", "NOT_FOUND", `No group named "${name}".`);
          else row.groups.push({ groupId, key });
        }
      }
      if ("Services" in cells) {
        row.services = [];
        for (const name of splitList(cells.Services ?? null)) {
          const id = serviceIds.get(name);
          if (id === undefined) push("Services", "NOT_FOUND", `No service named "${name}".`);
          else row.services.push(id);
        }
      }
      const password = cells.UserPassword ?? null;
      const hash = cells.UserPasswordHash ?? null;
      if (password && hash)
        push("UserPassword", "BAD_USER_INPUT", "Give either UserPassword or UserPasswordHash, not both.");
      else if (password && (password.length < 8 || password.length > 1024))
        push("UserPassword", "BAD_USER_INPUT", "The password needs 8 to 1024 characters.");
      else if (hash && storedHashFormat(hash) === "other")
        push(
          "UserPasswordHash",
          "BAD_USER_INPUT",
          "UserPasswordHash must be an argon2id, OTOBO bcrypt (BCRYPT:…), SHA-256 or SHA-512 hash.",
        );
      row.password = password;
      row.hash = hash;
      if (errors.length === before) rows.push(row);
    }
    return { rows, errors: errors.sort((a, b) => a.line - b.line) };
  }

  /** Lower-cased email → login of the backend's users holding one of these addresses (one query). */
  private async emailOwners(emails: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!this.source.config.emailUniqueCheck || !emails.length) return out;
    const emailColumn = this.source.config.map.find((r) => r.attribute === "UserEmail")?.storage;
    if (!emailColumn) return out;
    const rows = await queryRows<{ login: string; email: string }>(
      this.deps.db,
      sql`SELECT ${sql.identifier(this.source.config.customerKey)} AS login, ${sql.identifier(emailColumn)} AS email
          FROM ${this.source.tableSql()}
          WHERE lower(${sql.identifier(emailColumn)}) IN (SELECT jsonb_array_elements_text(${JSON.stringify(emails.map(lower))}::jsonb))`,
    );
    for (const r of rows) out.set(lower(r.email), r.login);
    return out;
  }

  /**
   * Hashes the given and generated passwords of a batch before its transaction, through the hashing
   * library's asynchronous API (Argon2id runs on libuv's thread pool, `UV_THREADPOOL_SIZE` threads).
   */
  async finish(rows: UserRow[]): Promise<void> {
    await Promise.all(
      rows.map(async (row) => {
        if (row.hash || row.password) {
          if (row.password) row.hash = await hashPassword(row.password, this.deps.passwordFormat);
          return;
        }
        if (row.existing) return;
        // A first character a spreadsheet would run as a formula is avoided (the credentials file is CSV).
        do row.generated = generatePassword();
        while (/^[-+=@]/.test(row.generated));
        row.hash = await hashPassword(row.generated, this.deps.passwordFormat);
      }),
    );
  }

  async write(tx: Db, rows: UserRow[], actor: Actor): Promise<WriteResult> {
    const source = this.source;
    const creates = rows.filter((r) => !r.existing);
    const updates = rows.filter((r) => r.existing);
    if (creates.length) {
      const attributes = source.config.map
        .filter((r) => !isPasswordAttribute(r.attribute))
        .map((r) => r.attribute);
      const full = creates.map((r) => {
        const values: CustomerUserValues = {};
        for (const a of attributes) values[a] = r.values[a] ?? null;
        values.ValidID = r.values.ValidID ?? "1";
        return values;
      });
      // One JSON parameter for the whole batch (json_populate_recordset takes the table's own column
      // types): far cheaper than thousands of bind parameters.
      const password = source.passwordColumn;
      const records = full.map((values, i) => {
        const record: Record<string, unknown> = Object.fromEntries(source.columnValues(values, false));
        if (password) record[password] = creates[i]!.hash;
        return record;
      });
      const columns = Object.keys(records[0]!).map((c) => sql`${sql.identifier(c)}`);
      const names = [...columns];
      const selected = [...columns];
      if (source.auditColumns) {
        names.push(sql`create_time`, sql`create_by`, sql`change_time`, sql`change_by`);
        selected.push(sql`now()`, sql`${actor.id}`, sql`now()`, sql`${actor.id}`);
      }
      await tx.execute(
        sql`INSERT INTO ${source.tableSql()} (${sql.join(names, sql`, `)})
            SELECT ${sql.join(selected, sql`, `)} FROM json_populate_recordset(NULL::${source.tableSql()}, ${JSON.stringify(records)}::json)`,
      );
    }
    for (const row of updates) {
      await source.writer!.update(tx, row.existing!.login, row.values, actor.id);
      if (row.hash) await source.writer!.setPasswordHash(tx, row.existing!.login, row.hash);
    }
    await this.writeRelations(tx, rows, actor);
    await this.deps.audit.recordMany(
      tx,
      actor,
      rows.map((r) => ({
        entityType: "customer_user" as const,
        entityId: r.existing?.login ?? r.login,
        action: r.existing ? "update" : "create",
        before: r.existing ? r.existing.attributes : null,
        after: r.values,
      })),
    );
    return {
      created: creates.length,
      updated: updates.length,
      credentials: creates.flatMap((r) => (r.generated ? [[r.login, r.generated] as [string, string]] : [])),
    };
  }

  /** Extra customers, groups (ro/rw) and services of the rows whose file has that column: replaced. */
  private async writeRelations(tx: Db, rows: UserRow[], actor: Actor): Promise<void> {
    const loginOf = (r: UserRow) => r.existing?.login ?? r.login;
    const withCustomers = rows.filter((r) => r.customers);
    const replaced = (list: UserRow[]) => list.filter((r) => r.existing).map(loginOf);
    if (withCustomers.length) {
      const old = replaced(withCustomers);
      if (old.length) await tx.delete(customerUserCustomer).where(inArray(customerUserCustomer.userId, old));
      await insertInChunks(
        tx,
        customerUserCustomer,
        withCustomers.flatMap((r) =>
          r.customers!.map((customerId) => ({ userId: loginOf(r), customerId, ...createdBy(actor.id) })),
        ),
      );
    }
    const withGroups = rows.filter((r) => r.groups);
    if (withGroups.length) {
      const old = replaced(withGroups);
      if (old.length)
        await tx
          .delete(groupCustomerUser)
          .where(
            and(
              inArray(groupCustomerUser.userId, old),
              inArray(groupCustomerUser.permissionKey, MANAGED_KEYS),
              ne(groupCustomerUser.permissionValue, 0),
            ),
          );
      const grants = new Map<string, { userId: string; groupId: number; permissionKey: string }>();
      for (const r of withGroups)
        for (const g of r.groups!) {
          // rw includes ro (storedKeys): one row per group, the stronger key.
          const id = `${loginOf(r)}\u001f${g.groupId}`;
          if (grants.get(id)?.permissionKey !== "rw")
            grants.set(id, { userId: loginOf(r), groupId: g.groupId, permissionKey: g.key });
        }
      await insertInChunks(
        tx,
        groupCustomerUser,
        [...grants.values()].map((g) => ({ ...g, permissionValue: 1, ...createdBy(actor.id) })),
      );
    }
    const withServices = rows.filter((r) => r.services);
    if (withServices.length) {
      const old = replaced(withServices);
      if (old.length)
        await tx.delete(serviceCustomerUser).where(inArray(serviceCustomerUser.customerUserLogin, old));
      const now = new Date();
      await insertInChunks(
        tx,
        serviceCustomerUser,
        withServices.flatMap((r) =>
          [...new Set(r.services!)].map((serviceId) => ({
            customerUserLogin: loginOf(r),
            serviceId,
            createTime: now,
            createBy: actor.id,
          })),
        ),
      );
    }
  }
}

// ---------------- customers ----------------

const CUSTOMER_FIELDS: Record<string, keyof CustomerInput> = {
  CustomerID: "customerId",
  CustomerCompanyName: "name",
  CustomerCompanyStreet: "street",
  CustomerCompanyZIP: "zip",
  CustomerCompanyCity: "city",
  CustomerCompanyCountry: "country",
  CustomerCompanyURL: "url",
  CustomerCompanyComment: "comment",
  ValidID: "valid",
};
const CUSTOMER_COLUMN_OF = Object.fromEntries(Object.entries(CUSTOMER_FIELDS).map(([c, f]) => [f, c]));

interface CustomerRow {
  line: number;
  current: CustomerRecord | null;
  values: Required<CustomerInput>;
}

/**
 * Customers: created or updated by customer id (case-insensitive, never renamed by a file) with the
 * rules of the API (customers service validate: required, lengths, web address), unique ids and names.
 */
export class CustomerImporter implements Importer<CustomerRow> {
  readonly tableName = "customer_company";
  private header: string[] = [];
  private readonly idsInFile = new Map<string, number>();
  private readonly namesInFile = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly customers: CustomersService,
    private readonly audit: AuditLog,
  ) {}

  checkHeader(header: string[]): ImportError[] {
    this.header = header;
    return checkHeaderColumns(header, CUSTOMER_COLUMNS, "CustomerID");
  }

  async check(records: CsvRecord[]): Promise<{ rows: CustomerRow[]; errors: ImportError[] }> {
    const errors: ImportError[] = [];
    const candidates: Array<{ line: number; cells: Record<string, string | null> }> = [];
    for (const record of records) {
      const cells = rowCells(this.header, record, errors);
      if (!cells) continue;
      const id = cells.CustomerID;
      if (id) {
        const earlier = this.idsInFile.get(lower(id));
        if (earlier !== undefined) {
          errors.push({
            line: record.line,
            column: "CustomerID",
            code: "CONFLICT",
            message: `The customer ID "${id}" is already in line ${earlier}; customer IDs are unique regardless of case.`,
          });
          continue;
        }
        this.idsInFile.set(lower(id), record.line);
      }
      candidates.push({ line: record.line, cells });
    }
    const ids = candidates.flatMap((c) => (c.cells.CustomerID ? [lower(c.cells.CustomerID)] : []));
    const names = candidates.flatMap((c) =>
      c.cells.CustomerCompanyName ? [c.cells.CustomerCompanyName] : [],
    );
    const found =
      ids.length || names.length
        ? await this.db
            .select()
            .from(customerCompany)
            .where(
              sql`lower(${customerCompany.customerId}) IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
                OR ${customerCompany.name} IN (SELECT jsonb_array_elements_text(${JSON.stringify(names)}::jsonb))`,
            )
        : [];
    const byId = new Map(found.map((r) => [lower(r.customerId), customerRecord(r)]));
    const byName = new Map(found.map((r) => [r.name, r.customerId]));
    const rows: CustomerRow[] = [];
    for (const { line, cells } of candidates) {
      const current = cells.CustomerID ? (byId.get(lower(cells.CustomerID)) ?? null) : null;
      const input: CustomerInput = {};
      for (const column of this.header) {
        const field = CUSTOMER_FIELDS[column];
        if (!field || field === "valid") continue;
        (input as Record<string, string | null>)[field] = cells[column] ?? null;
      }
      if (current) input.customerId = current.customerId;
      const before = errors.length;
      if ("ValidID" in cells && cells.ValidID !== null) {
        const valid = Number(cells.ValidID);
        if (![1, 2, 3].includes(valid))
          errors.push({
            line,
            column: "ValidID",
            code: "BAD_USER_INPUT",
            message: "ValidID must be 1, 2 or 3.",
          });
        else input.valid = valid as ValidId;
      }
      let values: Required<CustomerInput> | null = null;
      try {
        values = this.customers.validate(input, current);
      } catch (error) {
        const field = (error as { extensions?: { field?: string } }).extensions?.field;
        errors.push(errorOf(line, field ? (CUSTOMER_COLUMN_OF[field] ?? field) : null, error));
      }
      if (values) {
        const owner = byName.get(values.name!);
        const inFile = this.namesInFile.get(values.name!);
        if (owner && lower(owner) !== lower(values.customerId!))
          errors.push({
            line,
            column: "CustomerCompanyName",
            code: "CONFLICT",
            message: `A customer named "${values.name}" already exists.`,
          });
        else if (inFile !== undefined)
          errors.push({
            line,
            column: "CustomerCompanyName",
            code: "CONFLICT",
            message: `The name "${values.name}" is already in line ${inFile}.`,
          });
        else this.namesInFile.set(values.name!, line);
      }
      if (values && errors.length === before) rows.push({ line, current, values });
    }
    return { rows, errors: errors.sort((a, b) => a.line - b.line) };
  }

  async write(tx: Db, rows: CustomerRow[], actor: Actor): Promise<WriteResult> {
    const creates = rows.filter((r) => !r.current);
    await insertInChunks(
      tx,
      customerCompany,
      creates.map((r) => ({ ...storedColumns(r.values), ...createdBy(actor.id) })),
    );
    const updates = rows.filter((r) => r.current);
    for (const r of updates)
      await tx
        .update(customerCompany)
        .set({
          ...storedColumns(r.values),
          changeBy: actor.id,
          changeTime: nextChangeTime(customerCompany.changeTime),
        })
        .where(sql`${customerCompany.customerId} = ${r.current!.customerId}`);
    await this.audit.recordMany(
      tx,
      actor,
      rows.map((r) => ({
        entityType: "customer" as const,
        entityId: r.values.customerId!,
        action: r.current ? "update" : "create",
        before: r.current,
        after: r.values,
      })),
    );
    return { created: creates.length, updated: updates.length, credentials: [] };
  }
}
