import { and, asc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Actor, AuditLog } from "../audit/audit";
import { type BulkResult, bulkLogins, bulkResult, requireLoginsFound } from "../bulk";
import type { CustomerUserLookup } from "../customer-users/lookup";
import type { CustomerUserRecord } from "../customer-users/sources/source";
import { insertInChunks } from "../db/batch";
import type { Db } from "../db/client";
import { createdBy } from "../db/otobo-columns";
import { customerCompany, groupCustomer, groupCustomerUser, groupsTable, settings } from "../db/schema";
import { BadInputError, NotFoundError } from "../errors";
import { CATALOG_FIELDS, OTOBO_CATALOG_NAME_MAX } from "../rules/catalog";
import { DEFAULT_SETTINGS } from "../settings/service";
import { type CatalogRecord, CatalogTable, toCatalogRecord } from "../shared/catalog-table";
import type { CatalogInput } from "../shared/catalog-validation";
import {
  CONTEXT_STORAGE,
  contextFromStorage,
  grantsRoOrRw,
  MANAGED_KEYS,
  type Permission,
  type PermissionContext,
  permissionFromKey,
  sortPermissions,
  storedKeys,
} from "../shared/permission";
import { inJsonList, lockRelation } from "../shared/sql";
import { compareText } from "../shared/text";

export type GroupRecord = CatalogRecord;

/** A direct grant of a customer user on a group, as stored (raw: rw does not list ro). */
export interface CustomerUserGroupGrant {
  login: string;
  group: GroupRecord;
  permissions: Permission[];
}

/** A grant of a customer (company) on a group in one permission context, as stored. */
export interface CustomerGroupGrant {
  customerId: string;
  group: GroupRecord;
  permissions: Permission[];
  context: PermissionContext;
}

export interface GroupGrantInput {
  groupId: number | string;
  permissions: readonly Permission[];
  /** Customer grants only; default SAME_CUSTOMER. */
  context?: PermissionContext | null;
}

export interface CustomerUserGrantInput {
  login: string;
  permissions: readonly Permission[];
}

export interface CustomerGrantInput {
  customerId: string;
  permissions: readonly Permission[];
  context?: PermissionContext | null;
}

export interface GroupsDeps {
  customerUsers: CustomerUserLookup;
  audit: AuditLog;
  /** `groups_table` (OTOBO) or `permission_groups` (Znuny), as detected at start; default OTOBO's. */
  groupsTable?: typeof groupsTable;
}

const catalogs = new WeakMap<typeof groupsTable, CatalogTable>();
/** The catalog of the detected groups table (one per table object). */
export function groupsCatalogOf(table: typeof groupsTable = groupsTable): CatalogTable {
  let catalog = catalogs.get(table);
  if (!catalog) {
    const nameMax = table === groupsTable ? OTOBO_CATALOG_NAME_MAX : CATALOG_FIELDS.name.max;
    catalog = new CatalogTable({ table, what: "group", nameMax });
    catalogs.set(table, catalog);
  }
  return catalog;
}
/** The columns of a GroupRecord, for queries that join groups. */
export const groupColumnsOf = (table: typeof groupsTable = groupsTable) => groupsCatalogOf(table).columns;

/**
 * Groups (OTOBO's groups_table) and the customer-user and customer grants on them.
 * No delete: a group is retired by setting it invalid, which removes it from every effective set
 * while keeping its grants for when it becomes valid again.
 */
export class GroupsService {
  private readonly groupsTable: typeof groupsTable;
  private readonly catalog: CatalogTable;

  constructor(
    private readonly db: Db,
    private readonly deps: GroupsDeps,
  ) {
    this.groupsTable = deps.groupsTable ?? groupsTable;
    this.catalog = groupsCatalogOf(this.groupsTable);
  }

  async list(options: { search?: string | null; validOnly?: boolean } = {}): Promise<GroupRecord[]> {
    return this.catalog.list(this.db, options, [
      sql`lower(${this.groupsTable.name})`,
      asc(this.groupsTable.id),
    ]);
  }

