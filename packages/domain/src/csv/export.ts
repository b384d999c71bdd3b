import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { CustomerUserFacade } from "../customer-users/facade";
import type { CustomerUserRecord, ValidId } from "../customer-users/sources/source";
import type { Db } from "../db/client";
import {
  customerCompany,
  groupCustomerUser,
  type groupsTable,
  service,
  serviceCustomerUser,
} from "../db/schema";
import { searchCondition } from "../db/search-sql";
import { parseSearch } from "../search/search-syntax";
import { grantsRoOrRw } from "../shared/permission";
import { attributeColumns, CUSTOMER_COLUMNS, joinList, RELATION_COLUMNS, safeCell } from "./cells";

export interface ExportParams {
  search?: string | null;
  validId?: ValidId | null;
  /** Records read per query (default 1000). */
  pageSize?: number;
}

export interface ExportDeps {
  db: Db;
  customerUsers: CustomerUserFacade;
  groupsTable: typeof groupsTable;
}

/**
 * Every customer user matching the search across all backends, in login order, a page at a time
 * through the facade's cursor paging (earlier backends win a login several hold). A backend that
 * cannot be reached fails the walk: an export must not silently miss users.
 */
async function* mergedRecords(
  customerUsers: CustomerUserFacade,
  params: ExportParams,
): AsyncGenerator<CustomerUserRecord> {
  let after: string | null = null;
  for (;;) {
    const page = await customerUsers.search({
      search: params.search,
      validId: params.validId ?? null,
      first: params.pageSize ?? 1000,
      after,
    });
    const [unavailable] = page.unavailable;
    if (unavailable) throw unavailable;
    yield* page.nodes;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}

/** The header and the rows of the customer-user file (docs/api.md §CSV), streamed page by page. */
export async function* customerUserRows(
  deps: ExportDeps,
  params: ExportParams = {},
): AsyncGenerator<string[]> {
  const sources = deps.customerUsers.sources;
  const attributes = attributeColumns(sources);
  // Every backend answers before the header is written: one that is down fails the request, not
  // the middle of a download.
  const records = mergedRecords(deps.customerUsers, params);
  const first = await records.next();
  yield [...attributes, ...RELATION_COLUMNS];
  const pageSize = params.pageSize ?? 1000;
  let page: CustomerUserRecord[] = [];
  const flush = async function* (records: CustomerUserRecord[]) {
    const relations = await relationsOf(
      deps,
      records.map((r) => r.login),
    );
    for (const record of records) {
      const cells = attributes.map((a) =>
        a === "UserLogin" ? record.login : a === "ValidID" ? String(record.validId) : record.attributes[a],
      );
      const r = relations.get(record.login);
      yield [
        ...cells.map(safeCell),
        ...[joinList(r?.customers ?? []), joinList(r?.groups ?? []), joinList(r?.services ?? [])].map(
          safeCell,
        ),
      ];
    }
  };
  const rest = async function* () {
    if (first.done) return;
    yield first.value;
    yield* records;
  };
  for await (const record of rest()) {
    page.push(record);
    if (page.length >= pageSize) {
      yield* flush(page);
      page = [];
    }
  }
  if (page.length) yield* flush(page);
}

/** Extra customers, group grants (`name:ro` / `name:rw`) and services of one page of logins. */
async function relationsOf(deps: ExportDeps, logins: string[]) {
  const out = new Map<string, { customers: string[]; groups: string[]; services: string[] }>(
    logins.map((l) => [l, { customers: [], groups: [], services: [] }]),
  );
  if (!logins.length) return out;
  const extras = await deps.customerUsers.extraCustomerIds(logins);
  for (const [login, ids] of extras) out.get(login)!.customers.push(...ids);
  const groups = deps.groupsTable;
  const grants = await deps.db
    .select({ login: groupCustomerUser.userId, key: groupCustomerUser.permissionKey, name: groups.name })
    .from(groupCustomerUser)
    .innerJoin(groups, eq(groups.id, groupCustomerUser.groupId))
    .where(and(inArray(groupCustomerUser.userId, logins), grantsRoOrRw(groupCustomerUser)))
    .orderBy(groups.name, groupCustomerUser.permissionKey);
  const strongest = new Map<string, Map<string, string>>();
  for (const g of grants) {
    const perUser = strongest.get(g.login) ?? new Map<string, string>();
    if (perUser.get(g.name) !== "rw") perUser.set(g.name, g.key);
    strongest.set(g.login, perUser);
  }
  for (const [login, perUser] of strongest)
    out.get(login)?.groups.push(...[...perUser].map(([name, key]) => `${name}:${key}`));
  const services = await deps.db
    .select({ login: serviceCustomerUser.customerUserLogin, name: service.name })
    .from(serviceCustomerUser)
    .innerJoin(service, eq(service.id, serviceCustomerUser.serviceId))
    .where(inArray(serviceCustomerUser.customerUserLogin, logins))
    .orderBy(service.name);
  for (const s of services) out.get(s.login)?.services.push(s.name);
  return out;
}

/** The header and the rows of the customer file, by a keyset on the customer id. */
export async function* customerRows(deps: ExportDeps, params: ExportParams = {}): AsyncGenerator<string[]> {
  yield [...CUSTOMER_COLUMNS];
  const pageSize = params.pageSize ?? 1000;
  const query = parseSearch(params.search);
  const order = sql`(lower(${customerCompany.customerId}) COLLATE "C"), ${customerCompany.customerId} COLLATE "C"`;
  let after: string | null = null;
  for (;;) {
    const conditions: SQL[] = [];
    if (query)
      conditions.push(
        searchCondition(query, {
          columns: [sql`${customerCompany.customerId}`, sql`${customerCompany.name}`],
          prefix: "*",
          suffix: "*",
          caseSensitive: false,
        }),
      );
    if (params.validId) conditions.push(eq(customerCompany.validId, params.validId));
    if (after !== null)
      conditions.push(
        sql`((lower(${customerCompany.customerId}) COLLATE "C"), ${customerCompany.customerId} COLLATE "C") > ((lower(${after}) COLLATE "C"), ${after} COLLATE "C")`,
      );
    const rows = await deps.db
      .select()
      .from(customerCompany)
      .where(conditions.length ? sql.join(conditions, sql` AND `) : undefined)
      .orderBy(order)
      .limit(pageSize);
    for (const r of rows)
      yield [
        r.customerId,
        r.name,
        r.street,
        r.zip,
        r.city,
        r.country,
        r.url,
        r.comments,
        String(r.validId),
      ].map(safeCell);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.customerId;
  }
}

export interface CsvOptions {
  /** `,` (default) or `;` (spreadsheets in many European locales). */
  delimiter?: "," | ";";
  /** A UTF-8 byte-order mark first, for Excel. */
  bom?: boolean;
}

/** Rows as an RFC 4180 byte stream (csv-stringify): UTF-8, CRLF, quotes where a cell needs them. */
export function csvStream(rows: AsyncIterable<string[]>, options: CsvOptions = {}): NodeJS.ReadableStream {
  const stringifier = stringify({
    delimiter: options.delimiter ?? ",",
    bom: options.bom ?? false,
    record_delimiter: "\r\n",
    // A line break of either kind inside a cell is quoted (RFC 4180), not only the record delimiter.
    quoted_match: /[\r\n]/,
  });
  Readable.from(rows)
    .on("error", (e) => stringifier.destroy(e))
    .pipe(stringifier);
  return stringifier;
}

/** The CSV exports, streamed page by page (docs/api.md §CSV export). */
export class CsvExporter {
  constructor(private readonly deps: ExportDeps) {}
  customerUsers(params: ExportParams = {}): AsyncGenerator<string[]> {
    return customerUserRows(this.deps, params);
  }
  customers(params: ExportParams = {}): AsyncGenerator<string[]> {
    return customerRows(this.deps, params);
  }
}
