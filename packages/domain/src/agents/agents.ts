import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, inArray, lt, ne, or, type SQL, sql } from "drizzle-orm";
import type { Actor, AuditLog } from "../audit/audit";
import type { Db } from "../db/client";
import { createdBy } from "../db/otobo-columns";
import { apiTokens, groupsTable, groupUser, sessions, userPreferences, users } from "../db/schema";
import { writeClockOf } from "../db/write-clock";
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnauthenticatedError,
} from "../errors";
import { AGENT_FIELDS, API_TOKEN_NAME_MAX } from "../rules/agent";
import { LoginThrottle } from "../security/login-throttle";
import {
  generatePassword,
  hashPassword,
  type PasswordHashFormat,
  verifyDummy,
  verifyPassword,
} from "../security/passwords";
import { parseId, rowIdOf } from "../shared/ids";
import type { ValidId } from "../shared/valid";
import { TokenRowCache } from "./token-cache";
import { type AgentRole, checkPassword, checkRole, cleanLine, lowerRole, roleRank } from "./validation";

export * from "./validation";

export const ADMIN_LOGIN = "root@localhost";
/** The OTOBO group whose membership is Clientele's role: `rw` is ADMIN, only `ro` is READ_ONLY. */
export const ADMIN_GROUP = "admin";
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const DEFAULT_SESSION_IDLE_MINUTES = 30;
/** `last_seen_at` / `last_used_at` are written at most this often per session or token. */
const TOUCH_INTERVAL_MS = 60 * 1000;

/**
 * The agent's role as a column of the query that finds the agent (`rw` in `admin` is ADMIN, else
 * `ro` is READ_ONLY, else null), so an authenticated request costs one statement, not two; the same
 * rule as `AgentsService.rolesOf`. Only in queries that join `users` to another table: drizzle
 * leaves column names unqualified in single-table queries, and `users.id` would then be read as
 * the subquery's own `id`.
 */
const roleOfAgent = (groups: typeof groupsTable): SQL<string | null> =>
  sql<string | null>`(SELECT CASE WHEN bool_or(${groupUser.permissionKey} = 'rw') THEN 'ADMIN'
      WHEN bool_or(${groupUser.permissionKey} = 'ro') THEN 'READ_ONLY' END
    FROM ${groupUser} INNER JOIN ${groups} ON ${groups.id} = ${groupUser.groupId}
    WHERE ${groups.name} = ${ADMIN_GROUP} AND ${groupUser.userId} = ${users.id})`;

/**
 * The statements every authenticated request sends, prepared once: drizzle assembles a query's SQL
 * on each call, which costs more than the statement itself here. Times are compared in code.
 */
function authQueries(db: Db, groups: typeof groupsTable) {
  return {
    session: db
      .select({
        id: users.id,
        login: users.login,
        expiresAt: sessions.expiresAt,
        lastSeenAt: sessions.lastSeenAt,
        role: roleOfAgent(groups),
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.agentId))
      .where(and(eq(sessions.tokenHash, sql.placeholder("hash")), eq(users.validId, 1)))
      .prepare("clientele_actor_for_session"),
    apiToken: db
      .select({
        id: users.id,
        login: users.login,
        tokenId: apiTokens.id,
        role: apiTokens.role,
        expiresAt: apiTokens.expiresAt,
        revokedAt: apiTokens.revokedAt,
        lastUsedAt: apiTokens.lastUsedAt,
        agentRole: roleOfAgent(groups),
      })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.agentId))
      .where(and(eq(apiTokens.tokenHash, sql.placeholder("hash")), eq(users.validId, 1)))
      .prepare("clientele_actor_for_api_token"),
  };
}
/** What authenticating an API token reads: the token, its agent and the agent's role. */
type TokenAuthRow = Awaited<ReturnType<ReturnType<typeof authQueries>["apiToken"]["execute"]>>[number];

const LAST_LOGIN_KEY = "UserLastLogin";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

