import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Actor, AuditLog } from "../audit/audit";
import { type Db, queryRows } from "../db/client";
import type { DatabaseMode } from "../db/layout";
import { changedBy, createdBy } from "../db/otobo-columns";
import { ticket, ticketHistory, ticketHistoryType } from "../db/schema";
import { BadInputError, NotFoundError, PreconditionFailedError } from "../errors";
import type { DynamicFieldMapping, Settings } from "../settings/service";
import { rowIdOf } from "../shared/ids";
import type { AttributeLookup, CustomerUserAttributes } from "./attributes";
import type { DynamicFieldRecord, DynamicFieldsService } from "./dynamic-fields";
import { cleanInput, requireInput } from "./text";
import {
  addHistory,
  currentValues,
  historyTypeIds,
  type ValueChange,
  valueKey,
  writeValueChanges,
} from "./values";

export interface TicketRecord {
  id: number;
  number: string;
  title: string;
  stateId: number;
  customerUserLogin: string | null;
  customerId: string | null;
  createdAt: Date;
  changedAt: Date;
}

export interface TicketValue {
  name: string;
  label: string;
  value: string | null;
  /** Filled from the customer user by the mapping (not editable by hand). */
  mapped: boolean;
}

export interface TicketHistoryEntry {
  id: number;
  type: string;
  name: string;
  createdAt: Date;
  createdBy: number;
}

export interface DynamicFieldValueInput {
  name: string;
  value?: string | null;
}

export interface TicketInput {
  title: string;
  customerUserLogin?: string | null;
  dynamicFields?: DynamicFieldValueInput[] | null;
}

export interface TicketSearchParams {
  search?: string | null;
  limit?: number | null;
  /** Keyset paging: tickets with a smaller id than this. */
  before?: number | string | null;
}

export interface TicketsDeps {
  audit: AuditLog;
  dynamicFields: DynamicFieldsService;
  attributes: CustomerUserAttributes;
  settings: () => Promise<Settings>;
  mode?: () => DatabaseMode;
}

export const MAX_TICKET_LIMIT = 10_000;
const DEFAULT_TICKET_LIMIT = 100;
const VALUE_MAX = 3800;

const toRecord = (r: typeof ticket.$inferSelect): TicketRecord => ({
  id: r.id,
  number: r.tn,
  title: r.title ?? "",
  stateId: r.ticketStateId,
  customerUserLogin: r.customerUserId,
  customerId: r.customerId,
  createdAt: r.createTime,
  changedAt: r.changeTime,
});

/** The mapping's rows whose field is a valid ticket field, as OTOBO's event module filters them. */
export function activeMapping(
  settings: Settings,
  fields: Map<string, DynamicFieldRecord>,
): Array<DynamicFieldMapping & { field: DynamicFieldRecord }> {
  if (!settings.dynamicFieldFromCustomerUser) return [];
  return settings.dynamicFieldFromCustomerUserMapping.flatMap((m) => {
    const field = fields.get(m.dynamicField);
    return field ? [{ ...m, field }] : [];
  });
}

/**
 * The changes that bring a ticket's mapped fields in line with its customer user (OTOBO's
 * DynamicFieldFromCustomerUser: a missing user or attribute gives an empty value). Unchanged fields
 * are left out, so applying twice writes nothing the second time.
 */
export function mappingChanges(
  ticketId: number,
  mapping: ReturnType<typeof activeMapping>,
  lookup: AttributeLookup | null,
  current: Map<string, string>,
): ValueChange[] {
  return mapping.flatMap((m) => {
    const value = lookup?.found ? (lookup.attributes[m.attribute] ?? "") : "";
    const oldValue = current.get(valueKey(ticketId, m.field.id)) ?? "";
    return value === oldValue
      ? []
      : [{ ticketId, fieldId: m.field.id, fieldName: m.field.name, value, oldValue }];
  });
}

/** Minimal tickets (a subset of OTOBO's `ticket`) with their dynamic field values and history. */
export class TicketsService {
  private historyTypes: Promise<Map<string, number> | null> | null = null;