  async get(id: number | string): Promise<GroupRecord | null> {
    return this.catalog.get(this.db, id);
  }

  async getMany(ids: readonly number[]): Promise<Map<number, GroupRecord>> {
    return this.catalog.getMany(this.db, ids);
  }

  async create(actor: Actor, input: CatalogInput): Promise<GroupRecord> {
    return this.catalog.create(this.db, this.deps.audit, actor, input);
  }

  async update(actor: Actor, id: number | string, input: CatalogInput): Promise<GroupRecord> {
    return this.catalog.update(this.db, this.deps.audit, actor, id, input, async (tx, from, to) => {
      const changed = await renameInAlwaysGroupSettings(tx, from, to);
      if (changed.before) {
        await this.deps.audit.record(
          tx,
          actor,
          "settings",
          "settings",
          "rename_group",
          changed.before,
          changed.after,
        );
      }
    });
  }

  // ---- raw grants (what the matrices show) ----

  /** Direct grants of each login (exact, as stored), sorted by group name. */
  async customerUserGrantsMany(logins: readonly string[]): Promise<Map<string, CustomerUserGroupGrant[]>> {
    return perKey(logins, async (unique) => {
      const rows = await this.db
        .select({
          login: groupCustomerUser.userId,
          key: groupCustomerUser.permissionKey,
          group: this.catalog.columns,
        })
        .from(groupCustomerUser)
        .innerJoin(this.groupsTable, eq(this.groupsTable.id, groupCustomerUser.groupId))
        .where(and(inJsonList(groupCustomerUser.userId, unique), grantsRoOrRw(groupCustomerUser)));
      return foldGrants(rows, {
        owner: (r) => r.login,
        entryKey: (r) => String(r.group.id),
        entry: (r) => ({ login: r.login, group: toCatalogRecord(r.group) }),
        order: byGroupName,
      });
    });
  }

  async customerUserGrants(login: string): Promise<CustomerUserGroupGrant[]> {
    return (await this.customerUserGrantsMany([login])).get(login) ?? [];
  }

  /** Customer grants per customer id (exact, as stored), every context, sorted by group name. */
  async customerGrantsMany(customerIds: readonly string[]): Promise<Map<string, CustomerGroupGrant[]>> {
    return perKey(customerIds, async (unique) => {
      const rows = await this.db
        .select({
          customerId: groupCustomer.customerId,
          key: groupCustomer.permissionKey,
          context: groupCustomer.permissionContext,
          group: this.catalog.columns,
        })
        .from(groupCustomer)
        .innerJoin(this.groupsTable, eq(this.groupsTable.id, groupCustomer.groupId))
        .where(and(inJsonList(groupCustomer.customerId, unique), grantsRoOrRw(groupCustomer)));
      return foldGrants(withContext(rows), {
        owner: (r) => r.customerId,
        entryKey: (r) => `${r.group.id}\u0000${r.context}`,
        entry: (r) => ({ customerId: r.customerId, group: toCatalogRecord(r.group), context: r.context }),
        order: (a, b) => byGroupName(a, b) || a.context.localeCompare(b.context),
      });
    });
  }

  async customerGrants(customerId: string): Promise<CustomerGroupGrant[]> {
    return (await this.customerGrantsMany([customerId])).get(customerId) ?? [];
  }

  /** Direct customer-user grants on each group, by stored login (sorted case-insensitively). */
  async groupCustomerUserGrantsMany(
    groupIds: readonly number[],
  ): Promise<Map<number, { login: string; permissions: Permission[] }[]>> {
    return perKey(groupIds, async (unique) => {
      const rows = await this.db
        .select({
          login: groupCustomerUser.userId,
          key: groupCustomerUser.permissionKey,
          groupId: groupCustomerUser.groupId,
        })
        .from(groupCustomerUser)
        .where(and(inArray(groupCustomerUser.groupId, unique), grantsRoOrRw(groupCustomerUser)));
      return foldGrants(rows, {
        owner: (r) => r.groupId,
        entryKey: (r) => r.login,
        entry: (r) => ({ login: r.login }),
        order: (a, b) => compareText(a.login, b.login),
      });
    });
  }

