import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TOKEN_CACHE_MS } from "../../src/agents/token-cache";
import type { Actor } from "../../src/audit/audit";
import { type Clientele, createClientele } from "../../src/clientele";
import { loadConfig } from "../../src/config/backends";
import { queryRows } from "../../src/db/client";
import { sessions } from "../../src/db/schema";
import { createTestDatabase, type TestDatabase } from "../../src/testing";

let database: TestDatabase;
let app: Clientele;
/** The clock of the agents service; tests move it instead of sleeping. */
let clock = new Date("2030-01-01T08:00:00Z");
let root: Actor;

const MINUTE = 60 * 1000;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createClientele({
    database,
    config: loadConfig(undefined),
    sessionIdleMinutes: 30,
    now: () => clock,
  });
  await app.agents.ensureAdmin("root-password");
  root = await app.agents.actorByLogin();
});
afterAll(async () => database?.drop());

const groupUserRows = (userId: number) =>
  queryRows<{ permission_key: string; create_by: number; change_by: number; create_time: string }>(
    app.db,
    sql`SELECT gu.permission_key, gu.create_by, gu.change_by, gu.create_time FROM group_user gu
        JOIN groups_table g ON g.id = gu.group_id WHERE g.name = 'admin' AND gu.user_id = ${userId}
        ORDER BY gu.permission_key`,
  );

const sessionRow = (agentId: number) =>
  app.db.select({ last_seen_at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.agentId, agentId));