  constructor(
    private readonly db: Db,
    private readonly deps: TicketsDeps,
  ) {}

  types(): Promise<Map<string, number> | null> {
    this.historyTypes ??= historyTypeIds(this.db).catch((error) => {
      this.historyTypes = null;
      throw error;
    });
    return this.historyTypes;
  }

  async list(
    params: TicketSearchParams = {},
  ): Promise<{ nodes: TicketRecord[]; limit: number; limitReached: boolean }> {
    const limit = params.limit ?? DEFAULT_TICKET_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TICKET_LIMIT) {
      throw new BadInputError("limit", `The limit is a whole number from 1 to ${MAX_TICKET_LIMIT}.`);
    }
    const search = cleanInput("search", "The search", params.search, 200);
    const before = params.before === null || params.before === undefined ? null : Number(params.before);
    if (before !== null && !Number.isSafeInteger(before))
      throw new BadInputError("before", "Give a ticket id.");
    const conditions = [];
    if (search) {
      const like = `%${search
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)
        .replace(/\*/g, "%")}%`;
      conditions.push(
        sql`(lower(${ticket.title}) like ${like} or ${ticket.tn} like ${like} or lower(${ticket.customerUserId}) like ${like} or lower(${ticket.customerId}) like ${like})`,
      );
    }
    if (before !== null) conditions.push(lt(ticket.id, before));
    const rows = await this.db
      .select()
      .from(ticket)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(ticket.id))
      .limit(limit + 1);
    return { nodes: rows.slice(0, limit).map(toRecord), limit, limitReached: rows.length > limit };
  }

  async get(id: number | string): Promise<TicketRecord | null> {
    const ticketId = rowIdOf(id);
    if (ticketId === null) return null;
    const [row] = await this.db.select().from(ticket).where(eq(ticket.id, ticketId));
    return row ? toRecord(row) : null;
  }

  async require(id: number | string): Promise<TicketRecord> {
    const record = await this.get(id);
    if (!record) throw new NotFoundError(`No ticket with the id ${id}.`, { field: "ticketId" });
    return record;
  }

  /** Every valid ticket field with the ticket's value (null when empty), for many tickets at once. */
  async valuesMany(ticketIds: readonly number[]): Promise<Map<number, TicketValue[]>> {
    const [fields, settings] = await Promise.all([
      this.deps.dynamicFields.validTicketFields(),
      this.deps.settings(),
    ]);
    const mapped = new Set(activeMapping(settings, fields).map((m) => m.field.name));
    const list = [...fields.values()];
    const current = await currentValues(
      this.db,
      ticketIds,
      list.map((f) => f.id),
    );
    return new Map(
      ticketIds.map((id) => [
        id,
        list.map((f) => ({
          name: f.name,
          label: f.label,
          value: current.get(valueKey(id, f.id)) || null,
          mapped: mapped.has(f.name),
        })),
      ]),
    );
  }

  async history(ticketId: number): Promise<TicketHistoryEntry[]> {
    if (!(await this.types())) return [];
    const rows = await this.db
      .select({
        id: ticketHistory.id,
        type: ticketHistoryType.name,
        name: ticketHistory.name,
        createdAt: ticketHistory.createTime,
        createdBy: ticketHistory.createBy,
      })
      .from(ticketHistory)
      .innerJoin(ticketHistoryType, eq(ticketHistoryType.id, ticketHistory.historyTypeId))
      .where(eq(ticketHistory.ticketId, ticketId))
      .orderBy(ticketHistory.id);
    return rows;
  }

  /** What the mapping would put into a new ticket for this customer user: one entry per mapped field. */
  async preview(login: string): Promise<Array<{ name: string; value: string | null }>> {
    const cleaned = requireInput("login", "Login", login, 191);
    const settings = await this.deps.settings();
    const lookup = await this.deps.attributes.one(cleaned);
    return settings.dynamicFieldFromCustomerUserMapping.map((m) => ({
      name: m.dynamicField,
      value: (lookup.found ? lookup.attributes[m.attribute] : null) || null,
    }));
  }

  /** In attach mode tickets are OTOBO's; Clientele only maps and backfills them. */
  private assertCanCreate(): void {
    if ((this.deps.mode?.() ?? "standalone") !== "standalone") {
      throw new PreconditionFailedError(
        "Tickets are created in OTOBO when Clientele is attached to its database.",
      );
    }
  }

  async create(actor: Actor, input: TicketInput): Promise<TicketRecord> {
    this.assertCanCreate();
    const title = requireInput("title", "Title", input.title, 255);
    const login = cleanInput("customerUserLogin", "Customer user", input.customerUserLogin, 191) ?? null;
    const { fields, mapping } = await this.fieldsAndMapping();
    const handSet = this.parseHandSet(input.dynamicFields ?? [], fields, mapping, "dynamicFields");
    const lookup = login ? await this.deps.attributes.one(login) : null;
    const types = await this.types();
    return this.db.transaction(async (tx) => {
      const [next] = await queryRows<{ id: string | number }>(
        tx,
        sql`select nextval(pg_get_serial_sequence('ticket', 'id')) as id`,
      );
      const id = Number(next!.id);
      const now = new Date();
      const [row] = await tx
        .insert(ticket)
        .values({
          id,
          tn: ticketNumber(now, id),
          title,
          customerUserId: lookup?.found ? lookup.login : login,
          customerId: lookup?.found ? lookup.customerId : null,
          ...createdBy(actor.id, now),
        })
        .returning();
      const record = toRecord(row!);
      await addHistory(
        tx,
        types,
        [{ ticketId: id, type: "NewTicket", name: `%%${record.number}%%Raw%%3 normal%%new%%${id}` }],
        actor.id,
      );
      const changes: ValueChange[] = handSet
        .filter((h) => h.value !== "")
        .map((h) => ({
          ticketId: id,
          fieldId: h.field.id,
          fieldName: h.field.name,
          value: h.value,
          oldValue: "",
        }));
      changes.push(...mappingChanges(id, mapping, lookup, new Map()));
      await writeValueChanges(tx, changes, actor.id, types);
      await this.explainEmpty(tx, types, id, mapping, login, lookup, actor.id);
      await this.deps.audit.record(tx, actor, "ticket", record.number, "create", null, {
        title,
        customerUserLogin: record.customerUserLogin,
        customerId: record.customerId,
        dynamicFields: Object.fromEntries(changes.map((c) => [c.fieldName, c.value])),
      });
      return record;
    });
  }

  /** Changes the ticket's customer user and replaces every mapped value (OTOBO's TicketCustomerUpdate event). */
  async setCustomerUser(
    actor: Actor,
    ticketId: number | string,
    customerUserLogin: string,
  ): Promise<TicketRecord> {
    const current = await this.require(ticketId);
    const login = requireInput("customerUserLogin", "Customer user", customerUserLogin, 191);
    const { mapping } = await this.fieldsAndMapping();
    const lookup = await this.deps.attributes.one(login);
    const types = await this.types();
    return this.db.transaction(async (tx) => {
      const customerUserId = lookup.found ? lookup.login : login;
      const customerId = lookup.found ? lookup.customerId : null;
      const [row] = await tx
        .update(ticket)
        .set({ customerUserId, customerId, ...changedBy(actor.id) })
        .where(eq(ticket.id, current.id))
        .returning();
      await addHistory(
        tx,
        types,
        [
          {
            ticketId: current.id,
            type: "CustomerUpdate",
            name: `%%CustomerID=${customerId ?? ""};CustomerUser=${customerUserId};`,
          },
        ],
        actor.id,
      );
      const stored = await currentValues(
        tx,
        [current.id],
        mapping.map((m) => m.field.id),
      );
      await writeValueChanges(tx, mappingChanges(current.id, mapping, lookup, stored), actor.id, types);
      await this.explainEmpty(tx, types, current.id, mapping, login, lookup, actor.id);
      await this.deps.audit.record(
        tx,
        actor,
        "ticket",
        current.number,
        "update",
        { customerUserLogin: current.customerUserLogin, customerId: current.customerId },
        { customerUserLogin: customerUserId, customerId },
      );
      return toRecord(row!);
    });
  }

  /** Sets hand-edited fields; a field the mapping fills is refused. */
  async setDynamicFields(
    actor: Actor,
    ticketId: number | string,
    values: DynamicFieldValueInput[],
  ): Promise<TicketRecord> {
    const current = await this.require(ticketId);
    const { fields, mapping } = await this.fieldsAndMapping();
    const handSet = this.parseHandSet(values, fields, mapping, "values");
    const types = await this.types();
    return this.db.transaction(async (tx) => {
      await tx.select({ id: ticket.id }).from(ticket).where(eq(ticket.id, current.id)).for("update");
      const stored = await currentValues(
        tx,
        [current.id],
        handSet.map((h) => h.field.id),
      );
      const changes = handSet.flatMap((h) => {
        const oldValue = stored.get(valueKey(current.id, h.field.id)) ?? "";
        return oldValue === h.value
          ? []
          : [
              {
                ticketId: current.id,
                fieldId: h.field.id,
                fieldName: h.field.name,
                value: h.value,
                oldValue,
              },
            ];
      });
      await writeValueChanges(tx, changes, actor.id, types);
      if (changes.length) {
        await this.deps.audit.record(
          tx,
          actor,
          "ticket",
          current.number,
          "update",
          { dynamicFields: Object.fromEntries(changes.map((c) => [c.fieldName, c.oldValue])) },
          { dynamicFields: Object.fromEntries(changes.map((c) => [c.fieldName, c.value])) },
        );
      }
      const [row] = await tx.select().from(ticket).where(eq(ticket.id, current.id));
      return toRecord(row!);
    });
  }

  async fieldsAndMapping(db: Db = this.db) {
    const [fields, settings] = await Promise.all([
      this.deps.dynamicFields.validTicketFields(db),
      this.deps.settings(),
    ]);
    return { fields, settings, mapping: activeMapping(settings, fields) };
  }

  private parseHandSet(
    values: readonly DynamicFieldValueInput[],
    fields: Map<string, DynamicFieldRecord>,
    mapping: ReturnType<typeof activeMapping>,
    path: string,
  ): Array<{ field: DynamicFieldRecord; value: string }> {
    const mapped = new Set(mapping.map((m) => m.field.name));
    const seen = new Set<string>();
    return values.map((v, i) => {
      const field = fields.get(v.name);
      if (!field) {
        throw new BadInputError(
          `${path}.${i}.name`,
          `There is no valid ticket dynamic field named "${v.name}".`,
        );
      }
      if (mapped.has(v.name)) {
        throw new BadInputError(
          `${path}.${i}.name`,
          `"${v.name}" is filled from the customer user (Settings → dynamic-field mapping) and cannot be set by hand.`,
        );
      }
      if (seen.has(v.name)) throw new BadInputError(`${path}.${i}.name`, `"${v.name}" is given twice.`);
      seen.add(v.name);
      const value = cleanInput(`${path}.${i}.value`, field.label, v.value, VALUE_MAX) ?? "";
      return { field, value };
    });
  }

  /** Says in the ticket's history why the mapped fields stayed empty. */
  private async explainEmpty(
    tx: Db,
    types: Map<string, number> | null,
    ticketId: number,
    mapping: ReturnType<typeof activeMapping>,
    login: string | null,
    lookup: AttributeLookup | null,
    userId: number,
  ): Promise<void> {
    if (!mapping.length || lookup?.found) return;
    const reason = login ? (lookup as { reason: string }).reason : "the ticket has no customer user";
    await addHistory(
      tx,
      types,
      [{ ticketId, type: "Misc", name: `%%DynamicFieldFromCustomerUser%%fields left empty: ${reason}` }],
      userId,
    );
  }
}

/** OTOBO's date-based ticket number: date, the system id 10, then a counter (here the ticket id). */
function ticketNumber(at: Date, id: number): string {
  const date = at.toISOString().slice(0, 10).replace(/-/g, "");
  return `${date}10${String(id).padStart(6, "0")}`;
}
