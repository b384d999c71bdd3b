import { and, eq, inArray, sql } from "drizzle-orm";
import { insertInChunks } from "../db/batch";
import type { Db } from "../db/client";
import { queryRows } from "../db/client";
import { dynamicFieldValue } from "../db/schema";

/** One field of one ticket getting a new value; `oldValue` is what is stored now ("" for none). */
export interface ValueChange {
  ticketId: number;
  fieldId: number;
  fieldName: string;
  value: string;
  oldValue: string;
}

/** The first stored text of each (ticket, field), as OTOBO's text driver reads it; "" when none. */
export async function currentValues(
  db: Db,
  ticketIds: readonly number[],
  fieldIds: readonly number[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!ticketIds.length || !fieldIds.length) return out;
  const rows = await db
    .select({
      objectId: dynamicFieldValue.objectId,
      fieldId: dynamicFieldValue.fieldId,
      valueText: dynamicFieldValue.valueText,
    })
    .from(dynamicFieldValue)
    .where(
      and(
        inArray(dynamicFieldValue.objectId, [...ticketIds]),
        inArray(dynamicFieldValue.fieldId, [...fieldIds]),
      ),
    )
    .orderBy(dynamicFieldValue.id);
  for (const r of rows) {
    const key = valueKey(r.objectId, r.fieldId);
    if (!out.has(key)) out.set(key, r.valueText ?? "");
  }
  return out;
}

export const valueKey = (ticketId: number, fieldId: number) => `${ticketId}:${fieldId}`;

/** Ids of OTOBO's history types by name, or null when there is no `ticket_history` table. */
export async function historyTypeIds(db: Db): Promise<Map<string, number> | null> {
  const [present] = await queryRows<{ t: string | null }>(
    db,
    sql`select to_regclass('ticket_history')::text as t`,
  );
  if (!present?.t) return null;
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from ticket_history_type`,
  );
  return new Map(rows.map((r) => [r.name, Number(r.id)]));
}

export interface HistoryRow {
  ticketId: number;
  type: string;
  name: string;
}

/**
 * Appends `ticket_history` rows (skipped when the table or the type is missing). Queue, type, owner,
 * priority and state are copied from the ticket, as OTOBO's HistoryAdd does: OTOBO's columns are NOT
 * NULL without defaults.
 */
export async function addHistory(
  tx: Db,
  types: Map<string, number> | null,
  rows: readonly HistoryRow[],
  userId: number,
): Promise<void> {
  if (!types || !rows.length) return;
  const at = new Date().toISOString();
  const values = rows.flatMap((r) => {
    const typeId = types.get(r.type);
    if (typeId === undefined) return [];
    return [sql`(${truncate(r.name, 200)}::varchar, ${typeId}::smallint, ${r.ticketId}::bigint)`];
  });
  // Three parameters a row, well below PostgreSQL's limit of 65,535 a statement.
  for (let i = 0; i < values.length; i += HISTORY_CHUNK) {
    await tx.execute(sql`insert into ticket_history (name, history_type_id, ticket_id, article_id, type_id,
        queue_id, owner_id, priority_id, state_id, create_time, create_by, change_time, change_by)
      select v.name, v.type_id, t.id, null, coalesce(t.type_id, 1), t.queue_id, t.user_id,
        t.ticket_priority_id, t.ticket_state_id, ${at}::timestamp, ${userId}, ${at}::timestamp, ${userId}
      from (values ${sql.join(values.slice(i, i + HISTORY_CHUNK), sql`, `)}) as v(name, type_id, ticket_id)
      join ticket t on t.id = v.ticket_id`);
  }
}

const HISTORY_CHUNK = 5_000;

/**
 * Writes the changes the way OTOBO's backend does (DynamicFieldValue::ValueSet): the field's rows of
 * that ticket are deleted and the new text inserted, an empty value leaves no row; then, per change,
 * the ticket's change time and a `TicketDynamicFieldUpdate` history entry (ObjectType/Ticket.pm).
 */
export async function writeValueChanges(
  tx: Db,
  changes: readonly ValueChange[],
  userId: number,
  types: Map<string, number> | null,
): Promise<void> {
  if (!changes.length) return;
  // Grouped by field so each delete walks the (object_id, field_id) index.
  const byField = new Map<number, number[]>();
  for (const c of changes) {
    const list = byField.get(c.fieldId);
    if (list) list.push(c.ticketId);
    else byField.set(c.fieldId, [c.ticketId]);
  }
  for (const [fieldId, ticketIds] of byField) {
    for (let i = 0; i < ticketIds.length; i += 10_000) {
      await tx
        .delete(dynamicFieldValue)
        .where(
          and(
            inArray(dynamicFieldValue.objectId, ticketIds.slice(i, i + 10_000)),
            eq(dynamicFieldValue.fieldId, fieldId),
          ),
        );
    }
  }
  await insertInChunks(
    tx,
    dynamicFieldValue,
    changes
      .filter((c) => c.value !== "")
      .map((c) => ({ fieldId: c.fieldId, objectId: c.ticketId, valueText: c.value })),
  );
  const ticketIds = [...new Set(changes.map((c) => c.ticketId))];
  for (let i = 0; i < ticketIds.length; i += 10_000) {
    await tx.execute(
      sql`update ticket set change_time = now(), change_by = ${userId} where id in (${sql.join(
        ticketIds.slice(i, i + 10_000).map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  }
  await addHistory(
    tx,
    types,
    changes.map((c) => ({
      ticketId: c.ticketId,
      type: "TicketDynamicFieldUpdate",
      name: dynamicFieldHistoryName(c.fieldName, c.value, c.oldValue),
    })),
    userId,
  );
}

const truncate = (s: string, n: number) => ([...s].length > n ? [...s].slice(0, n).join("") : s);
const len = (s: string) => [...s].length;
const cut = (s: string, n: number) => `${[...s].slice(0, Math.max(0, n)).join("")}[...]`;

/**
 * OTOBO's history name for a dynamic-field update, `%%FieldName%%X%%Value%%new%%OldValue%%old`,
 * shortened exactly as Kernel/System/DynamicField/ObjectType/Ticket.pm does so it fits 200 characters.
 */
export function dynamicFieldHistoryName(fieldName: string, value: string, oldValue: string): string {
  const room = 166;
  let name = fieldName;
  let v = value;
  let old = oldValue;
  if (len(name) + len(v) + len(old) > room) {
    if (len(old) > 55) old = cut(old, 50);
    let nameLength = Math.floor((room - len(old)) / 2);
    let valueLength = nameLength;
    if (len(name) > nameLength) {
      if (len(v) > valueLength) {
        nameLength -= 5;
        name = cut(name, nameLength);
        valueLength -= 5;
        v = cut(v, valueLength);
      } else {
        nameLength = room - len(old) - len(v) - 5;
        name = cut(name, nameLength);
      }
    } else {
      valueLength = room - len(old) - len(name) - 5;
      if (len(v) > valueLength) v = cut(v, valueLength);
    }
  }
  return `%%FieldName%%${name}%%Value%%${v}%%OldValue%%${old}`;
}
