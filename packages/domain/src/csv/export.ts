import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { and, eq, inArray } from "drizzle-orm";
import type { CustomerUserFacade } from "../customer-users/facade";
import type { CustomerUserRecord, ValidId } from "../customer-users/sources/source";
import type { CustomersService } from "../customers/service";
import type { Db } from "../db/client";
import { groupCustomerUser, type groupsTable, service, serviceCustomerUser } from "../db/schema";
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
  customers: CustomersService;
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

/**
 * The header and the rows of the customer file, a page at a time through the customers service's
 * cursor paging (the same search, validity filter and order as `customers(first, after)`).
 */
export async function* customerRows(deps: ExportDeps, params: ExportParams = {}): AsyncGenerator<string[]> {
  yield [...CUSTOMER_COLUMNS];
  let after: string | null = null;
  for (;;) {
    const page = await deps.customers.search({
      search: params.search,
      validId: params.validId,
      first: params.pageSize ?? 1000,
      after,
    });
    for (const c of page.nodes)
      yield [
        c.customerId,
        c.name,
        c.street,
        c.zip,
        c.city,
        c.country,
        c.url,
        c.comment,
        String(c.validId),
      ].map(safeCell);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
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
