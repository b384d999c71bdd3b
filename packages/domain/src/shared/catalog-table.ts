import { and, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { Actor, AuditLog } from "../audit/audit";
import type { Db } from "../db/client";
import { changedBy, createdBy } from "../db/otobo-columns";
import type { groupsTable, service } from "../db/schema";
import { ConflictError, NotFoundError } from "../errors";
import { type CatalogInput, likePattern, parseCatalogInput } from "./catalog-validation";
import { parseId, rowIdOf } from "./ids";
import type { ValidId } from "./valid";

/** A group or a service: the two catalogs share one shape (id, name, comment, valid). */
export interface CatalogRecord {
  id: number;
  name: string;
  comment: string | null;
  validId: ValidId;
  createdAt: Date;
  changedAt: Date;
}

export type CatalogRow = Omit<CatalogRecord, "validId"> & { validId: number };

export const toCatalogRecord = (row: CatalogRow): CatalogRecord => ({
  ...row,
  validId: row.validId as ValidId,
});

export interface CatalogTableSpec {
  table: typeof groupsTable | typeof service;
  /** The entity's name in messages and the audit log. */
  what: "group" | "service";
  /** The name column's length in OTOBO's schema. */
  nameMax: number;
}

/**
 * Create, update, get and search for a catalog table (groups_table, service).
 * No delete: an entry is retired by setting it invalid.
 */
export class CatalogTable {
  readonly columns;

  constructor(private readonly spec: CatalogTableSpec) {
    const t = spec.table;
    this.columns = {
      id: t.id,
      name: t.name,
      comment: t.comments,
      validId: t.validId,
      createdAt: t.createTime,
      changedAt: t.changeTime,
    };
  }

  /** Entries whose name or comment contains the search, in the order given (none: as stored). */
  async list(
    db: Db,
    options: { search?: string | null; validOnly?: boolean },
    orderBy: SQL[] = [],
  ): Promise<CatalogRecord[]> {
    const t = this.spec.table;
    const conditions = [];
    if (options.search?.trim()) {
      const pattern = likePattern(options.search);
      conditions.push(
        sql`(lower(${t.name}) like lower(${pattern}) or lower(coalesce(${t.comments}, '')) like lower(${pattern}))`,
      );
    }
    if (options.validOnly) conditions.push(eq(t.validId, 1));
    const rows = await db
      .select(this.columns)
      .from(t)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(...orderBy);
    return rows.map(toCatalogRecord);
  }

  async get(db: Db, id: number | string): Promise<CatalogRecord | null> {
    const n = rowIdOf(id);
    if (n === null) return null;
    return (await this.getMany(db, [n])).get(n) ?? null;
  }

  async getMany(db: Db, ids: readonly number[]): Promise<Map<number, CatalogRecord>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const t = this.spec.table;
    const rows = await db.select(this.columns).from(t).where(inArray(t.id, unique));
    return new Map(rows.map((r) => [r.id, toCatalogRecord(r)]));
  }

  /** The entry an API id names; NotFound on `field` when there is none. */
  async require(db: Db, id: number | string, field: string): Promise<CatalogRecord> {
    const { what } = this.spec;
    const found = await this.get(db, parseId(id, what, field));
    if (!found) throw new NotFoundError(`There is no ${what} with id "${id}".`, { field, id: String(id) });
    return found;
  }

  /** Parses every API id, then checks that each names an entry; NotFound on `field(i)` otherwise. */
  async existingIds(
    db: Db,
    ids: readonly (number | string)[],
    field: (index: number) => string,
  ): Promise<number[]> {
    const { what } = this.spec;
    const parsed = ids.map((id, i) => parseId(id, what, field(i)));
    const found = await this.getMany(db, parsed);
    parsed.forEach((id, i) => {
      if (!found.has(id))
        throw new NotFoundError(`There is no ${what} with id "${id}".`, { field: field(i), id: String(id) });
    });
    return parsed;
  }

  async create(db: Db, audit: AuditLog, actor: Actor, input: CatalogInput): Promise<CatalogRecord> {
    const { table, what, nameMax } = this.spec;
    const values = parseCatalogInput(nameMax, input, true);
    return uniqueName(what, () =>
      db.transaction(async (tx) => {
        await this.assertNameFree(tx, values.name!, null);
        const [row] = await tx
          .insert(table)
          .values({
            name: values.name!,
            comments: values.comment ?? null,
            validId: values.validId ?? 1,
            ...createdBy(actor.id),
          })
          .returning(this.columns);
        const created = toCatalogRecord(row!);
        await audit.record(tx, actor, what, String(created.id), "create", null, auditEntry(created));
        return created;
      }),
    );
  }

  /**
   * Changes the fields given. `onRename` runs in the same transaction, after the new name is
   * known to be free and before the row changes, for what has to follow the name.
   */
  async update(
    db: Db,
    audit: AuditLog,
    actor: Actor,
    id: number | string,
    input: CatalogInput,
    onRename?: (tx: Db, from: string, to: string) => Promise<void>,
  ): Promise<CatalogRecord> {
    const { table, what, nameMax } = this.spec;
    const tableId = parseId(id, what, "id");
    const values = parseCatalogInput(nameMax, input, false);
    return uniqueName(what, () =>
      db.transaction(async (tx) => {
        const [before] = await tx.select(this.columns).from(table).where(eq(table.id, tableId)).for("update");
        if (!before)
          throw new NotFoundError(`There is no ${what} with id "${id}".`, { field: "id", id: String(id) });
        if (values.name !== undefined && values.name !== before.name) {
          await this.assertNameFree(tx, values.name, tableId);
          await onRename?.(tx, before.name, values.name);
        }
        const [row] = await tx
          .update(table)
          .set({
            ...(values.name !== undefined ? { name: values.name } : {}),
            ...(values.comment !== undefined ? { comments: values.comment } : {}),
            ...(values.validId !== undefined ? { validId: values.validId } : {}),
            ...changedBy(actor.id),
          })
          .where(eq(table.id, tableId))
          .returning(this.columns);
        const updated = toCatalogRecord(row!);
        await audit.record(
          tx,
          actor,
          what,
          String(updated.id),
          "update",
          auditEntry(toCatalogRecord(before)),
          auditEntry(updated),
        );
        return updated;
      }),
    );
  }

  /** Case-insensitive, so `Users` cannot sit next to `users` (OTOBO's index is case-sensitive). */
  private async assertNameFree(tx: Db, name: string, exceptId: number | null): Promise<void> {
    const t = this.spec.table;
    const clash = await tx
      .select({ name: t.name })
      .from(t)
      .where(and(sql`lower(${t.name}) = lower(${name})`, exceptId === null ? undefined : ne(t.id, exceptId)))
      .limit(1);
    if (clash[0])
      throw new ConflictError(`A ${this.spec.what} named "${clash[0].name}" already exists.`, "name", {
        value: clash[0].name,
      });
  }
}

const auditEntry = (r: CatalogRecord) => ({ name: r.name, comment: r.comment, validId: r.validId });

/**
 * Runs a create/update whose name is checked first; a concurrent save that slips past the check
 * still hits the unique index, and is then the same CONFLICT rather than a server error.
 */
export async function uniqueName<T>(what: "group" | "service", work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    if ((e.code ?? e.cause?.code) === "23505") {
      throw new ConflictError(`A ${what} with this name already exists.`, "name");
    }
    throw error;
  }
}