export interface AgentRecord {
  id: number;
  login: string;
  firstName: string;
  lastName: string;
  role: AgentRole;
  validId: ValidId;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface AgentInput {
  login?: string | null;
  password?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  role?: AgentRole | null;
  validId?: ValidId | null;
}

export interface ApiTokenRecord {
  id: number;
  name: string;
  role: AgentRole;
  agentId: number;
  agentLogin: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revoked: boolean;
}

export interface AgentsOptions {
  audit: AuditLog;
  /** Minutes without a request after which a session ends (default 30). */
  sessionIdleMinutes?: number;
  /** The clock; tests move it instead of waiting. */
  now?: () => Date;
  /** Failed sign-ins per account and client address (a fresh one on this database when left out). */
  loginThrottle?: LoginThrottle;
  /** The format new passwords are written in (see security/passwords.ts). */
  passwordHash?: PasswordHashFormat;
  /** Attached, `ensureAdmin` adds nothing to OTOBO's tables. */
  mode?: "standalone" | "attach";
  /** OTOBO's `groups_table` or Znuny's `permission_groups`, as detected (default `groups_table`). */
  groupsTable?: typeof groupsTable;
}

const agentColumns = {
  id: users.id,
  login: users.login,
  firstName: users.firstName,
  lastName: users.lastName,
  validId: users.validId,
  createdAt: users.createTime,
};

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  role: apiTokens.role,
  agentId: apiTokens.agentId,
  agentLogin: users.login,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

type TokenRow = {
  id: number;
  name: string;
  role: string;
  agentId: number;
  agentLogin: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const toToken = ({ revokedAt, ...row }: TokenRow): ApiTokenRecord => ({
  ...row,
  role: row.role === "READ_ONLY" ? "READ_ONLY" : "ADMIN",
  revoked: revokedAt !== null,
});

/** What the audit log keeps of an agent (never the password). */
const agentAudit = (a: AgentRecord) => ({
  login: a.login,
  firstName: a.firstName,
  lastName: a.lastName,
  role: a.role,
  validId: a.validId,
});

const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e.code ?? e.cause?.code) === "23505";
};

/**
 * Agents (OTOBO's `users`), their roles (membership of the group `admin` in `group_user`), browser
 * sessions and API tokens.
 */
export class AgentsService {
  private readonly audit: AuditLog;
  private readonly idleMs: number;
  private readonly now: () => Date;
  private readonly throttle: LoginThrottle;
  private readonly passwordHash: PasswordHashFormat;
  private readonly mode: "standalone" | "attach";
  private readonly groups: typeof groupsTable;
  private readonly auth: ReturnType<typeof authQueries>;
  private readonly tokenRows: TokenRowCache<TokenAuthRow>;

  constructor(
    private readonly db: Db,
    options: AgentsOptions,
  ) {
    this.audit = options.audit;
    this.idleMs = (options.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES) * 60 * 1000;
    this.now = options.now ?? (() => new Date());
    this.throttle = options.loginThrottle ?? new LoginThrottle(db, { now: this.now });
    this.passwordHash = options.passwordHash ?? "argon2id";
    this.mode = options.mode ?? "standalone";
    this.groups = options.groupsTable ?? groupsTable;
    this.auth = authQueries(db, this.groups);
    this.tokenRows = new TokenRowCache(writeClockOf(db));
  }

  // ---- roles ----

  /** Id of the group `admin`, created when missing (OTOBO's initial data has it as id 2). */
  private async adminGroupId(tx: Db, actorId: number): Promise<number> {
    const [group] = await tx
      .select({ id: this.groups.id })
      .from(this.groups)
      .where(eq(this.groups.name, ADMIN_GROUP));
    if (group) return group.id;
    const now = this.now();
    const [created] = await tx
      .insert(this.groups)
      .values({
        name: ADMIN_GROUP,
        comments: "Group of all administrators.",
        validId: 1,
        ...createdBy(actorId, now),
      })
      .onConflictDoNothing()
      .returning({ id: this.groups.id });
    if (created) return created.id;
    return this.adminGroupId(tx, actorId);
  }

