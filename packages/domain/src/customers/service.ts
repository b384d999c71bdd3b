import { asc, eq, type SQL, sql } from "drizzle-orm";
import type { Actor, AuditLog } from "../audit/audit";
import { type Db, queryRows } from "../db/client";
import { changedBy, createdBy, nextChangeTime } from "../db/otobo-columns";
import { customerCompany, customerUserCustomer, groupCustomer } from "../db/schema";
import { searchCondition } from "../db/search-sql";
import { repointTickets } from "../db/tickets";
import { utcTimestamp } from "../db/timestamps";
import { BadInputError, ConflictError, NotFoundError } from "../errors";
import { CUSTOMER_FIELDS, type CustomerField, isWebAddress } from "../rules/customer";
import { parseSearch } from "../search/search-syntax";
import { decodeCursor, encodeCursor, pageSize, positionOf } from "../shared/cursor";
import { inJsonList } from "../shared/sql";
import type { ValidId } from "../shared/valid";
import { checkRule, cleanText } from "../validation";

export interface CustomerRecord {
  customerId: string;
  name: string;
  street: string | null;
  zip: string | null;
  city: string | null;
  country: string | null;
  url: string | null;
  comment: string | null;
  validId: ValidId;
  createdAt: Date | null;
  changedAt: Date | null;
}

/** A create or update; a key left out of an update keeps its value. */
export interface CustomerInput {
  customerId?: string | null;
  name?: string | null;
  street?: string | null;
  zip?: string | null;
  city?: string | null;
  country?: string | null;
  url?: string | null;
  comment?: string | null;
  valid?: ValidId | null;
}

export interface CustomerSearchParams {
  search?: string | null;
  validId?: ValidId | null;
  limit?: number | null;
  /** Page size of a cursor walk; the same as `limit`, which it excludes (docs/api.md §Paging). */
  first?: number | null;
  /** The `endCursor` of the previous page: only customers after it in the customer id order. */
  after?: string | null;
}

export const DEFAULT_CUSTOMER_LIMIT = 1000;

export { isWebAddress };

const FIELD_NAMES = Object.keys(CUSTOMER_FIELDS) as CustomerField[];

type Row = typeof customerCompany.$inferSelect;
type RawCustomerRow = Omit<CustomerRecord, "validId" | "createdAt" | "changedAt"> & {
  validId: number | string;
  createdAt: Date | string | null;
  changedAt: Date | string | null;
};
/** OTOBO's customer_company columns under the names of CustomerRecord (getMany). */
const RECORD_COLUMNS = sql.raw(
  `"customer_id" as "customerId", "name", "street", "zip", "city", "country", "url", "comments" as "comment", "valid_id" as "validId", "create_time" as "createdAt", "change_time" as "changedAt"`,
);
const asValidId = (v: number): ValidId => (v === 2 || v === 3 ? v : 1);

export const toRecord = (row: Row): CustomerRecord => ({
  customerId: row.customerId,
  name: row.name,
  street: row.street,
  zip: row.zip,
  city: row.city,
  country: row.country,
  url: row.url,
  comment: row.comments,
  validId: asValidId(row.validId),
  createdAt: row.createTime,
  changedAt: row.changeTime,
});

/** Customers (companies): create, update with key rename cascade, search; never deleted. */
/**
 * What a rename needs from a customer-user backend that stores primary customer ids: moving its
 * users to the new id in the same transaction (the database source's writer does this).
 */
export interface CustomerIdFollower {
  renameCustomerId(tx: Db, from: string, to: string, actorId: number): Promise<void>;
}