  /** Customer grants on each group, sorted by customer id then context. */
  async groupCustomerGrantsMany(
    groupIds: readonly number[],
  ): Promise<Map<number, { customerId: string; permissions: Permission[]; context: PermissionContext }[]>> {
    return perKey(groupIds, async (unique) => {
      const rows = await this.db
        .select({
          customerId: groupCustomer.customerId,
          key: groupCustomer.permissionKey,
          context: groupCustomer.permissionContext,
          groupId: groupCustomer.groupId,
        })
        .from(groupCustomer)
        .where(and(inArray(groupCustomer.groupId, unique), grantsRoOrRw(groupCustomer)));
      return foldGrants(withContext(rows), {
        owner: (r) => r.groupId,
        entryKey: (r) => `${r.customerId}\u0000${r.context}`,
        entry: (r) => ({ customerId: r.customerId, context: r.context }),
        order: (a, b) => compareText(a.customerId, b.customerId) || a.context.localeCompare(b.context),
      });
    });
  }

  // ---- set mutations: each replaces the whole set on its side, atomically ----

  /** Replaces every direct grant of one customer user. Returns the user. */
  async setCustomerUserGroups(
    actor: Actor,
    login: string,
    grants: readonly GroupGrantInput[],
  ): Promise<CustomerUserRecord> {
    const record = await this.deps.customerUsers.get(login);
    if (!record) throw new NotFoundError(`There is no customer user "${login}".`, { field: "login", login });
    checkPermissions(grants);
    const wanted = new Map<number, Set<Permission>>();
    const groupIds = await this.catalog.existingIds(
      this.db,
      grants.map((g) => g.groupId),
      (i) => `grants.${i}.groupId`,
    );
    grants.forEach((g, i) => {
      const set = wanted.get(groupIds[i]!) ?? new Set<Permission>();
      wanted.set(groupIds[i]!, set);
      for (const p of g.permissions) set.add(p);
    });
    await this.db.transaction(async (tx) => {
      await lockRelation(tx, "group_customer_user");
      const before = await this.customerUserGrantsIn(tx, [record.login]);
      const rows = [...wanted].flatMap(([groupId, set]) =>
        grantRows(actor, set, { userId: record.login, groupId }),
      );
      await replaceManagedRows(tx, groupCustomerUser, eq(groupCustomerUser.userId, record.login), rows);
      const after = await this.customerUserGrantsIn(tx, [record.login]);
      await this.deps.audit.record(
        tx,
        actor,
        "customer_user",
        record.login,
        "set_groups",
        before.get(record.login) ?? [],
        after.get(record.login) ?? [],
      );
    });
    return record;
  }

  /** Replaces every direct customer-user grant on one group. */
  async setGroupCustomerUsers(
    actor: Actor,
    groupId: number | string,
    grants: readonly CustomerUserGrantInput[],
  ): Promise<GroupRecord> {
    const group = await this.catalog.require(this.db, groupId, "groupId");
    checkPermissions(grants);
    const records = await this.deps.customerUsers.getMany(grants.map((g) => g.login));
    const wanted = new Map<string, Set<Permission>>();
    grants.forEach((g, i) => {
      const record = records.get(g.login.toLowerCase());
      if (!record) {
        throw new NotFoundError(`There is no customer user "${g.login}".`, {
          field: `grants.${i}.login`,
          login: g.login,
        });
      }
      const set = wanted.get(record.login) ?? new Set<Permission>();
      wanted.set(record.login, set);
      for (const p of g.permissions) set.add(p);
    });
    await this.db.transaction((tx) => this.replaceGroupUsers(tx, actor, group, () => wanted));
    return group;
  }