  /** Clientele roles of the given agents; agents without `rw` or `ro` in `admin` are left out. */
  private async rolesOf(db: Db, userIds: readonly number[] | null): Promise<Map<number, AgentRole>> {
    const rows = await db
      .select({ userId: groupUser.userId, key: groupUser.permissionKey })
      .from(groupUser)
      .innerJoin(this.groups, eq(this.groups.id, groupUser.groupId))
      .where(
        and(
          eq(this.groups.name, ADMIN_GROUP),
          inArray(groupUser.permissionKey, ["rw", "ro"]),
          userIds ? inArray(groupUser.userId, [...userIds]) : undefined,
        ),
      );
    const roles = new Map<number, AgentRole>();
    for (const row of rows) {
      if (row.key === "rw") roles.set(row.userId, "ADMIN");
      else if (!roles.has(row.userId)) roles.set(row.userId, "READ_ONLY");
    }
    return roles;
  }

  /** Replaces the agent's `rw`/`ro` rows in `admin`; its other permission keys stay as they are. */
  private async writeRole(tx: Db, actor: Actor, userId: number, role: AgentRole): Promise<void> {
    const groupId = await this.adminGroupId(tx, actor.id);
    await tx
      .delete(groupUser)
      .where(
        and(
          eq(groupUser.userId, userId),
          eq(groupUser.groupId, groupId),
          inArray(groupUser.permissionKey, ["rw", "ro"]),
        ),
      );
    const now = this.now();
    await tx.insert(groupUser).values({
      userId,
      groupId,
      permissionKey: role === "ADMIN" ? "rw" : "ro",
      ...createdBy(actor.id, now),
    });
  }

  // ---- first start ----

