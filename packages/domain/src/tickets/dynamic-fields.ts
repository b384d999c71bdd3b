import { and, asc, eq, inArray, max, sql } from "drizzle-orm";
import type { Actor, AuditLog } from "../audit/audit";
import type { ValidId } from "../customer-users/sources/source";
import type { Db } from "../db/client";
import { changedBy, createdBy } from "../db/otobo-columns";
import { dynamicField } from "../db/schema";
import { BadInputError, ConflictError, NotFoundError } from "../errors";
import type { Settings } from "../settings/service";
import { parseId } from "../shared/ids";
import { requireInput } from "./text";

export const FIELD_TYPES = ["Text", "TextArea"] as const;
export const OBJECT_TYPES = ["Ticket", "Article"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type ObjectType = (typeof OBJECT_TYPES)[number];

export interface DynamicFieldRecord {
  id: number;
  name: string;
  label: string;
  fieldOrder: number;
  fieldType: string;
  objectType: string;
  config: string | null;
  validId: ValidId;
  createdAt: Date;
  changedAt: Date;
}

/** A create or update; a key left out of an update keeps its value. */
export interface DynamicFieldInput {
  name?: string | null;
  label?: string | null;
  fieldOrder?: number | null;
  fieldType?: string | null;
  objectType?: string | null;
  validId?: ValidId | null;
}

/** Which field to update: its id or its name. */
export interface DynamicFieldKey {
  id?: number | string | null;
  name?: string | null;
}

// OTOBO's admin screen: "The field must contain only ASCII letters and numbers."
const NAME = /^[A-Za-z0-9]+$/;

/** What OTOBO's text drivers store in `dynamic_field.config` (YAML). */
const TEXT_CONFIG = "---\nDefaultValue: ''\nLink: ''\n";

const toRecord = (r: typeof dynamicField.$inferSelect): DynamicFieldRecord => ({
  id: r.id,
  name: r.name,
  label: r.label,
  fieldOrder: r.fieldOrder,
  fieldType: r.fieldType,
  objectType: r.objectType,
  config: r.config,
  validId: r.validId as ValidId,
  createdAt: r.createTime,
  changedAt: r.changeTime,
});

export interface DynamicFieldsDeps {
  audit: AuditLog;
  /** Field names the dynamic-field mapping uses; a mapped field cannot be renamed. */
  mappedFieldNames: () => Promise<Set<string>>;
}

/** OTOBO's dynamic field definitions (`dynamic_field`): list, create, update, valid/invalid; no delete. */
export class DynamicFieldsService {
  constructor(
    private readonly db: Db,
    private readonly deps: DynamicFieldsDeps,
  ) {}

  async list(): Promise<DynamicFieldRecord[]> {
    const rows = await this.db
      .select()
      .from(dynamicField)
      .orderBy(asc(dynamicField.fieldOrder), asc(dynamicField.id));
    return rows.map(toRecord);
  }

  async getMany(ids: readonly number[]): Promise<Map<number, DynamicFieldRecord>> {
    if (!ids.length) return new Map();
    const rows = await this.db
      .select()
      .from(dynamicField)
      .where(inArray(dynamicField.id, [...ids]));
    return new Map(rows.map((r) => [r.id, toRecord(r)]));
  }

  /** Valid ticket fields by name (as OTOBO's DynamicFieldList(Valid => 1, ObjectType => 'Ticket')). */
  async validTicketFields(db: Db = this.db): Promise<Map<string, DynamicFieldRecord>> {
    const rows = await db
      .select()
      .from(dynamicField)
      .where(and(eq(dynamicField.objectType, "Ticket"), eq(dynamicField.validId, 1)))
      .orderBy(asc(dynamicField.fieldOrder), asc(dynamicField.id));
    return new Map(rows.map((r) => [r.name, toRecord(r)]));
  }

  /** For the settings check: which of the names are existing ticket fields. */
  async existingTicketFieldNames(names: readonly string[]): Promise<Set<string>> {
    if (!names.length) return new Set();
    const rows = await this.db
      .select({ name: dynamicField.name })
      .from(dynamicField)
      .where(and(inArray(dynamicField.name, [...names]), eq(dynamicField.objectType, "Ticket")));
    return new Set(rows.map((r) => r.name));
  }

  async find(key: DynamicFieldKey): Promise<DynamicFieldRecord> {
    const id = key.id === null || key.id === undefined ? null : parseId(key.id, "dynamic field", "id");
    if (id === null && !key.name) throw new BadInputError("id", "Give the field's id or its name.");
    const [row] = await this.db
      .select()
      .from(dynamicField)
      .where(id !== null ? eq(dynamicField.id, id) : eq(dynamicField.name, key.name!));
    if (!row) {
      throw new NotFoundError(
        id !== null ? `No dynamic field with the id ${id}.` : `No dynamic field named "${key.name}".`,
      );
    }
    return toRecord(row);
  }

  async create(actor: Actor, input: DynamicFieldInput): Promise<DynamicFieldRecord> {
    const values = this.parse(input, null);
    return this.db.transaction(async (tx) => {
      await this.assertNameFree(tx, values.name!, null);
      const order =
        values.fieldOrder ??
        ((await tx.select({ n: max(dynamicField.fieldOrder) }).from(dynamicField))[0]?.n ?? 0) + 1;
      const now = new Date();
      const [row] = await tx
        .insert(dynamicField)
        .values({
          name: values.name!,
          label: values.label!,
          fieldOrder: order,
          fieldType: values.fieldType ?? "Text",
          objectType: values.objectType ?? "Ticket",
          config: TEXT_CONFIG,
          validId: values.validId ?? 1,
          ...createdBy(actor.id, now),
        })
        .returning();
      const record = toRecord(row!);
      await this.deps.audit.record(
        tx,
        actor,
        "dynamic_field",
        record.name,
        "create",
        null,
        auditView(record),
      );
      return record;
    });
  }

  async update(actor: Actor, key: DynamicFieldKey, input: DynamicFieldInput): Promise<DynamicFieldRecord> {
    const current = await this.find(key);
    const values = this.parse(input, current);
    if (values.name !== undefined && values.name !== current.name) {
      if ((await this.deps.mappedFieldNames()).has(current.name)) {
        throw new BadInputError(
          "name",
          `"${current.name}" is used by the dynamic-field mapping in Settings; remove it there before renaming.`,
        );
      }
    }
    if (values.objectType !== undefined && values.objectType !== current.objectType) {
      if ((await this.deps.mappedFieldNames()).has(current.name)) {
        throw new BadInputError(
          "objectType",
          `"${current.name}" is mapped in Settings and must stay a ticket field.`,
        );
      }
    }
    return this.db.transaction(async (tx) => {
      if (values.name !== undefined) await this.assertNameFree(tx, values.name!, current.id);
      const [row] = await tx
        .update(dynamicField)
        .set({
          ...(values.name !== undefined && { name: values.name! }),
          ...(values.label !== undefined && { label: values.label! }),
          ...(values.fieldOrder !== undefined && { fieldOrder: values.fieldOrder! }),
          ...(values.fieldType !== undefined && { fieldType: values.fieldType! }),
          ...(values.objectType !== undefined && { objectType: values.objectType! }),
          ...(values.validId !== undefined && { validId: values.validId! }),
          ...changedBy(actor.id),
        })
        .where(eq(dynamicField.id, current.id))
        .returning();
      const record = toRecord(row!);
      await this.deps.audit.record(
        tx,
        actor,
        "dynamic_field",
        record.name,
        "update",
        auditView(current),
        auditView(record),
      );
      return record;
    });
  }

  private parse(input: DynamicFieldInput, current: DynamicFieldRecord | null) {
    const creating = current === null;
    const name =
      creating || input.name !== undefined ? requireInput("name", "Name", input.name, 200) : undefined;
    if (name !== undefined && !NAME.test(name)) {
      throw new BadInputError(
        "name",
        "A field name may contain only ASCII letters and digits (OTOBO's rule).",
      );
    }
    const label =
      creating || input.label !== undefined ? requireInput("label", "Label", input.label, 200) : undefined;
    const fieldType = input.fieldType === undefined || input.fieldType === null ? undefined : input.fieldType;
    if (fieldType !== undefined && !(FIELD_TYPES as readonly string[]).includes(fieldType)) {
      throw new BadInputError("fieldType", `Use one of the field types ${FIELD_TYPES.join(", ")}.`);
    }
    const objectType =
      input.objectType === undefined || input.objectType === null ? undefined : input.objectType;
    if (objectType !== undefined && !(OBJECT_TYPES as readonly string[]).includes(objectType)) {
      throw new BadInputError("objectType", `Use one of the object types ${OBJECT_TYPES.join(", ")}.`);
    }
    const fieldOrder =
      input.fieldOrder === undefined || input.fieldOrder === null ? undefined : input.fieldOrder;
    if (
      fieldOrder !== undefined &&
      (!Number.isInteger(fieldOrder) || fieldOrder < 1 || fieldOrder > 1_000_000)
    ) {
      throw new BadInputError("fieldOrder", "The order is a whole number from 1 to 1,000,000.");
    }
    const validId = input.validId === undefined || input.validId === null ? undefined : input.validId;
    if (validId !== undefined && ![1, 2, 3].includes(validId)) {
      throw new BadInputError("valid", "Use valid, invalid or invalid-temporarily.");
    }
    return { name, label, fieldType, objectType, fieldOrder, validId };
  }

  private async assertNameFree(tx: Db, name: string, exceptId: number | null): Promise<void> {
    const rows = await tx
      .select({ id: dynamicField.id })
      .from(dynamicField)
      .where(sql`lower(${dynamicField.name}) = lower(${name})`);
    if (rows.some((r) => r.id !== exceptId)) {
      throw new ConflictError(`A dynamic field named "${name}" already exists.`, "name");
    }
  }
}

function auditView(r: DynamicFieldRecord) {
  return {
    name: r.name,
    label: r.label,
    fieldOrder: r.fieldOrder,
    fieldType: r.fieldType,
    objectType: r.objectType,
    validId: r.validId,
  };
}

/** A ticket field the dynamic-field mapping fills from the customer user (while it is switched on). */
export const isMappedField = (field: DynamicFieldRecord, settings: Settings): boolean =>
  settings.dynamicFieldFromCustomerUser &&
  field.objectType === "Ticket" &&
  settings.dynamicFieldFromCustomerUserMapping.some((m) => m.dynamicField === field.name);
