import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import { BadInputError } from "../errors";
import type { AgentRole } from "./agent-role";

/** Who is acting: an agent signed in by session or API token. */
export interface Actor {
  id: number;
  login: string;
  /** What the agent (or token) may do; an actor without a role may only read. */
  role?: AgentRole;
}

export type AuditEntity =
  | "customer"
  | "customer_user"
  | "group"
  | "service"
  | "settings"
  | "agent"
  | "api_token"
  | "dynamic_field"
  | "ticket"
  | "backfill_job"
  | "import_job";

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** An entry as the API shows it: the values before and after as JSON text (null when absent). */
export interface AuditHistoryEntry extends Omit<AuditEntry, "before" | "after"> {
  before: string | null;
  after: string | null;
}

/** One page of an entity's history: `limit` 1–MAX_HISTORY_PAGE (default 100), `offset` 0 or more. */
export interface HistoryPage {
  limit?: number | null;
  offset?: number | null;
}

export const DEFAULT_HISTORY_PAGE = 100;
export const MAX_HISTORY_PAGE = 1000;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

// Six parameters a row: 1000 rows stay far below PostgreSQL's 65,535 bind parameters.
const AUDIT_CHUNK = 1000;

const SECRET_KEYS = /pass|pw|secret|token/i;

/** Drops password-like keys so secrets never reach the audit log. */
function scrub(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value ?? null;
  if (Array.isArray(value)) return value.map(scrub);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !SECRET_KEYS.test(k))
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : scrub(v)]),
  );
}

/** Every write records who, when and what changed, in the write's own transaction. */
export class AuditLog {
  constructor(private readonly db: Db) {}

  async record(
    tx: Db,
    actor: Actor,
    entityType: AuditEntity,
    entityId: string,
    action: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await tx.insert(auditLog).values({
      actor: actor.login,
      entityType,
      entityId,
      action,
      before: scrub(before),
      after: scrub(after),
    });
  }

  /** Many entries in one statement per thousand, so a 10,000-user save does not cost 10,000 round trips. */
  async recordMany(
    tx: Db,
    actor: Actor,
    entries: ReadonlyArray<{
      entityType: AuditEntity;
      entityId: string;
      action: string;
      before: unknown;
      after: unknown;
    }>,
  ): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({
      actor: actor.login,
      entity_type: e.entityType,
      entity_id: e.entityId,
      action: e.action,
      before: scrub(e.before) ?? null,
      after: scrub(e.after) ?? null,
    }));
    // One JSON parameter per chunk instead of six bind parameters per entry.
    for (let i = 0; i < rows.length; i += AUDIT_CHUNK)
      await tx.execute(
        sql`INSERT INTO ${auditLog} (actor, entity_type, entity_id, action, before, after)
            SELECT actor, entity_type, entity_id, action, before, after
            FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + AUDIT_CHUNK))}::jsonb)
              AS x(actor varchar, entity_type varchar, entity_id varchar, action varchar, before jsonb, after jsonb)`,
      );
  }

  async list(entityType: AuditEntity, entityId: string, limit = 100, offset = 0): Promise<AuditEntry[]> {
    return this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
      .orderBy(desc(auditLog.id))
      .limit(limit)
      .offset(offset);
  }

  /** One page of an entity's history, newest first; out-of-range paging is the caller's input error. */
  async history(
    entityType: AuditEntity,
    entityId: string,
    page: HistoryPage = {},
  ): Promise<AuditHistoryEntry[]> {
    const limit = page.limit ?? DEFAULT_HISTORY_PAGE;
    const offset = page.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_PAGE)
      throw new BadInputError("limit", `limit must be between 1 and ${MAX_HISTORY_PAGE}.`);
    if (!Number.isInteger(offset) || offset < 0)
      throw new BadInputError("offset", "offset must be 0 or more.");
    const entries = await this.list(entityType, entityId, limit, offset);
    return entries.map((e) => ({ ...e, before: json(e.before), after: json(e.after) }));
  }
}