  /**
   * Creates `root@localhost` with `rw` in `admin` on first start. Returns the password when it was
   * generated, so the caller can print it once.
   */
  async ensureAdmin(
    password: string | undefined,
  ): Promise<{ created: boolean; generatedPassword: string | null; passwordIgnored: boolean }> {
    const [existing] = await this.db.select({ id: users.id }).from(users).where(eq(users.login, ADMIN_LOGIN));
    // An existing admin (OTOBO's own root@localhost) keeps its password; the caller says so. Attached,
    // no agent is ever added to OTOBO's users: OTOBO's agents sign in with their own roles.
    if (existing || this.mode === "attach") {
      return { created: false, generatedPassword: null, passwordIgnored: Boolean(password) };
    }
    const generatedPassword = password ? null : generatePassword();
    const pw = await hashPassword(password ?? generatedPassword!, this.passwordHash);
    const created = await this.db.transaction(async (tx) => {
      const now = this.now();
      const [row] = await tx
        .insert(users)
        .values({
          login: ADMIN_LOGIN,
          pw,
          firstName: "Admin",
          lastName: "Clientele",
          validId: 1,
          ...createdBy(1, now),
        })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!row) return false;
      await this.writeRole(tx, { id: row.id, login: ADMIN_LOGIN }, row.id, "ADMIN");
      return true;
    });
    return created
      ? { created: true, generatedPassword, passwordIgnored: false }
      : { created: false, generatedPassword: null, passwordIgnored: Boolean(password) };
  }

  // ---- sign-in and sessions ----

  private async verify(login: string, password: string): Promise<{ id: number; login: string } | null> {
    const [agent] = login.includes("\0") // no stored login holds NUL; the database would refuse it
      ? []
      : await this.db
          .select()
          .from(users)
          .where(and(sql`lower(${users.login}) = lower(${login})`, eq(users.validId, 1)));
    if (!agent) {
      await verifyDummy(password); // same work as a real check, so timing does not reveal logins
      return null;
    }
    const check = await verifyPassword(agent.pw, password, this.passwordHash);
    if (!check.ok) return null;
    if (check.needsRehash) {
      // Re-hashed only into the configured format, which OTOBO verifies in attach mode.
      const pw = await hashPassword(password, this.passwordHash);
      await this.db.update(users).set({ pw }).where(eq(users.id, agent.id));
    }
    return { id: agent.id, login: agent.login };
  }

  /**
   * Signs in; returns the session token for the cookie. Agents without a role may not sign in.
   * Throttled per account and `client` address. `agent` is the signed-in agent as it is now stored.
   */
  async login(
    login: string,
    password: string,
    client = "unknown",
  ): Promise<{ actor: Actor; token: string; agent: AgentRecord }> {
    const agent = await this.throttle.attempt("agent", login, client, () =>
      this.verify(login.trim(), password),
    );
    if (!agent) throw new UnauthenticatedError("Wrong login or password.");
    const role = (await this.rolesOf(this.db, [agent.id])).get(agent.id);
    if (!role) {
      throw new UnauthenticatedError(
        "This account is not an agent of Clientele: it needs rw or ro in the group admin.",
      );
    }
    const token = newToken();
    const now = this.now();
    await this.db.transaction(async (tx) => {
      await tx
        .delete(sessions)
        .where(
          or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - this.idleMs))),
        );
      await tx.insert(sessions).values({
        tokenHash: sha256(token),
        agentId: agent.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
        lastSeenAt: now,
      });
      await tx
        .delete(userPreferences)
        .where(and(eq(userPreferences.userId, agent.id), eq(userPreferences.preferencesKey, LAST_LOGIN_KEY)));
      await tx.insert(userPreferences).values({
        userId: agent.id,
        preferencesKey: LAST_LOGIN_KEY,
        preferencesValue: String(Math.floor(now.getTime() / 1000)),
      });
    });
    return { actor: { ...agent, role }, token, agent: await this.mustGet(this.db, agent.id) };
  }

  async logout(token: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
  }

  /** The agent of a session that is neither past 12 hours nor idle too long; keeps it alive. */
  async actorForSession(token: string): Promise<Actor | null> {
    const now = this.now();
    const hash = sha256(token);
    const [row] = await this.auth.session.execute({ hash });
    const live =
      row &&
      row.expiresAt.getTime() > now.getTime() &&
      row.lastSeenAt.getTime() > now.getTime() - this.idleMs;
    const role = live && row.role ? checkRole("role", row.role) : null;
    if (!row || !role) return null;
    if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, hash));
    }
    return { id: row.id, login: row.login, role };
  }

  /** The agent of a valid, unexpired, unrevoked token, acting with the lower of the two roles. */
  async actorForApiToken(token: string): Promise<Actor | null> {
    const now = this.now();
    const hash = sha256(token);
    const row = await this.tokenRows.read(hash, now.getTime(), async () => {
      const [found] = await this.auth.apiToken.execute({ hash });
      return found;
    });
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || !row.agentRole) return null;
    const agentRole = checkRole("role", row.agentRole);
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
      // The remembered row too: the touch is no transaction, so the write clock does not end it.
      row.lastUsedAt = now;
    }
    return { id: row.id, login: row.login, role: lowerRole(checkRole("role", row.role), agentRole) };
  }

  // ---- agents ----

  private async lastLogins(db: Db, ids: readonly number[]): Promise<Map<number, Date>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .select({ userId: userPreferences.userId, value: userPreferences.preferencesValue })
      .from(userPreferences)
      .where(
        and(inArray(userPreferences.userId, [...ids]), eq(userPreferences.preferencesKey, LAST_LOGIN_KEY)),
      );
    const result = new Map<number, Date>();
    for (const row of rows) {
      const seconds = Number(row.value);
      if (Number.isFinite(seconds) && seconds > 0) result.set(row.userId, new Date(seconds * 1000));
    }
    return result;
  }

  private async records(db: Db, ids: readonly number[] | null): Promise<AgentRecord[]> {
    const roles = await this.rolesOf(db, ids);
    const withRole = [...roles.keys()];
    if (withRole.length === 0) return [];
    const rows = await db
      .select(agentColumns)
      .from(users)
      .where(inArray(users.id, withRole))
      .orderBy(sql`lower(${users.login})`, asc(users.id));
    const logins = await this.lastLogins(db, withRole);
    return rows.map((r) => ({
      ...r,
      validId: r.validId as ValidId,
      role: roles.get(r.id)!,
      lastLoginAt: logins.get(r.id) ?? null,
    }));
  }

  /** Every agent with a Clientele role, by login. */
  async list(): Promise<AgentRecord[]> {
    return this.records(this.db, null);
  }

  /**
   * The signed-in agent as stored, with the role this request acts with: a READ_ONLY token of an
   * ADMIN acts READ_ONLY. Null without an actor.
   */
  async current(actor: Actor | null): Promise<AgentRecord | null> {
    const agent = actor ? await this.get(actor.id) : null;
    return agent && actor?.role ? { ...agent, role: actor.role } : agent;
  }

  /** The agent, or null when there is none with that id or it has no Clientele role. */
  async get(id: number | string): Promise<AgentRecord | null> {
    const agentId = rowIdOf(id);
    return agentId === null ? null : ((await this.records(this.db, [agentId]))[0] ?? null);
  }

  private async mustGet(tx: Db, id: number): Promise<AgentRecord> {
    const agent = (await this.records(tx, [id]))[0];
    if (!agent) throw new NotFoundError(`There is no agent with id "${id}".`, { field: "id" });
    return agent;
  }

  private async assertLoginFree(tx: Db, login: string, exceptId: number | null): Promise<void> {
    const [clash] = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          sql`lower(${users.login}) = lower(${login})`,
          exceptId === null ? undefined : ne(users.id, exceptId),
        ),
      );
    if (clash) throw new ConflictError(`The login "${login}" is already taken by another agent.`, "login");
  }

  /** Serialises role and validity changes, so two admins cannot demote each other at once. */
  private async lockRoles(tx: Db, actor: Actor): Promise<void> {
    const groupId = await this.adminGroupId(tx, actor.id);
    await tx
      .select({ id: this.groups.id })
      .from(this.groups)
      .where(eq(this.groups.id, groupId))
      .for("update");
  }

  private async otherValidAdmins(tx: Db, exceptId: number): Promise<number> {
    const [row] = await tx
      .select({ n: sql<number>`count(distinct ${groupUser.userId})::int` })
      .from(groupUser)
      .innerJoin(this.groups, eq(this.groups.id, groupUser.groupId))
      .innerJoin(users, eq(users.id, groupUser.userId))
      .where(
        and(
          eq(this.groups.name, ADMIN_GROUP),
          eq(groupUser.permissionKey, "rw"),
          eq(users.validId, 1),
          ne(groupUser.userId, exceptId),
        ),
      );
    return row?.n ?? 0;
  }

  /** Adds an agent; an empty password is generated and returned once. */
  async create(
    actor: Actor,
    input: AgentInput,
  ): Promise<{ agent: AgentRecord; generatedPassword: string | null }> {
    this.requireAdmin(actor);
    const login = cleanLine("login", "login", input.login, AGENT_FIELDS.login.max);
    const firstName = cleanLine("firstName", "first name", input.firstName, AGENT_FIELDS.firstName.max);
    const lastName = cleanLine("lastName", "last name", input.lastName, AGENT_FIELDS.lastName.max);
    const role = input.role == null ? "READ_ONLY" : checkRole("role", input.role);
    const validId = input.validId ?? 1;
    const given = input.password ?? "";
    const generatedPassword = given === "" ? generatePassword() : null;
    const pw = await hashPassword(generatedPassword ?? checkPassword("password", given), this.passwordHash);
    try {
      const agent = await this.db.transaction(async (tx) => {
        await this.assertLoginFree(tx, login, null);
        const now = this.now();
        const [row] = await tx
          .insert(users)
          .values({
            login,
            pw,
            firstName,
            lastName,
            validId,
            ...createdBy(actor.id, now),
          })
          .returning({ id: users.id });
        await this.writeRole(tx, actor, row!.id, role);
        const created = await this.mustGet(tx, row!.id);
        await this.audit.record(tx, actor, "agent", String(created.id), "create", null, agentAudit(created));
        return created;
      });
      return { agent, generatedPassword };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`The login "${login}" is already taken by another agent.`, "login");
      }
      throw error;
    }
  }

  /**
   * Changes login, names, role and validity (a field left out keeps its value; a password given
   * here is set as by setPassword). Making an agent invalid, demoting it or changing its password
   * ends its sessions. The last valid ADMIN stays a valid ADMIN.
   */
  async update(actor: Actor, id: number | string, input: AgentInput): Promise<AgentRecord> {
    this.requireAdmin(actor);
    const agentId = parseId(id, "agent", "id");
    const login =
      input.login == null ? undefined : cleanLine("login", "login", input.login, AGENT_FIELDS.login.max);
    const firstName =
      input.firstName == null
        ? undefined
        : cleanLine("firstName", "first name", input.firstName, AGENT_FIELDS.firstName.max);
    const lastName =
      input.lastName == null
        ? undefined
        : cleanLine("lastName", "last name", input.lastName, AGENT_FIELDS.lastName.max);
    const role = input.role == null ? undefined : checkRole("role", input.role);
    const validId = input.validId ?? undefined;
    const pw = input.password
      ? await hashPassword(checkPassword("password", input.password), this.passwordHash)
      : undefined;
    try {
      return await this.db.transaction(async (tx) => {
        await this.lockRoles(tx, actor);
        const before = await this.mustGet(tx, agentId);
        if (login !== undefined && login !== before.login) await this.assertLoginFree(tx, login, agentId);
        const demoted = role !== undefined && roleRank(role) < roleRank(before.role);
        const invalidated = validId !== undefined && validId !== 1 && before.validId === 1;
        if (
          before.role === "ADMIN" &&
          before.validId === 1 &&
          (demoted || invalidated) &&
          (await this.otherValidAdmins(tx, agentId)) === 0
        ) {
          throw new PreconditionFailedError(
            `"${before.login}" is the last valid ADMIN: make another agent a valid ADMIN first.`,
            { reason: "lastAdmin", value: before.login },
          );
        }
        await tx
          .update(users)
          .set({
            ...(login !== undefined ? { login } : {}),
            ...(firstName !== undefined ? { firstName } : {}),
            ...(lastName !== undefined ? { lastName } : {}),
            ...(validId !== undefined ? { validId } : {}),
            ...(pw !== undefined ? { pw } : {}),
            changeTime: this.now(),
            changeBy: actor.id,
          })
          .where(eq(users.id, agentId));
        if (role !== undefined && role !== before.role) await this.writeRole(tx, actor, agentId, role);
        if (demoted || invalidated || pw !== undefined) {
          await tx.delete(sessions).where(eq(sessions.agentId, agentId));
        }
        const after = await this.mustGet(tx, agentId);
        await this.audit.record(tx, actor, "agent", String(agentId), "update", agentAudit(before), {
          ...agentAudit(after),
          ...(pw !== undefined ? { changed: "password" } : {}),
        });
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`The login "${login}" is already taken by another agent.`, "login");
      }
      throw error;
    }
  }

  /**
   * Sets an agent's password (an ADMIN for anyone, an agent for itself) and ends that agent's
   * other sessions; `keepSession` is the session token of the request, which stays signed in.
   */
  async setPassword(
    actor: Actor,
    id: number | string,
    password: string,
    keepSession: string | null = null,
  ): Promise<void> {
    const agentId = parseId(id, "agent", "id");
    if (actor.role !== "ADMIN" && actor.id !== agentId) {
      throw new ForbiddenError("Only an ADMIN may set another agent's password.");
    }
    const pw = await hashPassword(checkPassword("password", password), this.passwordHash);
    await this.db.transaction(async (tx) => {
      const agent = await this.mustGet(tx, agentId);
      await tx
        .update(users)
        .set({ pw, changeTime: this.now(), changeBy: actor.id })
        .where(eq(users.id, agentId));
      const keep = keepSession ? sha256(keepSession) : null;
      await tx
        .delete(sessions)
        .where(and(eq(sessions.agentId, agentId), keep ? ne(sessions.tokenHash, keep) : undefined));
      await this.audit.record(tx, actor, "agent", String(agentId), "set_password", null, {
        login: agent.login,
        changed: "password",
      });
    });
  }

  /** The agent behind a login, for the command line. */
  async findByLogin(login: string): Promise<AgentRecord | null> {
    const [row] = await this.db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.login}) = lower(${login.trim()})`);
    return row ? this.get(row.id) : null;
  }

  private requireAdmin(actor: Actor): void {
    if (actor.role !== "ADMIN") throw new ForbiddenError("Only an ADMIN may change agents and API tokens.");
  }

  // ---- API tokens ----

  async listApiTokens(): Promise<ApiTokenRecord[]> {
    const rows = await this.db
      .select(tokenColumns)
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.agentId))
      .orderBy(asc(apiTokens.id));
    return rows.map(toToken);
  }

  /**
   * Makes an API token acting as `actor` (or, from the command line, as agent `agentId`); it never
   * acts above its agent's role. The token is returned once and stored as a SHA-256 hash.
   */
  async createApiToken(
    actor: Actor,
    input: { name: string; role?: AgentRole | null; expiresAt?: Date | null; agentId?: number },
  ): Promise<{ apiToken: ApiTokenRecord; token: string }> {
    this.requireAdmin(actor);
    const agentId = input.agentId ?? actor.id;
    const name = cleanLine("name", "token name", input.name, API_TOKEN_NAME_MAX);
    const role = input.role == null ? "ADMIN" : checkRole("role", input.role);
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= this.now())) {
      throw new BadInputError("expiresAt", "The expiry must lie in the future.");
    }
    const token = newToken();
    const apiToken = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(apiTokens)
        .values({ name, tokenHash: sha256(token), agentId, role, expiresAt, createdAt: this.now() })
        .returning({ id: apiTokens.id });
      const created = await this.tokenById(tx, row!.id);
      await this.audit.record(tx, actor, "api_token", String(created.id), "create", null, {
        name,
        role,
        expiresAt,
      });
      return created;
    });
    return { apiToken, token };
  }

  /** Revokes a token for good (revoking it again changes nothing). */
  async revokeApiToken(actor: Actor, id: number | string): Promise<ApiTokenRecord> {
    this.requireAdmin(actor);
    const tokenId = parseId(id, "API token", "id");
    return this.db.transaction(async (tx) => {
      const before = await this.tokenById(tx, tokenId);
      if (before.revoked) return before;
      await tx.update(apiTokens).set({ revokedAt: this.now() }).where(eq(apiTokens.id, tokenId));
      const after = await this.tokenById(tx, tokenId);
      await this.audit.record(
        tx,
        actor,
        "api_token",
        String(tokenId),
        "revoke",
        { revoked: false },
        {
          name: after.name,
          revoked: true,
        },
      );
      return after;
    });
  }

  private async tokenById(db: Db, id: number): Promise<ApiTokenRecord> {
    const [row] = await db
      .select(tokenColumns)
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.agentId))
      .where(eq(apiTokens.id, id));
    if (!row) throw new NotFoundError(`There is no API token with id "${id}".`, { field: "id" });
    return toToken(row);
  }

  /** A valid agent with a Clientele role as an actor, by login (default root@localhost). */
  async actorByLogin(login = ADMIN_LOGIN): Promise<Actor> {
    const agent = await this.findByLogin(login);
    if (!agent) throw new BadInputError("agent", `No agent with the login "${login}" and a Clientele role.`);
    if (agent.validId !== 1) throw new BadInputError("agent", `The agent "${agent.login}" is not valid.`);
    return { id: agent.id, login: agent.login, role: agent.role };
  }

  /**
   * The command line acts with full rights (whoever runs it can reach the database anyway), so it
   * can also bring back an ADMIN when none is left. Rows it writes are marked as by root@localhost.
   */
  async commandLineActor(): Promise<Actor> {
    const [root] = await this.db.select({ id: users.id }).from(users).where(eq(users.login, ADMIN_LOGIN));
    return { id: root?.id ?? 1, login: "command line", role: "ADMIN" };
  }
}