  /**
   * Adds many customer users to one group with the given permissions (a bulk action of the list),
   * keeping every grant they and the others already have; one transaction, all or none. Returns how
   * many users were asked for and how many users' grants changed.
   */
  async addCustomerUsersToGroup(
    actor: Actor,
    groupId: number | string,
    logins: readonly string[],
    permissions: readonly string[],
  ): Promise<BulkResult> {
    const group = await this.catalog.require(this.db, groupId, "groupId");
    checkPermissions([{ permissions }]);
    if (permissions.length === 0)
      throw new BadInputError("permissions", "Pick RO, RW or both.", { reason: "noPermission" });
    const unique = bulkLogins(logins);
    const records = await this.deps.customerUsers.getMany(unique);
    requireLoginsFound(unique, records);
    const added = [...records.values()].map((r) => r.login);
    const changed = await this.db.transaction((tx) =>
      this.replaceGroupUsers(tx, actor, group, (before) => {
        const wanted = new Map([...before].map(([login, set]) => [login, new Set(set)]));
        for (const login of added) {
          const set = wanted.get(login) ?? new Set<Permission>();
          for (const p of permissions) set.add(p as Permission);
          wanted.set(login, set);
        }
        return wanted;
      }),
    );
    return bulkResult(logins, changed);
  }

  /** Replaces every grant of one customer (all contexts). Returns the stored customer id. */
  async setCustomerGroups(
    actor: Actor,
    customerId: string,
    grants: readonly GroupGrantInput[],
  ): Promise<string> {
    const customers = await this.findCustomers([customerId]);
    const canonical = customers.get(customerId.toLowerCase());
    if (!canonical) {
      throw new NotFoundError(`There is no customer "${customerId}".`, { field: "customerId", customerId });
    }
    checkPermissions(grants);
    const groupIds = await this.catalog.existingIds(
      this.db,
      grants.map((g) => g.groupId),
      (i) => `grants.${i}.groupId`,
    );
    const wanted = new Map<string, WantedCustomerGrant>();
    for (const [i, g] of grants.entries()) addCustomerGrant(wanted, canonical, groupIds[i]!, g);
    await this.db.transaction(async (tx) => {
      const { before, after } = await replaceCustomerGrants(
        tx,
        actor,
        eq(groupCustomer.customerId, canonical),
        wanted,
        () => this.customerRowsIn(tx, canonical),
      );
      await this.deps.audit.record(tx, actor, "customer", canonical, "set_groups", before, after);
    });
    return canonical;
  }

  /** Replaces every customer grant (all contexts) on one group. */
  async setGroupCustomers(
    actor: Actor,
    groupId: number | string,
    grants: readonly CustomerGrantInput[],
  ): Promise<GroupRecord> {
    const group = await this.catalog.require(this.db, groupId, "groupId");
    const id = group.id;
    checkPermissions(grants);
    const customers = await this.findCustomers(grants.map((g) => g.customerId));
    const wanted = new Map<string, WantedCustomerGrant>();
    grants.forEach((g, i) => {
      const canonical = customers.get(g.customerId.toLowerCase());
      if (!canonical) {
        throw new NotFoundError(`There is no customer "${g.customerId}".`, {
          field: `grants.${i}.customerId`,
          customerId: g.customerId,
        });
      }
      addCustomerGrant(wanted, canonical, id, g);
    });
    await this.db.transaction(async (tx) => {
      const { before, after } = await replaceCustomerGrants(
        tx,
        actor,
        eq(groupCustomer.groupId, id),
        wanted,
        () => this.groupCustomerRowsIn(tx, id),
      );
      await this.deps.audit.record(tx, actor, "group", String(id), "set_customers", before, after);
      const changed = new Set<string>();
      const index = (list: typeof before) =>
        new Map(list.map((e) => [`${e.customerId}\u0000${e.context}`, e.permissions.join()]));
      const b = index(before);
      const a = index(after);
      for (const k of new Set([...b.keys(), ...a.keys()]))
        if (b.get(k) !== a.get(k)) changed.add(k.split("\u0000")[0]!);
      await this.deps.audit.recordMany(
        tx,
        actor,
        [...changed].map((customerId) => ({
          entityType: "customer" as const,
          entityId: customerId,
          action: "set_groups",
          before: { [group.name]: before.filter((e) => e.customerId === customerId) },
          after: { [group.name]: after.filter((e) => e.customerId === customerId) },
        })),
      );
    });
    return group;
  }

