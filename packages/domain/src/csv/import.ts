import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Actor, AuditLog } from "../audit/audit";
import type { CustomerUserFacade } from "../customer-users/facade";
import type { CustomersService } from "../customers/service";
import { type Db, queryRows } from "../db/client";
import { type groupsTable, importJob, users } from "../db/schema";
import { BadInputError, NotFoundError, PreconditionFailedError } from "../errors";
import type { PasswordHashFormat } from "../security/passwords";
import { rowIdOf } from "../shared/ids";
import type { JobState } from "../tickets/backfill";
import { CustomerImporter, CustomerUserImporter, type ImportError, type Importer } from "./importers";
import { type CsvRecord, CsvSyntaxError, csvRecords } from "./parse";

export type { ImportError } from "./importers";
export type ImportKind = "CUSTOMER_USERS" | "CUSTOMERS";
export const IMPORT_KINDS: readonly ImportKind[] = ["CUSTOMER_USERS", "CUSTOMERS"];

export interface ImportJobRecord {
  id: number;
  kind: ImportKind;
  state: JobState;
  /** Rows in the file (known once the job has read it). */
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  errors: ImportError[];
  errorCount: number;
  /** Every line up to this one is done: written, or refused with an error. */
  lastLine: number;
  generatedPasswords: number;
  error: string | null;
  createdBy: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface DryRunResult {
  rows: number;
  errors: ImportError[];
  errorCount: number;
}

export interface ImportDeps {
  customerUsers: CustomerUserFacade;
  customers: CustomersService;
  audit: AuditLog;
  groupsTable: typeof groupsTable;
  passwordFormat: PasswordHashFormat;
  logger?: Logger;
  /** Rows per batch, one transaction each (default 1000). */
  batchSize?: number;
  /** Called after each committed batch (tests cancel halfway through it). */
  onBatch?: (job: ImportJobRecord) => void | Promise<void>;
}

/** At most this many errors are kept and answered; `errorCount` counts them all. */
export const MAX_REPORTED_ERRORS = 10_000;

const toRecord = (r: typeof importJob.$inferSelect): ImportJobRecord => ({
  id: r.id,
  kind: r.kind as ImportKind,
  state: r.state as JobState,
  total: r.total,
  processed: r.processed,
  created: r.created,
  updated: r.updated,
  errors: r.errors as ImportError[],
  errorCount: r.errorCount,
  lastLine: r.lastLine,
  generatedPasswords: r.generatedPasswords,
  error: r.error,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

/**
 * CSV imports of customers and customer users (docs/api.md §CSV import). A dry run reads the body
 * as it arrives and reports every row's errors without writing. A real import spools the body to a
 * private temporary file and runs as a job in `clientele.import_job` with the pattern of the
 * dynamic-field backfill (tickets/backfill.ts): batches of rows, each one transaction together with
 * the job's progress and one audit entry per written row, cancel between batches. Rows with errors
 * are skipped and reported. Generated passwords stay in this process's memory until the agent who
 * started the job downloads them, once; they are never stored or logged.
 */
export class ImportService {
  private readonly running = new Map<number, Promise<ImportJobRecord>>();
  private readonly credentials = new Map<number, Array<[string, string]>>();
  private readonly credentialsTaken = new Set<number>();
  private stopping = false;

  constructor(
    private readonly db: Db,
    /** Public so that tests can set batchSize and onBatch. */
    readonly deps: ImportDeps,
  ) {}

  private importer(kind: ImportKind): Importer<unknown> {
    if (kind === "CUSTOMERS") return new CustomerImporter(this.db, this.deps.customers, this.deps.audit);
    if (kind === "CUSTOMER_USERS") {
      return new CustomerUserImporter({
        db: this.db,
        customerUsers: this.deps.customerUsers,
        customers: this.deps.customers,
        audit: this.deps.audit,
        groupsTable: this.deps.groupsTable,
        passwordFormat: this.deps.passwordFormat,
      }) as Importer<unknown>;
    }
    throw new BadInputError("kind", "Use CUSTOMER_USERS or CUSTOMERS.");
  }

  /** Batches of records after the header; a header with errors ends the walk with them. */
  private async *batches(
    importer: Importer<unknown>,
    body: AsyncIterable<Buffer | string>,
    onHeaderErrors: (errors: ImportError[]) => void,
  ): AsyncGenerator<CsvRecord[]> {
    const size = this.deps.batchSize ?? 2000;
    let header: string[] | null = null;
    let batch: CsvRecord[] = [];
    for await (const record of csvRecords(body)) {
      if (!header) {
        header = record.cells.map((c) => c.trim());
        const errors = importer.checkHeader(header);
        if (errors.length) {
          onHeaderErrors(errors);
          return;
        }
        continue;
      }
      batch.push(record);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (!header) {
      onHeaderErrors([
        {
          line: 1,
          column: null,
          code: "BAD_USER_INPUT",
          message: "The file is empty: a header line is required.",
        },
      ]);
      return;
    }
    if (batch.length) yield batch;
  }

  /** Checks a whole file with every rule of the import and writes nothing. */
  async dryRun(kind: ImportKind, body: AsyncIterable<Buffer | string>): Promise<DryRunResult> {
    const importer = this.importer(kind);
    const errors: ImportError[] = [];
    let errorCount = 0;
    let rows = 0;
    const add = (list: ImportError[]) => {
      errorCount += list.length;
      errors.push(...list.slice(0, Math.max(0, MAX_REPORTED_ERRORS - errors.length)));
    };
    try {
      for await (const batch of this.batches(importer, body, add)) {
        rows += batch.length;
        add((await importer.check(batch)).errors);
      }
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      add([
        {
          line: error.line,
          column: null,
          code: "BAD_USER_INPUT",
          message: `The file is not valid CSV: ${error.message}`,
        },
      ]);
    }
    return { rows, errors, errorCount };
  }

  async get(id: number | string): Promise<ImportJobRecord | null> {
    const jobId = rowIdOf(id);
    if (jobId === null) return null;
    const [row] = await this.db.select().from(importJob).where(eq(importJob.id, jobId));
    return row ? toRecord(row) : null;
  }

  private async require(id: number | string): Promise<ImportJobRecord> {
    const job = await this.get(id);
    if (!job) throw new NotFoundError(`No import job with the id ${id}.`, { field: "id" });
    return job;
  }

  /**
   * Starts an import: the body is spooled to a private temporary file, its header checked (a wrong
   * header is refused before any job exists), then the job runs in the background.
   */
  async start(
    kind: ImportKind,
    actor: Actor,
    body: AsyncIterable<Buffer | string>,
  ): Promise<ImportJobRecord> {
    const importer = this.importer(kind);
    let estimate = 0;
    const dir = await mkdtemp(join(tmpdir(), "clientele-import-"));
    const file = join(dir, "upload.csv");
    try {
      // Line breaks are counted on the way to the file: the job's total without a second parse (a
      // quoted cell with a line break makes it one too many; the total is exact when the job ends).
      let lines = 0;
      let last = 10;
      const counted = async function* () {
        for await (const chunk of body) {
          const bytes = Buffer.from(chunk);
          for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) lines++;
          if (bytes.length) last = bytes[bytes.length - 1]!;
          yield bytes;
        }
      };
      await pipeline(Readable.from(counted()), createWriteStream(file, { mode: 0o600 }));
      estimate = Math.max(0, lines + (last === 10 ? 0 : 1) - 1);
      let headerErrors: ImportError[] = [];
      for await (const _ of this.batches(
        importer,
        createReadStream(file, { highWaterMark: 16 * 1024 }),
        (e) => {
          headerErrors = e;
        },
      ))
        break;
      const first = headerErrors[0];
      if (first) throw new BadInputError(first.column ?? "file", first.message);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      if (error instanceof CsvSyntaxError)
        throw new BadInputError("file", `The file is not valid CSV: ${error.message}`);
      throw error;
    }
    const job = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(importJob)
        .values({ kind, state: "QUEUED", total: estimate, createdBy: actor.id })
        .returning();
      await this.deps.audit.record(tx, actor, "import_job", String(row!.id), "create", null, { kind });
      return toRecord(row!);
    });
    this.launch(job.id, file, dir);
    return job;
  }

  /** Stops a queued or running job after the batch in progress; committed batches stay. */
  async cancel(actor: Actor, id: number | string): Promise<ImportJobRecord> {
    const job = await this.require(id);
    if (job.state === "QUEUED" || job.state === "RUNNING") {
      await this.db.transaction(async (tx) => {
        await tx
          .update(importJob)
          .set({ state: "CANCELLED", finishedAt: new Date(), changedAt: new Date() })
          .where(and(eq(importJob.id, job.id), inArray(importJob.state, ["QUEUED", "RUNNING"])));
        await this.deps.audit.record(tx, actor, "import_job", String(job.id), "cancel", null, {
          lastLine: job.lastLine,
        });
      });
    }
    return this.require(id);
  }

  /**
   * The generated passwords of a finished job, for the agent who started it, once: `gone` after the
   * first download (or when this process no longer holds them, e.g. after a restart).
   */
  async takeCredentials(
    id: number | string,
    actor: Actor,
  ): Promise<{ status: "ok"; rows: Array<[string, string]> } | { status: "gone" }> {
    const job = await this.get(id);
    if (!job || job.createdBy !== actor.id)
      throw new NotFoundError(`No import job with the id ${id}.`, { field: "id" });
    if (job.state === "QUEUED" || job.state === "RUNNING")
      throw new PreconditionFailedError(
        `Import job ${job.id} is still running; download the credentials when it ends.`,
      );
    if (this.credentialsTaken.has(job.id)) return { status: "gone" };
    const rows = this.credentials.get(job.id);
    if (!rows && job.generatedPasswords > 0) return { status: "gone" };
    this.credentials.delete(job.id);
    this.credentialsTaken.add(job.id);
    return { status: "ok", rows: rows ?? [] };
  }

  /** After a restart: jobs that were queued or running end as FAILED, saying which lines were written. */
  async failInterrupted(): Promise<number[]> {
    const rows = await this.db
      .update(importJob)
      .set({
        state: "FAILED",
        error: sql`'The server stopped during the import; lines up to ' || ${importJob.lastLine} || ' were done.'`,
        finishedAt: new Date(),
        changedAt: new Date(),
      })
      .where(inArray(importJob.state, ["QUEUED", "RUNNING"]))
      .returning({ id: importJob.id });
    return rows.map((r) => r.id);
  }

  /** Resolves when the job's run in this process ends. */
  async settled(id: number): Promise<ImportJobRecord> {
    return (await this.running.get(id)) ?? this.require(id);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running.values()]);
  }

  private launch(id: number, file: string, dir: string): void {
    const run = this.run(id, file)
      .catch(async (error: unknown) => {
        this.deps.logger?.error({ err: error, job: id }, "CSV import failed");
        const message =
          error instanceof CsvSyntaxError
            ? `The file is not valid CSV: ${error.message} (line ${error.line})`
            : error instanceof Error
              ? error.message
              : String(error);
        await this.db
          .update(importJob)
          .set({ state: "FAILED", error: message, finishedAt: new Date(), changedAt: new Date() })
          .where(and(eq(importJob.id, id), inArray(importJob.state, ["QUEUED", "RUNNING"])));
        return this.require(id);
      })
      .finally(async () => {
        this.running.delete(id);
        await rm(dir, { recursive: true, force: true });
      });
    this.running.set(id, run);
  }

  private async run(id: number, file: string): Promise<ImportJobRecord> {
    const read = () => createReadStream(file, { highWaterMark: 64 * 1024 });
    const started = await this.db
      .update(importJob)
      .set({ state: "RUNNING", startedAt: new Date(), changedAt: new Date() })
      .where(and(eq(importJob.id, id), eq(importJob.state, "QUEUED")))
      .returning();
    if (!started.length) return this.require(id);
    const job = toRecord(started[0]!);
    const [agent] = await this.db
      .select({ login: users.login })
      .from(users)
      .where(eq(users.id, job.createdBy));
    const actor = { id: job.createdBy, login: agent?.login ?? `agent ${job.createdBy}` };
    const importer = this.importer(job.kind);
    let kept = 0;
    // A table that grows much during the import gets fresh planner statistics now and then (at
    // twice, four times, … its size at the start), so the batches' lookups keep using the indexes.
    const [stats] = await queryRows<{ n: number }>(
      this.db,
      sql`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = to_regclass(${importer.tableName})`,
    );
    let cleanPendingLists = true;
    let analyzeAt = Math.max(1000, Number(stats?.n ?? 0));
    const source = this.batches(importer, read(), () => {})[Symbol.asyncIterator]();
    // The next batch is read, checked and hashed while the current one is written. Its checks only
    // read; conflicts with rows of earlier batches are found by the importer's in-file bookkeeping.
    const prepare = async () => {
      const next = await source.next();
      if (next.done) return null;
      const checked = await importer.check(next.value);
      await importer.finish?.(checked.rows);
      return { batch: next.value, ...checked };
    };
    let pending = prepare();
    for (;;) {
      const current = await pending;
      if (!current || this.stopping) break;
      const { batch, rows, errors } = current;
      pending = prepare();
      pending.catch(() => {}); // awaited in the next round; a run that ends first leaves it unobserved
      const keep = errors.slice(0, Math.max(0, MAX_REPORTED_ERRORS - kept));
      const committed = await this.db.transaction(async (tx) => {
        // The lock orders this batch after a concurrent cancel: a cancelled job commits nothing more.
        const [locked] = await tx.select().from(importJob).where(eq(importJob.id, id)).for("update");
        if (locked?.state !== "RUNNING") return null;
        const result = rows.length
          ? await importer.write(tx, rows, actor)
          : { created: 0, updated: 0, credentials: [] };
        const [row] = await tx
          .update(importJob)
          .set({
            processed: sql`${importJob.processed} + ${batch.length}`,
            created: sql`${importJob.created} + ${result.created}`,
            updated: sql`${importJob.updated} + ${result.updated}`,
            errorCount: sql`${importJob.errorCount} + ${errors.length}`,
            errors: keep.length ? sql`${importJob.errors} || ${JSON.stringify(keep)}::jsonb` : undefined,
            lastLine: batch[batch.length - 1]!.line,
            generatedPasswords: sql`${importJob.generatedPasswords} + ${result.credentials.length}`,
            changedAt: new Date(),
          })
          .where(eq(importJob.id, id))
          .returning();
        return { job: toRecord(row!), credentials: result.credentials };
      });
      if (!committed) return this.require(id);
      kept += keep.length;
      if (committed.credentials.length) {
        const list = this.credentials.get(id) ?? [];
        for (const c of committed.credentials) list.push(c);
        this.credentials.set(id, list);
      }
      if (cleanPendingLists) {
        // New rows wait in the GIN (trigram) indexes' pending lists, which every lookup through such
        // an index reads in full and which the planner underestimates: merged after each batch,
        // the next batch's lookups (and everyone's searches) stay fast. Best effort: the function
        // needs the table's owner.
        await this.db
          .execute(
            sql`SELECT gin_clean_pending_list(i.indexrelid::regclass) FROM pg_index i
                JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
                WHERE i.indrelid = to_regclass(${importer.tableName}) AND a.amname = 'gin'`,
          )
          .catch((error: unknown) => {
            cleanPendingLists = false;
            this.deps.logger?.debug({ err: error }, "cannot merge GIN pending lists during the import");
          });
      }
      if (committed.job.created - job.created >= analyzeAt) {
        await this.db.execute(sql`ANALYZE ${sql.identifier(importer.tableName)}`);
        analyzeAt *= 2;
      }
      await this.deps.onBatch?.(committed.job);
    }
    if (this.stopping) return this.require(id);
    await this.db
      .update(importJob)
      .set({
        state: "DONE",
        total: sql`${importJob.processed}`,
        finishedAt: new Date(),
        changedAt: new Date(),
      })
      .where(and(eq(importJob.id, id), eq(importJob.state, "RUNNING")));
    return this.require(id);
  }
}
