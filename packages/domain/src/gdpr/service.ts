import { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Actor, AuditEntry, AuditLog } from "../audit/audit";
import { isPasswordAttribute } from "../config/map";
import type { CustomerUserFacade } from "../customer-users/facade";
import type { PreferencesService } from "../customer-users/preferences";
import type { DbCustomerUserSource } from "../customer-users/sources/db-source";
import type { CustomerUserRecord, CustomerUserValues } from "../customer-users/sources/source";
import { type Db, queryRows } from "../db/client";
import { tableExists } from "../db/layout";
import { changedBy } from "../db/otobo-columns";
import {
  auditLog,
  customerPreferences,
  customerUserCustomer,
  groupCustomerUser,
  serviceCustomerUser,
} from "../db/schema";
import { utcTimestamp } from "../db/timestamps";
import { ForbiddenError, NotFoundError, ReadOnlySourceError } from "../errors";
import type { GroupsService } from "../groups/service";
import type { PermissionsService } from "../permissions/service";
import type { LoginThrottle } from "../security/login-throttle";
import { hashPassword, type PasswordHashFormat } from "../security/passwords";
import type { ServicesService } from "../services/service";
import type { Settings } from "../settings/service";
import type { CustomerUserAttributes } from "../tickets/attributes";
import { activeMapping, mappingChanges, type TicketsService } from "../tickets/service";
import { addHistory, currentValues, valueKey, writeValueChanges } from "../tickets/values";

export interface GdprDeps {
  customerUsers: CustomerUserFacade;
  preferences: PreferencesService;
  groups: GroupsService;
  services: ServicesService;
  permissions: PermissionsService;
  tickets: TicketsService;
  attributes: CustomerUserAttributes;
  audit: AuditLog;
  loginThrottle: LoginThrottle;
  settings: () => Promise<Settings>;
  /** The format of the unusable password an anonymised user gets (the one the server writes). */
  passwordFormat: PasswordHashFormat;
}

/** The domain of the placeholder addresses: `.invalid` never resolves (RFC 2606), yet passes the syntax check. */
export const ANONYMISED_EMAIL_DOMAIN = "anonymised.invalid";
export const ANONYMISED_LOGIN_PREFIX = "anonymised-";
/** What a required personal field holds after anonymisation. */
export const ANONYMISED_TEXT = "Anonymised";

/** Attributes that are not personal data: they stay as they are (the customer, the validity). */
const KEPT_ATTRIBUTES = new Set(["UserCustomerID", "UserCustomerIDs", "ValidID"]);

const lower = (s: string) => s.toLowerCase();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** OTOBO's ticket_history.name holds at most 200 characters. */
const HISTORY_NAME_MAX = 200;

/** A personal value and what replaces it wherever it was copied to (history, audit entries). */
interface Replacement {
  from: string;
  to: string;
}

/**
 * Replaces personal values inside any JSON value: a string equal to one (case-insensitively) becomes
 * its placeholder; inside longer strings only values of three characters or more are replaced, so a
 * short value ("Dr") does not eat into unrelated words. Keys are treated the same way.
 */
function scrubJson(value: unknown, replacements: readonly Replacement[]): unknown {
  if (typeof value === "string") return scrubText(value, replacements);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, replacements));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        scrubText(k, replacements),
        scrubJson(v, replacements),
      ]),
    );
  }
  return value;
}

function scrubText(text: string, replacements: readonly Replacement[]): string {
  let out = text;
  for (const { from, to } of replacements) {
    if (lower(out) === lower(from)) return to;
    if ([...from].length >= 3) out = out.replace(new RegExp(escapeRegExp(from), "gi"), to);
  }
  return out;
}

/**
 * Data-protection requests about one customer user (docs/domain.md §Data protection): everything
 * Clientele holds about the person as one JSON document, and irreversible anonymisation.
 * Both are for ADMIN agents and tokens only; an export is personal data too.
 */
export class GdprService {
  constructor(
    private readonly db: Db,
    private readonly deps: GdprDeps,
  ) {}