  // ---- helpers ----

  /** Canonical customer ids by lower-cased input (customer ids are unique case-insensitively). */
  private async findCustomers(customerIds: readonly string[]): Promise<Map<string, string>> {
    const lowered = [...new Set(customerIds.map((c) => c.toLowerCase()))];
    if (lowered.length === 0) return new Map();
    const rows = await this.db
      .select({ customerId: customerCompany.customerId })
      .from(customerCompany)
      .where(inJsonList(sql`lower(${customerCompany.customerId})`, lowered));
    return new Map(rows.map((r) => [r.customerId.toLowerCase(), r.customerId]));
  }

  private async customerUserGrantsIn(tx: Db, logins: string[]) {
    const grants = await new GroupsService(tx, this.deps).customerUserGrantsMany(logins);
    return new Map(
      [...grants].map(([l, list]) => [
        l,
        list.map((g) => ({ group: g.group.name, groupId: g.group.id, permissions: g.permissions })),
      ]),
    );
  }

  /**
   * The one write of a group's direct customer-user grants: `next` gets the grants as they are (in the
   * transaction, after the lock) and says what they become; the group's and each changed user's history
   * record it.
   */
  private async replaceGroupUsers(
    tx: Db,
    actor: Actor,
    group: GroupRecord,
    next: (before: Map<string, Permission[]>) => Map<string, Set<Permission>>,
  ): Promise<number> {
    const id = group.id;
    await lockRelation(tx, "group_customer_user");
    const before = await this.groupUserRowsIn(tx, id);
    const wanted = next(before);
    const rows = [...wanted].flatMap(([login, set]) => grantRows(actor, set, { userId: login, groupId: id }));
    await replaceManagedRows(tx, groupCustomerUser, eq(groupCustomerUser.groupId, id), rows);
    const after = await this.groupUserRowsIn(tx, id);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
      (login) => (before.get(login) ?? []).join() !== (after.get(login) ?? []).join(),
    );
    await this.deps.audit.record(
      tx,
      actor,
      "group",
      String(id),
      "set_customer_users",
      mapToObject(before),
      mapToObject(after),
    );
    // One entry per customer user whose grants changed, so each user's history shows it too;
    // written in batches, as a group can hold 10,000 users.
    await this.deps.audit.recordMany(
      tx,
      actor,
      changed.map((login) => ({
        entityType: "customer_user" as const,
        entityId: login,
        action: "set_groups",
        before: { [group.name]: before.get(login) ?? [] },
        after: { [group.name]: after.get(login) ?? [] },
      })),
    );
    return changed.length;
  }

  private async groupUserRowsIn(tx: Db, groupId: number): Promise<Map<string, Permission[]>> {
    const grants = await new GroupsService(tx, this.deps).groupCustomerUserGrantsMany([groupId]);
    return new Map((grants.get(groupId) ?? []).map((g) => [g.login, g.permissions]));
  }

  private async customerRowsIn(tx: Db, customerId: string) {
    const grants = await new GroupsService(tx, this.deps).customerGrantsMany([customerId]);
    return (grants.get(customerId) ?? []).map((g) => ({
      group: g.group.name,
      groupId: g.group.id,
      context: g.context,
      permissions: g.permissions,
    }));
  }

  private async groupCustomerRowsIn(tx: Db, groupId: number) {
    const grants = await new GroupsService(tx, this.deps).groupCustomerGrantsMany([groupId]);
    return grants.get(groupId) ?? [];
  }
}