describe("roles stored in OTOBO's group_user", () => {
  test("root@localhost is created with rw in admin and is an ADMIN", async () => {
    expect(root.role).toBe("ADMIN");
    expect((await groupUserRows(root.id)).map((r) => r.permission_key)).toEqual(["rw"]);
  });

  test("createAgent writes users and group_user with every audit column; ro → READ_ONLY", async () => {
    const { agent, generatedPassword } = await app.agents.create(root, {
      login: "Reader",
      firstName: "Rea",
      lastName: "Der",
      role: "READ_ONLY",
    });
    expect(generatedPassword).toMatch(/^.{20}$/);
    expect(agent).toMatchObject({ login: "Reader", role: "READ_ONLY", validId: 1, lastLoginAt: null });
    const rows = await groupUserRows(agent.id);
    expect(rows).toEqual([
      { permission_key: "ro", create_by: root.id, change_by: root.id, create_time: "2030-01-01 08:00:00" },
    ]);
    const { actor } = await app.agents.login("reader", generatedPassword!);
    expect(actor.role).toBe("READ_ONLY");
    expect((await app.agents.get(agent.id))?.lastLoginAt?.getTime()).toBe(
      Math.floor(clock.getTime() / 1000) * 1000,
    );
    const audit = await app.audit.list("agent", String(agent.id));
    expect(JSON.stringify(audit)).not.toContain(generatedPassword!);
  });

  test("logins are unique case-insensitively; bad input is BAD_USER_INPUT naming the field", async () => {
    await expect(
      app.agents.create(root, { login: "READER", firstName: "a", lastName: "b", password: "x" }),
    ).rejects.toMatchObject({ code: "CONFLICT", extensions: { field: "login" } });
    await expect(
      app.agents.create(root, { login: "p", firstName: "a", lastName: "b", password: "x".repeat(1025) }),
    ).rejects.toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "password" } });
    await expect(
      app.agents.create(root, { login: "bad\u0000login", firstName: "a", lastName: "b" }),
    ).rejects.toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "login" } });
    await expect(app.agents.create(root, { login: "x", firstName: "", lastName: "b" })).rejects.toMatchObject(
      {
        extensions: { field: "firstName" },
      },
    );
  });

  test("an agent without rw or ro in admin may not sign in; other permission keys are kept on a role change", async () => {
    const { agent } = await app.agents.create(root, {
      login: "otobo-agent",
      firstName: "O",
      lastName: "A",
      password: "pw-otobo",
      role: "ADMIN",
    });
    // An OTOBO agent with extra keys in admin keeps them when Clientele changes the role.
    await app.db.execute(
      sql`INSERT INTO group_user (user_id, group_id, permission_key, create_time, create_by, change_time, change_by)
          SELECT ${agent.id}, id, 'move_into', now(), 1, now(), 1 FROM groups_table WHERE name = 'admin'`,
    );
    await app.agents.update(root, agent.id, { role: "READ_ONLY" });
    expect((await groupUserRows(agent.id)).map((r) => r.permission_key)).toEqual(["move_into", "ro"]);
    await app.db.execute(sql`DELETE FROM group_user WHERE user_id = ${agent.id} AND permission_key = 'ro'`);
    await expect(app.agents.login("otobo-agent", "pw-otobo")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringMatching(/not an agent of Clientele/),
    });
    expect(await app.agents.get(agent.id)).toBeNull();
  });

  test("the last valid ADMIN cannot be demoted or made invalid; nothing is written", async () => {
    await expect(app.agents.update(root, root.id, { role: "READ_ONLY" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await expect(app.agents.update(root, root.id, { validId: 2 })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect(await app.agents.get(root.id)).toMatchObject({ role: "ADMIN", validId: 1 });
    const { agent: second } = await app.agents.create(root, {
      login: "second-admin",
      firstName: "S",
      lastName: "A",
      role: "ADMIN",
    });
    // With a second valid ADMIN the first may step down, and then the second is the last one.
    const demoted = await app.agents.update(root, root.id, { role: "READ_ONLY" });
    expect(demoted.role).toBe("READ_ONLY");
    const secondActor = { id: second.id, login: second.login, role: "ADMIN" as const };
    await expect(app.agents.update(secondActor, second.id, { validId: 3 })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await app.agents.update(secondActor, root.id, { role: "ADMIN" });
    expect((await app.agents.get(root.id))?.role).toBe("ADMIN");
  });

  test("READ_ONLY actors cannot change agents or tokens", async () => {
    const reader = await app.agents.actorByLogin("reader");
    await expect(
      app.agents.create(reader, { login: "z", firstName: "z", lastName: "z" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(app.agents.createApiToken(reader, { name: "t" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("sessions", () => {
  test("end after 30 idle minutes; activity keeps them alive, last_seen_at written at most once a minute", async () => {
    const { agent } = await app.agents.create(root, {
      login: "idle",
      firstName: "I",
      lastName: "D",
      password: "idle-pw",
      role: "ADMIN",
    });
    const { token } = await app.agents.login("idle", "idle-pw");
    const [first] = await sessionRow(agent.id);
    advance(30 * 1000);
    expect(await app.agents.actorForSession(token)).toMatchObject({ login: "idle", role: "ADMIN" });
    expect((await sessionRow(agent.id))[0]!.last_seen_at).toEqual(first!.last_seen_at);
    advance(31 * 1000);
    await app.agents.actorForSession(token);
    expect((await sessionRow(agent.id))[0]!.last_seen_at.getTime()).toBe(clock.getTime());
    advance(29 * MINUTE);
    expect(await app.agents.actorForSession(token)).not.toBeNull();
    advance(30 * MINUTE + 1000);
    expect(await app.agents.actorForSession(token)).toBeNull();
  });

  test("end after 12 hours however active", async () => {
    const { token } = await app.agents.login("idle", "idle-pw");
    for (let i = 0; i < 24; i++) {
      expect(await app.agents.actorForSession(token)).not.toBeNull();
      advance(29 * MINUTE);
    }
    advance(25 * MINUTE); // 24 × 29 + 25 min = 12 h 1 min
    expect(await app.agents.actorForSession(token)).toBeNull();
  });

  test("a password change ends the agent's other sessions; invalidating or demoting ends all", async () => {
    const idle = await app.agents.actorByLogin("idle");
    const a = await app.agents.login("idle", "idle-pw");
    const b = await app.agents.login("idle", "idle-pw");
    await app.agents.setPassword(idle, idle.id, "new-idle-pw", a.token);
    expect(await app.agents.actorForSession(a.token)).not.toBeNull();
    expect(await app.agents.actorForSession(b.token)).toBeNull();
    const [entry] = await app.audit.list("agent", String(idle.id));
    expect(entry).toMatchObject({ action: "set_password", actor: "idle", after: { changed: "password" } });
    expect(JSON.stringify(entry)).not.toContain("new-idle-pw");
    await app.agents.update(root, idle.id, { role: "READ_ONLY" });
    expect(await app.agents.actorForSession(a.token)).toBeNull();
    const c = await app.agents.login("idle", "new-idle-pw");
    await app.agents.update(root, idle.id, { validId: 2 });
    expect(await app.agents.actorForSession(c.token)).toBeNull();
    await expect(app.agents.login("idle", "new-idle-pw")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  test("logout deletes the session", async () => {
    const { token } = await app.agents.login("root@localhost", "root-password");
    await app.agents.logout(token);
    expect(await queryRows(app.db, sql`SELECT 1 FROM clientele.session WHERE agent_id = ${root.id}`)).toEqual(
      [],
    );
  });
});

describe("API tokens", () => {
  test("act with the lower of their role and the agent's; revoked and expired tokens are refused", async () => {
    const full = await app.agents.createApiToken(root, { name: "full", role: "ADMIN" });
    const reading = await app.agents.createApiToken(root, { name: "reading", role: "READ_ONLY" });
    expect(full.apiToken).toMatchObject({ name: "full", role: "ADMIN", revoked: false, lastUsedAt: null });
    expect(await app.agents.actorForApiToken(full.token)).toMatchObject({ id: root.id, role: "ADMIN" });
    expect(await app.agents.actorForApiToken(reading.token)).toMatchObject({ role: "READ_ONLY" });
    const stored = await queryRows<{ token_hash: string }>(
      app.db,
      sql`SELECT token_hash FROM clientele.api_token`,
    );
    expect(JSON.stringify(stored)).not.toContain(full.token);

    const expiring = await app.agents.createApiToken(root, {
      name: "short",
      role: "ADMIN",
      expiresAt: new Date(clock.getTime() + 10 * MINUTE),
    });
    expect(await app.agents.actorForApiToken(expiring.token)).not.toBeNull();
    advance(10 * MINUTE);
    expect(await app.agents.actorForApiToken(expiring.token)).toBeNull();

    const revoked = await app.agents.revokeApiToken(root, full.apiToken.id);
    expect(revoked.revoked).toBe(true);
    expect(await app.agents.actorForApiToken(full.token)).toBeNull();
    await expect(
      app.agents.createApiToken(root, { name: "past", expiresAt: new Date(clock.getTime() - 1) }),
    ).rejects.toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "expiresAt" } });
    await expect(app.agents.revokeApiToken(root, "999999")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("an ADMIN token of an agent demoted to READ_ONLY acts READ_ONLY; of an invalid agent not at all", async () => {
    const { agent } = await app.agents.create(root, {
      login: "tok",
      firstName: "T",
      lastName: "K",
      role: "ADMIN",
    });
    const tokActor = { id: agent.id, login: agent.login, role: "ADMIN" as const };
    const { token } = await app.agents.createApiToken(tokActor, { name: "tok's", role: "ADMIN" });
    await app.agents.update(root, agent.id, { role: "READ_ONLY" });
    expect(await app.agents.actorForApiToken(token)).toMatchObject({ login: "tok", role: "READ_ONLY" });
    await app.agents.update(root, agent.id, { validId: 2 });
    expect(await app.agents.actorForApiToken(token)).toBeNull();
  });

  test("last_used_at is written at most once a minute", async () => {
    const { apiToken, token } = await app.agents.createApiToken(root, { name: "busy", role: "ADMIN" });
    const lastUsed = async () =>
      (await app.agents.listApiTokens()).find((t) => t.id === apiToken.id)!.lastUsedAt?.getTime();
    await app.agents.actorForApiToken(token);
    const first = clock.getTime();
    expect(await lastUsed()).toBe(first);
    advance(59 * 1000);
    await app.agents.actorForApiToken(token);
    expect(await lastUsed()).toBe(first);
    advance(1000);
    await app.agents.actorForApiToken(token);
    expect(await lastUsed()).toBe(clock.getTime());
  });

  test("a token's row answers from memory for a second: Clientele's own writes end it at once, others' within the second", async () => {
    const { apiToken, token } = await app.agents.createApiToken(root, { name: "remembered", role: "ADMIN" });
    expect(await app.agents.actorForApiToken(token)).toMatchObject({ role: "ADMIN" });
    // Revoked outside Clientele (OTOBO, SQL, the command line in another process): no write clock ticks.
    await app.db.execute(sql`UPDATE clientele.api_token SET revoked_at = now() WHERE id = ${apiToken.id}`);
    advance(TOKEN_CACHE_MS - 1);
    expect(await app.agents.actorForApiToken(token)).toMatchObject({ role: "ADMIN" });
    advance(1);
    expect(await app.agents.actorForApiToken(token)).toBeNull();

    // Any write Clientele commits (here a new agent) ends the remembered rows at once.
    const second = await app.agents.createApiToken(root, { name: "remembered too", role: "ADMIN" });
    expect(await app.agents.actorForApiToken(second.token)).toMatchObject({ role: "ADMIN" });
    await app.db.execute(
      sql`UPDATE clientele.api_token SET role = 'READ_ONLY' WHERE id = ${second.apiToken.id}`,
    );
    expect(await app.agents.actorForApiToken(second.token)).toMatchObject({ role: "ADMIN" });
    await app.agents.create(root, { login: "bystander", firstName: "By", lastName: "Stander" });
    expect(await app.agents.actorForApiToken(second.token)).toMatchObject({ role: "READ_ONLY" });
  });
});