  private assertAdmin(actor: Actor): void {
    if (actor.role !== "ADMIN") {
      throw new ForbiddenError(
        "Only an ADMIN agent or token may export or anonymise a customer user's personal data.",
      );
    }
  }

  /**
   * Everything held about the person: every map attribute (never the password), source, validity,
   * timestamps, customers, group grants, services, effective permissions, preferences, the mapped
   * dynamic-field values of their tickets and the audit entries about them. Writes an `export`
   * audit entry that holds no personal data.
   */
  async exportData(login: string, actor: Actor): Promise<Record<string, unknown>> {
    this.assertAdmin(actor);
    const { customerUsers, groups, services, permissions, preferences, tickets } = this.deps;
    const record = await customerUsers.require(login);
    const [customerIds, extra, grants, explicitServices, effective, effectiveServices, prefs] =
      await Promise.all([
        customerUsers.customerIds(record),
        customerUsers.extraCustomerIds([record.login]),
        groups.customerUserGrants(record.login),
        services.explicitServices(record.login),
        permissions.effectiveFor(record),
        permissions.effectiveServicesFor(record),
        preferences.get(record.login),
      ]);
    const settings = await this.deps.settings();
    const { fields } = await tickets.fieldsAndMapping();
    const mapping = activeMapping({ ...settings, dynamicFieldFromCustomerUser: true }, fields);
    const ticketRows = await queryRows<{
      id: number | string;
      tn: string;
      title: string | null;
      customer_id: string | null;
      create_time: Date | string;
      change_time: Date | string;
    }>(
      this.db,
      sql`select id, tn, title, customer_id, create_time, change_time from ticket
          where lower(customer_user_id) = lower(${record.login}) order by id`,
    );
    const ticketIds = ticketRows.map((t) => Number(t.id));
    const values = await currentValues(
      this.db,
      ticketIds,
      mapping.map((m) => m.field.id),
    );
    const auditEntries = await this.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, "customer_user"),
          sql`lower(${auditLog.entityId}) = lower(${record.login})`,
        ),
      )
      .orderBy(asc(auditLog.id));
    const source = customerUsers.sourceOf(record);
    const document = {
      exportedAt: new Date().toISOString(),
      login: record.login,
      source: { id: record.source, name: source.config.name, readOnly: record.readOnly },
      valid: record.validId === 1 ? "VALID" : record.validId === 2 ? "INVALID" : "INVALID_TEMPORARILY",
      createdAt: record.createdAt?.toISOString() ?? null,
      changedAt: record.changedAt?.toISOString() ?? null,
      fields: Object.fromEntries(
        Object.entries(record.attributes).filter(([attribute]) => !isPasswordAttribute(attribute)),
      ),
      fullName: customerUsers.fullName(record),
      customers: {
        primary: record.attributes.UserCustomerID ?? null,
        extra: extra.get(record.login) ?? [],
        all: customerIds,
      },
      groups: grants.map((g) => ({ group: g.group.name, groupId: g.group.id, permissions: g.permissions })),
      services: explicitServices.map((s) => ({ id: s.id, name: s.name })),
      effectiveServices: effectiveServices.map((s) => ({ id: s.id, name: s.name })),
      effectivePermissions: effective.map((p) => ({
        group: p.group.name,
        permissions: p.permissions,
        via: p.via,
      })),
      preferences: Object.fromEntries(prefs.map((p) => [p.key, p.value])),
      tickets: ticketRows.map((t) => ({
        number: t.tn,
        title: t.title,
        customerId: t.customer_id,
        createdAt: utcTimestamp(t.create_time)?.toISOString() ?? null,
        changedAt: utcTimestamp(t.change_time)?.toISOString() ?? null,
        mappedDynamicFields: Object.fromEntries(
          mapping.map((m) => [m.field.name, values.get(valueKey(Number(t.id), m.field.id)) || null]),
        ),
      })),
      auditEntries: auditEntries.map((e: AuditEntry) => ({
        at: e.at.toISOString(),
        actor: e.actor,
        action: e.action,
        before: e.before,
        after: e.after,
      })),
    };
    await this.db.transaction((tx) =>
      this.deps.audit.record(tx, actor, "customer_user", record.login, "export", null, null),
    );
    return document;
  }

  /**
   * Irreversibly replaces the person's data by placeholders, in one transaction: every personal
   * attribute and the login (the customer and the validity stay), an unusable password; relations
   * and tickets move to the new login, the mapped dynamic-field values of the tickets are rewritten
   * from the placeholders, the personal values are scrubbed from the tickets' history and from
   * earlier audit entries, preferences and the sign-in throttle of the old login are removed, and
   * one audit entry without personal data is written. LDAP users are READ_ONLY_SOURCE: anonymise
   * them in the directory.
   */
  async anonymise(login: string, actor: Actor): Promise<CustomerUserRecord> {
    this.assertAdmin(actor);
    const { customerUsers, tickets, attributes } = this.deps;
    const found = await customerUsers.require(login);
    const source = customerUsers.sourceOf(found);
    if (source.readOnly || !source.writer) {
      throw new ReadOnlySourceError(
        source.id,
        `The customer user source "${source.id}" is read-only: anonymise "${found.login}" in the directory itself.`,
      );
    }
    const writer = source.writer;
    const suffix = randomBytes(8).toString("hex");
    const newLogin = `${ANONYMISED_LOGIN_PREFIX}${suffix}`;
    const newEmail = `${newLogin}@${ANONYMISED_EMAIL_DOMAIN}`;
    // Everything that reads outside the transaction happens first (PGlite has one connection).
    const unusable = await hashPassword(randomBytes(32).toString("base64url"), this.deps.passwordFormat);
    const settings = await this.deps.settings();
    const { fields } = await tickets.fieldsAndMapping();
    // Every row of the mapping, also while it is switched off: values it once wrote are personal data.
    const mapping = activeMapping({ ...settings, dynamicFieldFromCustomerUser: true }, fields);
    const types = await tickets.types();
    const lookup = await attributes.one(found.login);
    const hasTickets = await tableExists(this.db, "public.ticket");
    const hasOtoboSessions = await tableExists(this.db, "public.sessions");

    return this.db.transaction(async (tx) => {
      const current = await writer.lockForUpdate(tx, found.login);
      if (!current)
        throw new NotFoundError(`No customer user with the login "${login}".`, {
          field: "login",
          params: { value: login },
        });
      const oldLogin = current.login;
      const values: CustomerUserValues = { ...current.attributes, ValidID: String(current.validId) };
      const replacements: Replacement[] = [{ from: oldLogin, to: newLogin }];
      const replaced: string[] = [];
      for (const row of source.config.map) {
        const attribute = row.attribute;
        if (isPasswordAttribute(attribute) || KEPT_ATTRIBUTES.has(attribute)) continue;
        const before = current.attributes[attribute] ?? null;
        let after: string | null;
        if (attribute === "UserLogin") after = newLogin;
        else if (attribute === "UserEmail") after = newEmail;
        else if (row.required) {
          const max = (source as Partial<DbCustomerUserSource>).maxLength?.(attribute) ?? null;
          after = max !== null && max < ANONYMISED_TEXT.length ? "x" : ANONYMISED_TEXT;
        } else after = null;
        values[attribute] = after;
        replaced.push(attribute);
        if (before && before !== after) replacements.push({ from: before, to: after ?? "" });
      }
      const oldFullName = customerUsers.fullName(current);
      const newRecord = { ...current, login: newLogin, attributes: values };
      const newFullName = customerUsers.fullName(newRecord);
      if (oldFullName.trim()) replacements.push({ from: oldFullName, to: newFullName });
      // Longest first, so a full name is replaced before the first name inside it.
      replacements.sort((a, b) => b.from.length - a.from.length);

      await writer.update(tx, oldLogin, values, actor.id);
      await writer.setPasswordHash(tx, newLogin, unusable);

      // Preferences are dropped, not moved; OTOBO's password-reset token goes with them.
      await tx
        .delete(customerPreferences)
        .where(sql`lower(${customerPreferences.userId}) = lower(${oldLogin})`);
      // Relations follow the new login; every case variant of the old one is the same user.
      const changed = changedBy(actor.id);
      await tx
        .update(customerUserCustomer)
        .set({ userId: newLogin, ...changed })
        .where(sql`lower(${customerUserCustomer.userId}) = lower(${oldLogin})`);
      await tx
        .update(groupCustomerUser)
        .set({ userId: newLogin, ...changed })
        .where(sql`lower(${groupCustomerUser.userId}) = lower(${oldLogin})`);
      await tx
        .update(serviceCustomerUser)
        .set({ customerUserLogin: newLogin })
        .where(sql`lower(${serviceCustomerUser.customerUserLogin}) = lower(${oldLogin})`);
      await this.deps.loginThrottle.forgetAccount(tx, "customer-user", oldLogin);
      if (hasOtoboSessions) {
        // OTOBO's customer-interface sessions of the old login end (its `sessions` table, one row per key).
        await tx.execute(sql`delete from sessions where session_id in (
            select session_id from sessions where data_key = 'UserLogin' and lower(data_value) = lower(${oldLogin}))
          and session_id in (select session_id from sessions where data_key = 'UserType' and data_value = 'Customer')`);
      }

      let ticketCount = 0;
      if (hasTickets) {
        ticketCount = await this.anonymiseTickets(tx, {
          actorId: actor.id,
          oldLogin,
          newLogin,
          customerId: values.UserCustomerID ?? null,
          mapping,
          types,
          attributes: lookup.found ? { ...lookup.attributes, ...values, UserFullname: newFullName } : null,
          replacements,
        });
      }
      await this.scrubAudit(
        tx,
        oldLogin,
        newLogin,
        newEmail,
        current.attributes.UserEmail ?? null,
        replacements,
      );
      await this.deps.audit.record(tx, actor, "customer_user", newLogin, "anonymise", null, {
        fields: replaced,
        tickets: ticketCount,
      });
      const result = await writer.lockForUpdate(tx, newLogin);
      if (!result) throw new Error(`Customer user ${newLogin} vanished during anonymisation`);
      return result;
    });
  }

  /**
   * Moves the person's tickets to the new login as OTOBO's TicketCustomerSet does (change time and
   * agent, a CustomerUpdate history line), rewrites the mapped values from the placeholders and
   * scrubs the personal values from the tickets' history. Returns how many tickets there were.
   */
  private async anonymiseTickets(
    tx: Db,
    p: {
      actorId: number;
      oldLogin: string;
      newLogin: string;
      customerId: string | null;
      mapping: ReturnType<typeof activeMapping>;
      types: Map<string, number> | null;
      attributes: Record<string, string | null> | null;
      replacements: readonly Replacement[];
    },
  ): Promise<number> {
    const moved = await queryRows<{ id: number | string; tn: string }>(
      tx,
      sql`update ticket set customer_user_id = ${p.newLogin}, change_time = current_timestamp, change_by = ${p.actorId}
          where lower(customer_user_id) = lower(${p.oldLogin}) returning id, tn`,
    );
    const ids = moved.map((t) => Number(t.id));
    if (ids.length === 0) return 0;
    await addHistory(
      tx,
      p.types,
      ids.map((ticketId) => ({
        ticketId,
        type: "CustomerUpdate",
        name: `%%CustomerID=${p.customerId ?? ""};CustomerUser=${p.newLogin};`,
      })),
      p.actorId,
    );
    if (p.mapping.length > 0) {
      const stored = await currentValues(
        tx,
        ids,
        p.mapping.map((m) => m.field.id),
      );
      const lookup = p.attributes
        ? { found: true as const, login: p.newLogin, customerId: p.customerId, attributes: p.attributes }
        : { found: false as const, reason: "anonymised" };
      const changes = ids.flatMap((id) => mappingChanges(id, p.mapping, lookup, stored));
      await writeValueChanges(tx, changes, p.actorId, p.types);
    }
    if (p.types) {
      const rows = await queryRows<{ id: number | string; name: string }>(
        tx,
        sql`select id, name from ticket_history where ticket_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::bigint)`,
      );
      const changed = rows.flatMap((row) => {
        const name = [...scrubText(row.name, p.replacements)].slice(0, HISTORY_NAME_MAX).join("");
        return name === row.name ? [] : [{ id: Number(row.id), name }];
      });
      // One statement per thousand lines, the new names travelling as one JSON parameter.
      for (let i = 0; i < changed.length; i += 1000) {
        await tx.execute(sql`update ticket_history h set name = v.name, change_time = current_timestamp, change_by = ${p.actorId}
          from jsonb_to_recordset(${JSON.stringify(changed.slice(i, i + 1000))}::jsonb) as v(id bigint, name text)
          where h.id = v.id`);
      }
    }
    // The tickets' audit entries are about the person too.
    await this.scrubEntries(
      tx,
      sql`entity_type = 'ticket' and entity_id in (select jsonb_array_elements_text(${JSON.stringify(moved.map((t) => t.tn))}::jsonb))`,
      p.replacements,
    );
    return ids.length;
  }

  /**
   * Earlier audit entries: those about the person lose every personal value and move to the new
   * login; any other entry that names the old login or email (group, service and customer
   * assignments) has exactly those replaced.
   */
  private async scrubAudit(
    tx: Db,
    oldLogin: string,
    newLogin: string,
    newEmail: string,
    oldEmail: string | null,
    replacements: readonly Replacement[],
  ): Promise<void> {
    await this.scrubEntries(
      tx,
      sql`entity_type = 'customer_user' and lower(entity_id) = lower(${oldLogin})`,
      replacements,
      newLogin,
    );
    const identifiers: Replacement[] = [{ from: oldLogin, to: newLogin }];
    if (oldEmail) identifiers.push({ from: oldEmail, to: newEmail });
    const mentions = identifiers.map(
      ({ from }) =>
        sql`(before::text ilike ${`%${escapeLike(JSON.stringify(from).slice(1, -1))}%`} or after::text ilike ${`%${escapeLike(JSON.stringify(from).slice(1, -1))}%`})`,
    );
    await this.scrubEntries(tx, sql.join(mentions, sql` or `), identifiers);
  }

  private async scrubEntries(
    tx: Db,
    where: ReturnType<typeof sql>,
    replacements: readonly Replacement[],
    newEntityId?: string,
  ): Promise<void> {
    const rows = await queryRows<{ id: number | string; before: unknown; after: unknown }>(
      tx,
      sql`select id, before, after from clientele.audit_log where ${where}`,
    );
    // A missing before/after stays SQL NULL (`has_*` false), not the JSON value null.
    const scrubbed = rows.map((row) => ({
      id: Number(row.id),
      has_before: row.before !== null && row.before !== undefined,
      before: row.before === null || row.before === undefined ? null : scrubJson(row.before, replacements),
      has_after: row.after !== null && row.after !== undefined,
      after: row.after === null || row.after === undefined ? null : scrubJson(row.after, replacements),
    }));
    // One statement per thousand entries, the scrubbed values travelling as one JSON parameter.
    for (let i = 0; i < scrubbed.length; i += 1000) {
      await tx.execute(sql`update clientele.audit_log a
        set before = case when v.has_before then v.before end, after = case when v.has_after then v.after end
          ${newEntityId ? sql`, entity_id = ${newEntityId}` : sql``}
        from jsonb_to_recordset(${JSON.stringify(scrubbed.slice(i, i + 1000))}::jsonb)
          as v(id bigint, has_before boolean, before jsonb, has_after boolean, after jsonb)
        where a.id = v.id`);
    }
  }
}