/** Keeps always-group settings pointing at a renamed group (they store names, as OTOBO's config does). */
async function renameInAlwaysGroupSettings(
  tx: Db,
  from: string,
  to: string,
): Promise<{ before: Record<string, unknown> | null; after: Record<string, unknown> }> {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of ["customerGroupAlwaysGroups", "customerGroupCompanyAlwaysGroups"] as const) {
    const [row] = await tx.select().from(settings).where(eq(settings.key, key)).for("update");
    // No row means the default (["users"]), which must follow a rename of `users` just the same.
    const names = (row ? row.value : DEFAULT_SETTINGS[key]) as unknown[];
    if (!Array.isArray(names) || !names.includes(from)) continue;
    const renamed = names.map((n) => (n === from ? to : n));
    await tx
      .insert(settings)
      .values({ key, value: renamed, changedAt: new Date() })
      .onConflictDoUpdate({ target: settings.key, set: { value: renamed, changedAt: new Date() } });
    before[key] = names;
    after[key] = renamed;
  }
  return { before: Object.keys(before).length ? before : null, after };
}

/** GraphQL enums already restrict permissions; the domain checks again for other callers. */
function checkPermissions(
  grants: readonly { permissions: readonly string[]; context?: string | null }[],
): void {
  grants.forEach((g, i) => {
    for (const p of g.permissions) {
      if (p !== "RO" && p !== "RW") {
        throw new BadInputError(`grants.${i}.permissions`, `Unknown permission "${p}": use RO or RW.`);
      }
    }
    if (g.context != null && g.context !== "SAME_CUSTOMER" && g.context !== "OTHER_CUSTOMERS") {
      throw new BadInputError(
        `grants.${i}.context`,
        `Unknown context "${g.context}": use SAME_CUSTOMER or OTHER_CUSTOMERS.`,
      );
    }
  });
}

/** One customer's wanted permissions on one group in one context (a set mutation's input, merged). */
interface WantedCustomerGrant {
  customerId: string;
  groupId: number;
  context: PermissionContext;
  set: Set<Permission>;
}

/** Adds a grant to `wanted`, merging the permissions of repeats (default context SAME_CUSTOMER). */
function addCustomerGrant(
  wanted: Map<string, WantedCustomerGrant>,
  customerId: string,
  groupId: number,
  grant: { context?: PermissionContext | null; permissions: readonly Permission[] },
): void {
  const context = grant.context ?? "SAME_CUSTOMER";
  const k = `${customerId}\u0000${groupId}\u0000${context}`;
  const entry = wanted.get(k) ?? { customerId, groupId, context, set: new Set<Permission>() };
  wanted.set(k, entry);
  for (const p of grant.permissions) entry.set.add(p);
}

/**
 * The one write of customer grants: under the table lock, the rows `side` selects become `wanted`;
 * `read` gives the grants as they were and as they are, for the audit.
 */
async function replaceCustomerGrants<T>(
  tx: Db,
  actor: Actor,
  side: SQL,
  wanted: Map<string, WantedCustomerGrant>,
  read: () => Promise<T>,
): Promise<{ before: T; after: T }> {
  await lockRelation(tx, "group_customer");
  const before = await read();
  const rows = [...wanted.values()].flatMap((e) =>
    grantRows(actor, e.set, {
      customerId: e.customerId,
      groupId: e.groupId,
      permissionContext: CONTEXT_STORAGE[e.context],
    }),
  );
  await replaceManagedRows(tx, groupCustomer, side, rows);
  return { before, after: await read() };
}

