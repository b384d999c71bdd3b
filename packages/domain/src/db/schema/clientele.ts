import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgSchema,
  serial,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";

/**
 * Clientele's own tables live in the schema `clientele`, beside OTOBO's tables in `public`, in
 * standalone and attach mode alike. They hold agent ids without foreign keys, so nothing is ever
 * added to OTOBO's `users` table.
 */
export const clienteleSchema = pgSchema("clientele");

/** Browser sessions of agents; only a SHA-256 of the cookie value is stored. */
export const sessions = clienteleSchema.table(
  "session",
  {
    tokenHash: varchar("token_hash", { length: 64 }).primaryKey(),
    agentId: integer("agent_id").notNull(),
    createdAt: timestamp("created_at", { precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { precision: 3 }).notNull(),
    /** Last request seen; the session ends after the idle timeout without one. Written at most once a minute. */
    lastSeenAt: timestamp("last_seen_at", { precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("clientele_session_expires").on(t.expiresAt), index("clientele_session_agent").on(t.agentId)],
);

/** API tokens for integrators (`Authorization: Bearer …`); stored as SHA-256 only. */
export const apiTokens = clienteleSchema.table("api_token", {
  id: serial("id").primaryKey(),
  name: varchar("name", { length: 191 }).notNull(),
  tokenHash: varchar("token_hash", { length: 64 }).notNull().unique("clientele_api_token_hash"),
  agentId: integer("agent_id").notNull(),
  createdAt: timestamp("created_at", { precision: 3 }).notNull().defaultNow(),
  /** Written at most once a minute per token. */
  lastUsedAt: timestamp("last_used_at", { precision: 3 }),
  /** `ADMIN` or `READ_ONLY`; the token acts with the lower of this and its agent's role. */
  role: varchar("role", { length: 20 }).notNull().default("ADMIN"),
  expiresAt: timestamp("expires_at", { precision: 3 }),
  revokedAt: timestamp("revoked_at", { precision: 3 }),
});

/** Who changed what, when; passwords never appear in before/after. */
export const auditLog = clienteleSchema.table(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { precision: 3 }).notNull().defaultNow(),
    actor: varchar("actor", { length: 191 }).notNull(),
    entityType: varchar("entity_type", { length: 50 }).notNull(),
    entityId: varchar("entity_id", { length: 191 }).notNull(),
    action: varchar("action", { length: 50 }).notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("clientele_audit_log_entity").on(t.entityType, t.entityId)],
);

/** System settings (customerGroupSupport, defaultServicesMode, …) as JSON values. */
export const settings = clienteleSchema.table("setting", {
  key: varchar("key", { length: 100 }).primaryKey(),
  value: jsonb("value").notNull(),
  changedAt: timestamp("changed_at", { precision: 3 }).notNull().defaultNow(),
});

/**
 * Failed sign-ins per throttle key (`account:<kind>:<lower-cased login>` or `client:<address>`), kept
 * in the database so every server process sees the same counts (see security/login-throttle.ts).
 */
export const loginThrottle = clienteleSchema.table("login_throttle", {
  key: varchar("key", { length: 400 }).primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { precision: 3, withTimezone: true }).notNull(),
  blockedUntil: timestamp("blocked_until", { precision: 3, withTimezone: true }),
  lockouts: integer("lockouts").notNull().default(0),
});

/** The columns of a background job's run: its last failure, who queued it, and when it moved. */
const jobRun = () => ({
  error: text("error"),
  createdBy: integer("created_by").notNull(),
  createdAt: timestamp("created_at", { precision: 3 }).notNull().defaultNow(),
  startedAt: timestamp("started_at", { precision: 3 }),
  finishedAt: timestamp("finished_at", { precision: 3 }),
  changedAt: timestamp("changed_at", { precision: 3 }).notNull().defaultNow(),
});

/**
 * Jobs that apply the dynamic-field mapping to existing tickets. `last_ticket_id` is written in the
 * same transaction as each batch, so a job resumes after an interruption without redoing a ticket.
 */
export const backfillJob = clienteleSchema.table("backfill_job", {
  id: serial("id").primaryKey(),
  /** CUSTOMER_USER, CUSTOMER or ALL. */
  scopeKind: varchar("scope_kind", { length: 20 }).notNull(),
  scopeValue: varchar("scope_value", { length: 250 }),
  openOnly: boolean("open_only").notNull().default(true),
  /** QUEUED, RUNNING, DONE, FAILED, CANCELLED. */
  state: varchar("state", { length: 20 }).notNull(),
  total: integer("total").notNull().default(0),
  processed: integer("processed").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  skipped: integer("skipped").notNull().default(0),
  lastTicketId: bigint("last_ticket_id", { mode: "number" }).notNull().default(0),
  ...jobRun(),
});

/**
 * CSV imports of customers and customer users (csv/import.ts). Each batch of rows is one transaction
 * that also moves `last_line` on, so the job tells which lines of the file were written; the errors
 * of refused rows are kept (at most a fixed number) beside their count.
 */
export const importJob = clienteleSchema.table("import_job", {
  id: serial("id").primaryKey(),
  /** CUSTOMER_USERS or CUSTOMERS. */
  kind: varchar("kind", { length: 20 }).notNull(),
  /** QUEUED, RUNNING, DONE, FAILED, CANCELLED. */
  state: varchar("state", { length: 20 }).notNull(),
  total: integer("total"),
  processed: integer("processed").notNull().default(0),
  created: integer("created").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  errorCount: integer("error_count").notNull().default(0),
  errors: jsonb("errors").notNull().default([]),
  /** The last line of the file whose batch was committed (0: none yet). */
  lastLine: integer("last_line").notNull().default(0),
  generatedPasswords: integer("generated_passwords").notNull().default(0),
  ...jobRun(),
});
