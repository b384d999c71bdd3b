import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Actor } from "../audit/audit";
import { hashPassword, verifyDummy, verifyPassword } from "../customer-users/passwords";
import type { Db } from "../db/client";
import { apiTokens, sessions, users } from "../db/schema";
import { BadInputError, UnauthenticatedError } from "../errors";
import { LoginThrottle } from "../security/login-throttle";

export const ADMIN_LOGIN = "root@localhost";
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

/** Agents (the admins who use Clientele), their browser sessions and API tokens. */
export class AgentsService {
  constructor(
    private readonly db: Db,
    private readonly throttle: LoginThrottle = new LoginThrottle(db),
  ) {}

  /**
   * Creates `root@localhost` on first start. Returns the password when it was generated, so the
   * caller can print it once.
   */
  async ensureAdmin(
    password: string | undefined,
  ): Promise<{ created: boolean; generatedPassword: string | null }> {
    const [existing] = await this.db.select({ id: users.id }).from(users).where(eq(users.login, ADMIN_LOGIN));
    if (existing) return { created: false, generatedPassword: null };
    const generatedPassword = password ? null : newToken().slice(0, 20);
    await this.db
      .insert(users)
      .values({
        login: ADMIN_LOGIN,
        pw: await hashPassword(password ?? generatedPassword!),
        firstName: "Admin",
        lastName: "Clientele",
      })
      .onConflictDoNothing();
    return { created: true, generatedPassword };
  }

  private async verify(login: string, password: string): Promise<Actor | null> {
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
    const check = await verifyPassword(agent.pw, password);
    return check.ok ? { id: agent.id, login: agent.login } : null;
  }

  /** Signs in; returns the session token for the cookie. Throttled per account and `client` address. */
  async login(login: string, password: string, client = "unknown"): Promise<{ actor: Actor; token: string }> {
    const actor = await this.throttle.attempt("agent", login, client, () =>
      this.verify(login.trim(), password),
    );
    if (!actor) throw new UnauthenticatedError("Wrong login or password.");
    const token = newToken();
    await this.db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
    await this.db.insert(sessions).values({
      tokenHash: sha256(token),
      agentId: actor.id,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    });
    return { actor, token };
  }

  async logout(token: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
  }

  async actorForSession(token: string): Promise<Actor | null> {
    const [row] = await this.db
      .select({ id: users.id, login: users.login })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.agentId))
      .where(
        and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, new Date()), eq(users.validId, 1)),
      );
    return row ?? null;
  }

  async actorForApiToken(token: string): Promise<Actor | null> {
    const [row] = await this.db
      .select({ id: users.id, login: users.login, tokenId: apiTokens.id })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.agentId))
      .where(and(eq(apiTokens.tokenHash, sha256(token)), eq(users.validId, 1)));
    if (!row) return null;
    await this.db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
    return { id: row.id, login: row.login };
  }

  /** Creates an API token for an agent; the token is shown once and stored as a hash. */
  async createApiToken(name: string, agentLogin = ADMIN_LOGIN): Promise<string> {
    if (!name.trim()) throw new BadInputError("name", "The token needs a name.");
    const [agent] = await this.db.select({ id: users.id }).from(users).where(eq(users.login, agentLogin));
    if (!agent) throw new BadInputError("agent", `No agent with the login "${agentLogin}".`);
    const token = newToken();
    await this.db
      .insert(apiTokens)
      .values({ name: name.trim(), tokenHash: sha256(token), agentId: agent.id });
    return token;
  }
}