/** Replaces our (ro/rw) rows on one side of a grant table; rows with other OTOBO keys stay. */
async function replaceManagedRows<T extends typeof groupCustomerUser | typeof groupCustomer>(
  tx: Db,
  table: T,
  side: SQL,
  rows: T["$inferInsert"][],
): Promise<void> {
  // Value-0 rows (OTOBO's "explicitly not granted") stay, unless the new set grants the same key.
  await tx
    .delete(table)
    .where(and(side, inArray(table.permissionKey, MANAGED_KEYS), ne(table.permissionValue, 0)));
  const hasContext = "permissionContext" in table;
  const ownerColumn = "userId" in table ? table.userId : (table as typeof groupCustomer).customerId;
  const composite = sql`concat_ws(chr(31), ${ownerColumn}, ${table.groupId}, ${table.permissionKey}${
    hasContext ? sql`, ${(table as typeof groupCustomer).permissionContext}` : sql``
  })`;
  const granted = rows.map((row) => {
    const r = row as Record<string, unknown>;
    const parts = [r.userId ?? r.customerId, r.groupId, r.permissionKey];
    if (hasContext) parts.push(r.permissionContext);
    return parts.map(String).join("\u001f");
  });
  if (granted.length > 0) {
    await tx.delete(table).where(and(side, eq(table.permissionValue, 0), inJsonList(composite, granted)));
  }
  // Typed by T at the call sites; drizzle cannot check an insert into a table that is still generic.
  await insertInChunks(tx, table as PgTable, rows);
}

/** The rows stored for one ticked permission set (see storedKeys), written by `actor`. */
const grantRows = <R>(actor: Actor, permissions: Set<Permission>, row: R) =>
  storedKeys([...permissions]).map((key) => ({
    ...row,
    permissionKey: key,
    permissionValue: 1,
    ...createdBy(actor.id),
  }));

const mapToObject = <V>(map: Map<string, V>): Record<string, V> => Object.fromEntries(map);

/**
 * Folds grant rows (one per stored key) into per-owner lists with one entry per `entryKey`, each
 * with its permissions in RO, RW order, the list sorted by `order`. Keys other than ro/rw are skipped.
 */
function foldGrants<R extends { key: string }, O, E>(
  rows: readonly R[],
  by: {
    owner: (row: R) => O;
    entryKey: (row: R) => string;
    entry: (row: R) => E;
    order: (a: E, b: E) => number;
  },
): Map<O, (E & { permissions: Permission[] })[]> {
  const perOwner = new Map<O, Map<string, { entry: E; set: Set<Permission> }>>();
  for (const r of rows) {
    const p = permissionFromKey(r.key);
    if (!p) continue;
    const o = by.owner(r);
    const entries = perOwner.get(o) ?? new Map<string, { entry: E; set: Set<Permission> }>();
    perOwner.set(o, entries);
    const k = by.entryKey(r);
    const found = entries.get(k) ?? { entry: by.entry(r), set: new Set<Permission>() };
    entries.set(k, found);
    found.set.add(p);
  }
  return new Map(
    [...perOwner].map(([o, entries]) => [
      o,
      [...entries.values()].map((e) => ({ ...e.entry, permissions: sortPermissions(e.set) })).sort(by.order),
    ]),
  );
}

/**
 * A list per distinct key (empty for a key with nothing), filled by one `load` of the distinct keys;
 * no query at all for no keys.
 */
async function perKey<K, E>(
  keys: readonly K[],
  load: (unique: K[]) => Promise<Map<K, E[]>>,
): Promise<Map<K, E[]>> {
  const unique = [...new Set(keys)];
  const result = new Map<K, E[]>(unique.map((k) => [k, []]));
  if (unique.length === 0) return result;
  for (const [key, list] of await load(unique)) result.set(key, list);
  return result;
}

/** Customer grant rows with their context under the API's name; a context that is not ours is skipped. */
function withContext<R extends { context: string }>(rows: readonly R[]) {
  return rows.flatMap((r) => {
    const context = contextFromStorage(r.context);
    return context ? [{ ...r, context }] : [];
  });
}

const byGroupName = (a: { group: GroupRecord }, b: { group: GroupRecord }) =>
  compareText(a.group.name, b.group.name);