export class CustomersService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    /** The customer-user backends whose primary customer ids follow a rename. */
    private readonly followers: () => readonly CustomerIdFollower[],
  ) {}

  async search(params: CustomerSearchParams = {}) {
    const { size: limit } = pageSize(params, DEFAULT_CUSTOMER_LIMIT);
    const after = decodeCursor("customer", params.after);
    const query = parseSearch(params.search);
    const conditions: SQL[] = [];
    if (after) {
      // Keyset paging on the list's order: no offset, stable while customers are added.
      conditions.push(
        sql`(lower(${customerCompany.customerId}), ${customerCompany.customerId}) > (lower(${after.key}::text), ${after.key}::text)`,
      );
    }
    if (query) {
      conditions.push(
        searchCondition(query, {
          columns: [sql`${customerCompany.customerId}`, sql`${customerCompany.name}`],
          prefix: "*",
          suffix: "*",
          caseSensitive: false,
        }),
      );
    }
    if (params.validId) conditions.push(eq(customerCompany.validId, params.validId));
    const rows = await this.db
      .select()
      .from(customerCompany)
      .where(conditions.length ? sql.join(conditions, sql` AND `) : undefined)
      .orderBy(sql`lower(${customerCompany.customerId})`, asc(customerCompany.customerId))
      .limit(limit + 1);
    const nodes = rows.slice(0, limit).map(toRecord);
    const last = nodes.at(-1);
    const pageInfo = {
      endCursor: last ? encodeCursor("customer", positionOf(last.customerId)) : null,
      hasNextPage: rows.length > limit,
    };
    return { nodes, limit, limitReached: rows.length > limit, pageInfo };
  }

  async get(customerId: string): Promise<CustomerRecord | null> {
    const [row] = await this.db
      .select()
      .from(customerCompany)
      .where(eq(customerCompany.customerId, customerId));
    return row ? toRecord(row) : null;
  }

  /** The customer, or NOT_FOUND naming `field`. */
  async require(customerId: string, field = "customerId"): Promise<CustomerRecord> {
    const found = await this.get(customerId);
    if (!found)
      throw new NotFoundError(`No customer with the ID "${customerId}".`, {
        field,
        params: { value: customerId },
      });
    return found;
  }

  /**
   * Many customers at once (a 1000-row list's customers): each row is read straight into its record,
   * without drizzle's generic mapping of every column of every row (about 1 MB of garbage per
   * 1000-row relation request).
   */
  async getMany(customerIds: readonly string[]): Promise<Map<string, CustomerRecord>> {
    if (customerIds.length === 0) return new Map();
    const rows = await queryRows<RawCustomerRow>(
      this.db,
      sql`select ${RECORD_COLUMNS} from ${customerCompany}
          where ${inJsonList(customerCompany.customerId, [...new Set(customerIds)])}`,
    );
    const found = new Map<string, CustomerRecord>();
    for (const row of rows) {
      found.set(row.customerId, {
        ...row,
        validId: asValidId(Number(row.validId)),
        createdAt: utcTimestamp(row.createdAt),
        changedAt: utcTimestamp(row.changedAt),
      });
    }
    return found;
  }

  async exists(): Promise<boolean> {
    const [row] = await this.db.select({ id: customerCompany.customerId }).from(customerCompany).limit(1);
    return row !== undefined;
  }

  /** The rules of a create (current null) or an update; also used by the CSV import (csv/import.ts). */
  validate(input: CustomerInput, current: CustomerRecord | null): Required<CustomerInput> {
    const merged = { ...(current ?? {}) } as Record<string, unknown>;
    if (current) merged.valid = current.validId;
    for (const field of FIELD_NAMES) {
      const value = cleanText(input[field]);
      if (value !== undefined) merged[field] = value;
    }
    if (input.valid !== undefined && input.valid !== null) merged.valid = input.valid;
    merged.valid ??= 1;
    for (const field of FIELD_NAMES) checkRule(field, CUSTOMER_FIELDS[field], merged[field] as string | null);
    // A new or changed URL must be a web address; one imported from OTOBO as it was stays untouched.
    const url = merged.url as string | null | undefined;
    if (url && url !== current?.url && !isWebAddress(url)) {
      throw new BadInputError("url", "The URL must be a web address starting with http:// or https://.", {
        reason: "url",
      });
    }
    return merged as Required<CustomerInput>;
  }

  private async assertUnique(tx: Db, values: Required<CustomerInput>, except: string | null): Promise<void> {
    const clash = await tx
      .select({ customerId: customerCompany.customerId, name: customerCompany.name })
      .from(customerCompany)
      .where(
        sql`(lower(${customerCompany.customerId}) = lower(${values.customerId}) OR ${customerCompany.name} = ${values.name})
            AND ${except === null ? sql`true` : sql`${customerCompany.customerId} <> ${except}`}`,
      );
    for (const row of clash) {
      if (row.customerId.toLowerCase() === values.customerId!.toLowerCase()) {
        throw new ConflictError(`A customer with the ID "${row.customerId}" already exists.`, "customerId", {
          value: row.customerId,
        });
      }
      throw new ConflictError(`A customer named "${row.name}" already exists.`, "name", { value: row.name });
    }
  }

  async create(input: CustomerInput, actor: Actor): Promise<CustomerRecord> {
    const values = this.validate(input, null);
    return this.db.transaction(async (tx) => {
      await this.assertUnique(tx, values, null);
      const [row] = await tx
        .insert(customerCompany)
        .values({ ...storedColumns(values), ...createdBy(actor.id) })
        .returning();
      const record = toRecord(row!);
      await this.audit.record(tx, actor, "customer", record.customerId, "create", null, record);
      return record;
    });
  }

  /**
   * Updates a customer; a new `customerId` moves every reference along (primary ids of DB customer
   * users, extra-customer relations, group grants) in the same transaction.
   */
  async update(
    customerId: string,
    input: CustomerInput,
    actor: Actor,
    expectedChangedAt?: Date | null,
  ): Promise<CustomerRecord> {
    return this.db.transaction(async (tx) => {
      const [locked] = await tx
        .select()
        .from(customerCompany)
        .where(eq(customerCompany.customerId, customerId))
        .for("update");
      if (!locked)
        throw new NotFoundError(`No customer with the ID "${customerId}".`, {
          field: "customerId",
          params: { value: customerId },
        });
      const current = toRecord(locked);
      if (expectedChangedAt && current.changedAt?.getTime() !== expectedChangedAt.getTime()) {
        throw new ConflictError(
          `Customer "${customerId}" was changed by someone else since you opened it; reload and try again.`,
          undefined,
          { stale: "true", value: customerId },
        );
      }
      const values = this.validate(input, current);
      await this.assertUnique(tx, values, customerId);
      const newId = values.customerId!;
      const [row] = await tx
        .update(customerCompany)
        .set({
          ...storedColumns(values),
          changeBy: actor.id,
          changeTime: nextChangeTime(customerCompany.changeTime),
        })
        .where(eq(customerCompany.customerId, customerId))
        .returning();
      if (newId !== customerId) {
        for (const follower of this.followers())
          await follower.renameCustomerId(tx, customerId, newId, actor.id);
        await tx
          .update(customerUserCustomer)
          .set({ customerId: newId, ...changedBy(actor.id) })
          .where(eq(customerUserCustomer.customerId, customerId));
        await tx
          .update(groupCustomer)
          .set({ customerId: newId, ...changedBy(actor.id) })
          .where(eq(groupCustomer.customerId, customerId));
        await repointTickets(tx, { actorId: actor.id, customerId: [customerId, newId] });
      }
      const record = toRecord(row!);
      await this.audit.record(tx, actor, "customer", newId, "update", current, record);
      return record;
    });
  }
}

/** The customer_company columns of validated values (a create and an update write the same ones). */
export const storedColumns = (values: Required<CustomerInput>) => ({
  customerId: values.customerId!,
  name: values.name!,
  street: values.street,
  zip: values.zip,
  city: values.city,
  country: values.country,
  url: values.url,
  comments: values.comment,
  validId: values.valid!,
});
