import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Actor, AuditLog } from "../audit/audit";
import type { Db } from "../db/client";
import { backfillJob, ticket, users } from "../db/schema";
import { BadInputError, NotFoundError, PreconditionFailedError } from "../errors";
import { rowIdOf } from "../shared/ids";
import type { CustomerUserAttributes } from "./attributes";
import { mappingChanges, type TicketsService } from "./service";
import { OPEN_STATE_IDS } from "./states";
import { requireInput } from "./text";
import { currentValues, writeValueChanges } from "./values";

export type BackfillScopeKind = "CUSTOMER_USER" | "CUSTOMER" | "ALL";
export type JobState = "QUEUED" | "RUNNING" | "DONE" | "FAILED" | "CANCELLED";

export interface BackfillScope {
  kind: BackfillScopeKind;
  /** The login (CUSTOMER_USER) or customer id (CUSTOMER). */
  value?: string | null;
  /** Only open tickets (see states.ts); default true. */
  openOnly?: boolean | null;
}

export interface BackfillJobRecord {
  id: number;
  scope: { kind: BackfillScopeKind; value: string | null; openOnly: boolean };
  state: JobState;
  total: number;
  processed: number;
  updated: number;
  skipped: number;
  lastTicketId: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface BackfillDeps {
  tickets: TicketsService;
  attributes: CustomerUserAttributes;
  audit: AuditLog;
  logger?: Logger;
  /** Tickets per batch (one transaction each). */
  batchSize?: number;
  /** Called after each committed batch (progress reporting, tests). */
  onBatch?: (job: BackfillJobRecord) => void | Promise<void>;
}

const toRecord = (r: typeof backfillJob.$inferSelect): BackfillJobRecord => ({
  id: r.id,
  scope: { kind: r.scopeKind as BackfillScopeKind, value: r.scopeValue, openOnly: r.openOnly },
  state: r.state as JobState,
  total: r.total,
  processed: r.processed,
  updated: r.updated,
  skipped: r.skipped,
  lastTicketId: r.lastTicketId,
  error: r.error,
  createdAt: r.createdAt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

/**
 * Applies the dynamic-field mapping to existing tickets (a customer user's, a customer's, or all), as
 * a job stored in `clientele.backfill_job`. Each batch is one transaction that also records the last
 * ticket id done, so a job resumes after a crash or a cancel without redoing a ticket; tickets whose
 * values already match are counted as skipped and not written.
 */

export class BackfillService {
  private readonly running = new Map<number, Promise<BackfillJobRecord>>();
  private stopping = false;

  constructor(
    private readonly db: Db,
    private readonly deps: BackfillDeps,
  ) {}

  async get(id: number | string): Promise<BackfillJobRecord | null> {
    const jobId = rowIdOf(id);
    if (jobId === null) return null;
    const [row] = await this.db.select().from(backfillJob).where(eq(backfillJob.id, jobId));
    return row ? toRecord(row) : null;
  }

  async list(limit = 20): Promise<BackfillJobRecord[]> {
    const rows = await this.db.select().from(backfillJob).orderBy(sql`${backfillJob.id} desc`).limit(limit);
    return rows.map(toRecord);
  }

  async start(actor: Actor, scope: BackfillScope): Promise<BackfillJobRecord> {
    const kind = scope.kind;
    if (!["CUSTOMER_USER", "CUSTOMER", "ALL"].includes(kind)) {
      throw new BadInputError("scope.kind", "Use CUSTOMER_USER, CUSTOMER or ALL.");
    }
    const value =
      kind === "ALL"
        ? null
        : requireInput("scope.value", kind === "CUSTOMER" ? "Customer ID" : "Login", scope.value, 191);
    const { mapping } = await this.deps.tickets.fieldsAndMapping();
    if (!mapping.length) {
      throw new PreconditionFailedError(
        "There is nothing to backfill: switch on the dynamic-field mapping in Settings and map at least one existing ticket field.",
      );
    }
    const openOnly = scope.openOnly ?? true;
    const job = await this.db.transaction(async (tx) => {
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(ticket)
        .where(scopeCondition({ kind, value, openOnly }));
      const [row] = await tx
        .insert(backfillJob)
        .values({
          scopeKind: kind,
          scopeValue: value,
          openOnly,
          state: "QUEUED",
          total: n,
          createdBy: actor.id,
        })
        .returning();
      await this.deps.audit.record(tx, actor, "backfill_job", String(row!.id), "create", null, {
        kind,
        value,
        openOnly,
      });
      return toRecord(row!);
    });
    this.launch(job.id, actor.id);
    return job;
  }

  /** Stops a queued or running job after the batch in progress; what is done stays done. */
  async cancel(actor: Actor, id: number | string): Promise<BackfillJobRecord> {
    const job = await this.require(id);
    if (job.state === "QUEUED" || job.state === "RUNNING") {
      await this.db.transaction(async (tx) => {
        await tx
          .update(backfillJob)
          .set({ state: "CANCELLED", finishedAt: new Date(), changedAt: new Date() })
          .where(and(eq(backfillJob.id, job.id), inArray(backfillJob.state, ["QUEUED", "RUNNING"])));
        await this.deps.audit.record(tx, actor, "backfill_job", String(job.id), "cancel", null, null);
      });
    }
    return this.require(id);
  }

  /** Continues a cancelled or failed job from the last ticket it finished. */
  async resume(actor: Actor, id: number | string): Promise<BackfillJobRecord> {
    const job = await this.require(id);
    if (job.state !== "CANCELLED" && job.state !== "FAILED") {
      throw new PreconditionFailedError(
        `Job ${job.id} is ${job.state.toLowerCase()}; only a cancelled or failed job can be resumed.`,
      );
    }
    await this.db
      .update(backfillJob)
      .set({ state: "QUEUED", finishedAt: null, error: null, changedAt: new Date() })
      .where(eq(backfillJob.id, job.id));
    this.launch(job.id, actor.id);
    return this.require(id);
  }

  /** After a restart: picks up every job that was queued or running when the process stopped. */
  async resumeInterrupted(): Promise<number[]> {
    const rows = await this.db
      .select()
      .from(backfillJob)
      .where(inArray(backfillJob.state, ["QUEUED", "RUNNING"]));
    for (const row of rows) this.launch(row.id, row.createdBy);
    return rows.map((r) => r.id);
  }

  /** Resolves when the job's current run ends (at once when it is not running in this process). */
  async settled(id: number): Promise<BackfillJobRecord> {
    return (await this.running.get(id)) ?? this.require(id);
  }

  /** Shutdown: runs end after their current batch and stay RUNNING, so the next start resumes them. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  /** Waits for every run of this process (shutdown, tests). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  private async require(id: number | string): Promise<BackfillJobRecord> {
    const job = await this.get(id);
    if (!job) throw new NotFoundError(`No backfill job with the id ${id}.`, { field: "id" });
    return job;
  }

  private launch(id: number, userId: number): void {
    if (this.running.has(id) || this.stopping) return;
    const run = this.run(id, userId)
      .catch(async (error: unknown) => {
        this.deps.logger?.error({ err: error, job: id }, "dynamic-field backfill failed");
        await this.db
          .update(backfillJob)
          .set({
            state: "FAILED",
            error: error instanceof Error ? error.message : String(error),
            finishedAt: new Date(),
          })
          .where(eq(backfillJob.id, id));
        return this.require(id);
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, run);
  }

  private async run(id: number, userId: number): Promise<BackfillJobRecord> {
    const batchSize = this.deps.batchSize ?? 1000;
    const started = await this.db
      .update(backfillJob)
      .set({
        state: "RUNNING",
        startedAt: sql`coalesce(${backfillJob.startedAt}, now())`,
        changedAt: new Date(),
      })
      .where(and(eq(backfillJob.id, id), eq(backfillJob.state, "QUEUED")))
      .returning();
    // A job found RUNNING at start-up was interrupted; it continues from its last ticket.
    if (!started.length && (await this.require(id)).state !== "RUNNING") return this.require(id);
    const types = await this.deps.tickets.types();
    const [agent] = await this.db.select({ login: users.login }).from(users).where(eq(users.id, userId));
    const actor = { id: userId, login: agent?.login ?? `agent ${userId}` };
    for (;;) {
      const job = await this.require(id);
      if (job.state !== "RUNNING" || this.stopping) return job;
      const { mapping } = await this.deps.tickets.fieldsAndMapping();
      const batch = await this.db
        .select({ id: ticket.id, login: ticket.customerUserId })
        .from(ticket)
        .where(and(scopeCondition(job.scope), gt(ticket.id, job.lastTicketId)))
        .orderBy(asc(ticket.id))
        .limit(batchSize);
      if (!batch.length || !mapping.length) {
        await this.db
          .update(backfillJob)
          .set({ state: "DONE", finishedAt: new Date(), changedAt: new Date() })
          .where(and(eq(backfillJob.id, id), eq(backfillJob.state, "RUNNING")));
        return this.require(id);
      }
      const logins = [...new Set(batch.flatMap((t) => (t.login ? [t.login] : [])))];
      const lookups = await this.deps.attributes.many(logins);
      const ids = batch.map((t) => t.id);
      const committed = await this.db.transaction(async (tx) => {
        // The lock orders this batch after a concurrent cancel: a cancelled job commits nothing more.
        const [locked] = await tx.select().from(backfillJob).where(eq(backfillJob.id, id)).for("update");
        if (locked?.state !== "RUNNING") return null;
        // Row locks keep a concurrent customer-user change or another job from interleaving per ticket.
        await tx
          .select({ id: ticket.id })
          .from(ticket)
          .where(inArray(ticket.id, ids))
          .orderBy(asc(ticket.id))
          .for("update");
        const stored = await currentValues(
          tx,
          ids,
          mapping.map((m) => m.field.id),
        );
        const changes = batch.flatMap((t) =>
          mappingChanges(
            t.id,
            mapping,
            t.login ? (lookups.get(t.login.toLowerCase()) ?? null) : null,
            stored,
          ),
        );
        await writeValueChanges(tx, changes, userId, types);
        const updated = new Set(changes.map((c) => c.ticketId)).size;
        const [row] = await tx
          .update(backfillJob)
          .set({
            processed: sql`${backfillJob.processed} + ${batch.length}`,
            updated: sql`${backfillJob.updated} + ${updated}`,
            skipped: sql`${backfillJob.skipped} + ${batch.length - updated}`,
            // Tickets created after the start may make the count grow.
            total: sql`greatest(${backfillJob.total}, ${backfillJob.processed} + ${batch.length})`,
            lastTicketId: ids[ids.length - 1]!,
            changedAt: new Date(),
          })
          .where(eq(backfillJob.id, id))
          .returning();
        await this.deps.audit.record(
          tx,
          actor,
          "backfill_job",
          String(id),
          "batch",
          { lastTicketId: job.lastTicketId },
          { lastTicketId: row!.lastTicketId, tickets: batch.length, updated },
        );
        return toRecord(row!);
      });
      if (!committed) return this.require(id);
      await this.deps.onBatch?.(committed);
    }
  }
}

function scopeCondition(scope: { kind: BackfillScopeKind; value: string | null; openOnly: boolean }) {
  const conditions = [];
  if (scope.kind === "CUSTOMER_USER")
    conditions.push(sql`lower(${ticket.customerUserId}) = lower(${scope.value})`);
  if (scope.kind === "CUSTOMER") conditions.push(eq(ticket.customerId, scope.value!));
  if (scope.openOnly) conditions.push(inArray(ticket.ticketStateId, [...OPEN_STATE_IDS]));
  return conditions.length ? and(...conditions) : undefined;
}
