import { and, eq, inArray, sql } from "drizzle-orm";
import type { CustomerUserLookup } from "../customer-users/lookup";
import type { CustomerUserRecord } from "../customer-users/sources/source";
import type { CustomerRecord } from "../customers/service";
import type { Db } from "../db/client";
import { customerCompany, groupCustomer, groupCustomerUser, groupsTable } from "../db/schema";
import { type CustomerUserGroupGrant, type GroupRecord, groupColumnsOf } from "../groups/service";
import type { ServiceRecord, ServicesService } from "../services/service";
import { DEFAULT_SERVICES_LOGIN } from "../services/service";
import type { Settings, SettingsService } from "../settings/service";
import { toCatalogRecord } from "../shared/catalog-table";
import {
  CONTEXT_STORAGE,
  grantsRoOrRw,
  type Permission,
  permissionFromKey,
  sortPermissions,
} from "../shared/permission";
import { inJsonList } from "../shared/sql";
import { compareText } from "../shared/text";

export type PermissionVia = "DIRECT" | "CUSTOMER" | "ALWAYS" | "COMPANY_ALWAYS";

/** One reason for one permission: a direct grant, a grant of customer X, or an always-group. */
export interface PermissionSource {
  via: PermissionVia;
  permission: Permission;
  /** The customer whose grant (or company always-group) this is; CUSTOMER and COMPANY_ALWAYS only. */
  customerId: string | null;
}

export interface EffectivePermission {
  group: GroupRecord;
  /** RO and/or RW; RW always comes with RO (rw implies ro). */
  permissions: Permission[];
  /** Every reason, so an admin can see why a user may do something. */
  via: PermissionSource[];
}

/** Who has a permission on one group (OTOBO's GroupMemberList by GroupID). */
export interface GroupMembers {
  /**
   * Every valid customer user has it: customerGroupSupport is off, or the group is an always-group
   * (for a company always-group: every valid user with a valid customer). The users are then not
   * listed one by one — there may be a million of them.
   */
  everyone: boolean;
  /** Otherwise the valid users with a direct grant or a grant of one of their customers, by login. */
  customerUsers: CustomerUserRecord[];
}

export interface PermissionsDeps {
  /** `groups_table` (OTOBO) or `permission_groups` (Znuny); default OTOBO's. */
  groupsTable?: typeof groupsTable;
  customerUsers: CustomerUserLookup;
  settings: SettingsService;
  services: ServicesService;
}

export interface BatchOptions {
  /** Settings already read in this request; saves one query. */
  settings?: Settings;
  /** customerIds already read in this request (lower-cased login → ids); saves one query. */
  customerIds?: ReadonlyMap<string, readonly string[]>;
  /** Explicit services already read in this request (stored login, `<DEFAULT>` included); saves one query. */
  explicitServices?: ReadonlyMap<string, readonly ServiceRecord[]>;
  /** Direct grants already read in this request (stored login → grants, as `customerUserGrantsMany`); saves one query. */
  directGrants?: ReadonlyMap<string, readonly CustomerUserGroupGrant[]>;
  /**
   * Customers already read in this request (stored id → record or null); saves one query when it
   * holds every customer id of the users exactly as stored.
   */
  customers?: ReadonlyMap<string, CustomerRecord | null>;
}

const VIA_ORDER: Record<PermissionVia, number> = { DIRECT: 0, CUSTOMER: 1, COMPANY_ALWAYS: 2, ALWAYS: 3 };

const keyOf = (record: CustomerUserRecord) => record.login.toLowerCase();

/**
 * An empty answer per user (by lower-cased login) and the users that can get anything: an invalid
 * customer user gets nothing.
 */
function emptyPerUser<T>(records: readonly CustomerUserRecord[]) {
  return {
    result: new Map<string, T[]>(records.map((r) => [keyOf(r), []])),
    valid: records.filter((r) => r.validId === 1),
  };
}

/**
 * Effective permissions and services of customer users (OTOBO's CustomerGroup::GroupMemberList,
 * GroupContextCustomers and Service::CustomerUserServiceMemberList), batched: the cost of a call is
 * a fixed number of queries whatever the number of users.
 *
 * Rules:
 * - An invalid customer user gets nothing; an invalid group or an invalid customer grants nothing.
 * - customerGroupSupport off: every valid user has RO and RW on every valid group, explained as
 *   ALWAYS (the feature being off means "always everything", exactly as OTOBO).
 * - customerGroupSupport on: direct grants ∪ same-customer grants of each of the user's valid
 *   customers (primary and extra) ∪ always-groups ∪ company always-groups of each valid customer.
 *   A stored rw counts as RW and RO.
 * - A customer id counts only if it names an existing, valid customer (differs: OTOBO also applies
 *   grants and company always-groups for ids that name no customer).
 */
export class PermissionsService {
  constructor(
    private readonly db: Db,
    private readonly deps: PermissionsDeps,
  ) {}

  async effectiveFor(record: CustomerUserRecord, options: BatchOptions = {}): Promise<EffectivePermission[]> {
    return (await this.effectiveForMany([record], options)).get(keyOf(record)) ?? [];
  }

  /**
   * Effective permissions keyed by lower-cased login; at most 6 queries for any number of users.
   * Users with the same direct grants and the same valid customers have the same permissions: each
   * such combination is worked out once and its list is shared by those users (never mutated), so a
   * 1000-user list where most users have no grant of their own costs a handful of computations.
   */
  async effectiveForMany(
    records: readonly CustomerUserRecord[],
    options: BatchOptions = {},
  ): Promise<Map<string, EffectivePermission[]>> {
    const { result, valid } = emptyPerUser<EffectivePermission>(records);
    if (valid.length === 0) return result;
    const settings = options.settings ?? (await this.deps.settings.get());
    const groups = await this.validGroups();
    if (groups.size === 0) return result;
    const alwaysGroups = namesToGroups(settings.customerGroupAlwaysGroups, groups);

    // What decides a user's permissions: direct grants and valid customers (customer group support).
    const direct = new Map<string, { groupId: number; permission: Permission }[]>();
    const customersOf = new Map<string, string[]>();
    let companyGrants = new Map<string, { groupId: number; permission: Permission }[]>();
    let companyAlways: GroupRecord[] = [];
    if (settings.customerGroupSupport) {
      for (const row of await this.directGrants(valid, options)) {
        const list = direct.get(row.login);
        if (list) list.push(row);
        else direct.set(row.login, [row]);
      }
      const customerIds = await this.customerIdsByLogin(valid, options);
      const customers = await this.validCustomers([...customerIds.values()].flat(), options);
      companyGrants = await this.customerGrants([...new Set(customers.values())], "SAME_CUSTOMER");
      companyAlways = namesToGroups(settings.customerGroupCompanyAlwaysGroups, groups);
      for (const r of valid) {
        const own = new Set<string>();
        for (const id of customerIds.get(keyOf(r)) ?? []) {
          const customerId = customers.get(id.toLowerCase());
          if (customerId) own.add(customerId);
        }
        customersOf.set(keyOf(r), [...own]);
      }
    }

    const computed = new Map<string, EffectivePermission[]>();
    for (const r of valid) {
      const login = keyOf(r);
      const grants = direct.get(login) ?? [];
      const customers = customersOf.get(login) ?? [];
      const signature = `${grants.map((g) => `${g.groupId}:${g.permission}`).join(",")}|${customers.join("\u0000")}`;
      let list = computed.get(signature);
      if (!list) {
        const acc = new PermissionAccumulator();
        if (!settings.customerGroupSupport) {
          for (const g of groups.values()) acc.add(g, "RW", "ALWAYS", null);
        } else {
          for (const grant of grants) {
            const group = groups.get(grant.groupId);
            if (group) acc.add(group, grant.permission, "DIRECT", null);
          }
          for (const customerId of customers) {
            for (const grant of companyGrants.get(customerId) ?? []) {
              const group = groups.get(grant.groupId);
              if (group) acc.add(group, grant.permission, "CUSTOMER", customerId);
            }
            for (const group of companyAlways) acc.add(group, "RW", "COMPANY_ALWAYS", customerId);
          }
        }
        // Always-groups apply in both modes (OTOBO adds them for every permission type).
        for (const group of alwaysGroups) acc.add(group, "RW", "ALWAYS", null);
        list = acc.result();
        computed.set(signature, list);
      }
      if (list.length > 0) result.set(login, list);
    }
    return result;
  }

  /**
   * OTOBO's GroupMemberList(GroupID, Type): valid users with `permission` on the group, directly
   * or — unless `raw` — through one of their customers (primary or extra; differs: OTOBO only
   * follows primary customers here while it follows every customer id for a single user). An
   * invalid group has no members; users no backend knows are left out (differs: OTOBO keeps them).
   */
  async effectiveMembers(
    groupId: number,
    permission: Permission,
    options: { raw?: boolean } = {},
  ): Promise<GroupMembers> {
    const settings = await this.deps.settings.get();
    const groups = this.deps.groupsTable ?? groupsTable;
    const [group] = await this.db.select(groupColumnsOf(groups)).from(groups).where(eq(groups.id, groupId));
    if (group?.validId !== 1) return { everyone: false, customerUsers: [] };
    if (!settings.customerGroupSupport) return { everyone: true, customerUsers: [] };
    if (
      !options.raw &&
      (settings.customerGroupAlwaysGroups.includes(group.name) ||
        settings.customerGroupCompanyAlwaysGroups.includes(group.name))
    ) {
      return { everyone: true, customerUsers: [] };
    }
    // rw implies ro; ro does not imply rw.
    const keys = permission === "RO" ? ["ro", "rw"] : ["rw"];
    const direct = await this.db
      .selectDistinct({ login: groupCustomerUser.userId })
      .from(groupCustomerUser)
      .where(
        and(
          eq(groupCustomerUser.groupId, groupId),
          eq(groupCustomerUser.permissionValue, 1),
          inArray(groupCustomerUser.permissionKey, keys),
        ),
      );
    const found = new Map(await this.deps.customerUsers.getMany(direct.map((r) => r.login)));
    if (!options.raw) {
      const grants = await this.db
        .selectDistinct({ customerId: groupCustomer.customerId })
        .from(groupCustomer)
        .where(
          and(
            eq(groupCustomer.groupId, groupId),
            eq(groupCustomer.permissionValue, 1),
            inArray(groupCustomer.permissionKey, keys),
            eq(groupCustomer.permissionContext, CONTEXT_STORAGE.SAME_CUSTOMER),
          ),
        );
      const customers = await this.validCustomers(grants.map((g) => g.customerId));
      for (const customerId of customers.values()) {
        for (const record of await this.deps.customerUsers.customerUsersOf(customerId)) {
          found.set(keyOf(record), record);
        }
      }
    }
    return {
      everyone: false,
      customerUsers: [...found.values()]
        .filter((r) => r.validId === 1)
        .sort((a, b) => compareText(a.login, b.login)),
    };
  }

  /** OTOBO's PermissionCheck: does the user have `permission` on the group named `groupName`? */
  async check(record: CustomerUserRecord, groupName: string, permission: Permission): Promise<boolean> {
    const effective = await this.effectiveFor(record);
    return effective.some((e) => e.group.name === groupName && e.permissions.includes(permission));
  }

  /**
   * OTOBO's GroupContextCustomers: the customers whose tickets the user may see. The user's own
   * customers, plus — when the "other customers" context is enabled — every customer with ro/rw in
   * the same-customer context on a group where one of the user's customers has ro/rw in the
   * "other customers" context. Only existing, valid customers; an invalid user gets none
   * (differs: OTOBO does not look at the user's validity here).
   */
  async contextCustomers(record: CustomerUserRecord, options: BatchOptions = {}): Promise<string[]> {
    return (await this.contextCustomersMany([record], options)).get(keyOf(record)) ?? [];
  }

  async contextCustomersMany(
    records: readonly CustomerUserRecord[],
    options: BatchOptions = {},
  ): Promise<Map<string, string[]>> {
    const { result, valid } = emptyPerUser<string>(records);
    if (valid.length === 0) return result;
    const settings = options.settings ?? (await this.deps.settings.get());
    const customerIds = await this.customerIdsByLogin(valid, options);
    const own = new Map<string, readonly string[]>(
      valid.map((r) => [keyOf(r), customerIds.get(keyOf(r)) ?? []]),
    );
    const widened = new Map<string, string[]>();
    // lower-cased id → stored id of the existing valid customers among everything looked at.
    const validCustomers = await this.validCustomers([...new Set([...own.values()].flat())], options);

    if (settings.customerGroupSupport && settings.customerGroupOtherCustomersContext) {
      const canonicalOwn = validCustomers;
      // Groups (valid ones) where a customer has ro or rw in the "other customers" context.
      const otherGrants = await this.customerGrants([...new Set(canonicalOwn.values())], "OTHER_CUSTOMERS");
      const groups = await this.validGroups();
      const otherGroupIds = new Set<number>();
      for (const list of otherGrants.values())
        for (const g of list) if (groups.has(g.groupId)) otherGroupIds.add(g.groupId);
      const sameByGroup = await this.customersWithGroups([...otherGroupIds], "SAME_CUSTOMER");
      for (const [login, ids] of own) {
        const extra = new Set<string>();
        for (const id of ids) {
          const canonical = canonicalOwn.get(id.toLowerCase());
          if (!canonical) continue;
          for (const grant of otherGrants.get(canonical) ?? []) {
            if (!otherGroupIds.has(grant.groupId)) continue;
            for (const c of sameByGroup.get(grant.groupId) ?? []) extra.add(c);
          }
        }
        widened.set(login, [...extra]);
      }
      const unseen = [...new Set([...widened.values()].flat())].filter(
        (c) => !validCustomers.has(c.toLowerCase()),
      );
      for (const [k, v] of await this.validCustomers(unseen)) validCustomers.set(k, v);
    }

    for (const [login, ids] of own) {
      const seen = new Set<string>();
      const list: string[] = [];
      for (const id of [...ids, ...(widened.get(login) ?? []).sort(compareText)]) {
        const canonical = validCustomers.get(id.toLowerCase());
        if (canonical && !seen.has(canonical)) {
          seen.add(canonical);
          list.push(canonical);
        }
      }
      result.set(login, list);
    }
    return result;
  }

  /**
   * Effective services: valid explicit services plus the valid default services — always (UNION)
   * or only when the user has no valid explicit service (FALLBACK, OTOBO's rule). Invalid users get
   * none. Two queries for any number of users.
   */
  async effectiveServicesFor(
    record: CustomerUserRecord,
    options: BatchOptions = {},
  ): Promise<ServiceRecord[]> {
    return (await this.effectiveServicesForMany([record], options)).get(keyOf(record)) ?? [];
  }

  async effectiveServicesForMany(
    records: readonly CustomerUserRecord[],
    options: BatchOptions = {},
  ): Promise<Map<string, ServiceRecord[]>> {
    const { result, valid } = emptyPerUser<ServiceRecord>(records);
    if (valid.length === 0) return result;
    const settings = options.settings ?? (await this.deps.settings.get());
    const logins = [...valid.map((r) => r.login), DEFAULT_SERVICES_LOGIN];
    const known = options.explicitServices;
    const explicit: ReadonlyMap<string, readonly ServiceRecord[]> =
      known && logins.every((l) => known.has(l))
        ? known
        : await this.deps.services.explicitServicesMany(logins);
    const defaults = (explicit.get(DEFAULT_SERVICES_LOGIN) ?? []).filter((s) => s.validId === 1);
    // Users with the same valid explicit services (most often none) share one list, never mutated.
    const computed = new Map<string, ServiceRecord[]>();
    for (const r of valid) {
      const own = (explicit.get(r.login) ?? []).filter((s) => s.validId === 1);
      const signature = own.map((s) => s.id).join(",");
      let list = computed.get(signature);
      if (!list) {
        const useDefaults = settings.defaultServicesMode === "UNION" || own.length === 0;
        const merged = new Map(own.map((s) => [s.id, s]));
        if (useDefaults) for (const s of defaults) merged.set(s.id, s);
        list = [...merged.values()].sort((a, b) => compareText(a.name, b.name) || a.id - b.id);
        computed.set(signature, list);
      }
      result.set(keyOf(r), list);
    }
    return result;
  }

  // ---- helpers: each is one query ----

  private async customerIdsByLogin(
    records: readonly CustomerUserRecord[],
    options: BatchOptions,
  ): Promise<Map<string, readonly string[]>> {
    const known = options.customerIds;
    if (known && records.every((r) => known.has(keyOf(r)))) {
      return new Map(records.map((r) => [keyOf(r), known.get(keyOf(r))!]));
    }
    const lists = await this.deps.customerUsers.customerIdsMany(records);
    return new Map(records.map((r, i) => [keyOf(r), lists[i] ?? []]));
  }

  /** ro/rw direct grants of the users (value 1): lower-cased login, group id, RO or RW. */
  private async directGrants(
    records: readonly CustomerUserRecord[],
    options: BatchOptions,
  ): Promise<{ login: string; groupId: number; permission: Permission }[]> {
    const known = options.directGrants;
    if (known && records.every((r) => known.has(r.login))) {
      return records.flatMap((r) =>
        (known.get(r.login) ?? []).flatMap((grant) => {
          // rw implies ro: the strongest stored key is enough.
          const permission: Permission | null = grant.permissions.includes("RW")
            ? "RW"
            : grant.permissions.includes("RO")
              ? "RO"
              : null;
          return permission ? [{ login: keyOf(r), groupId: grant.group.id, permission }] : [];
        }),
      );
    }
    const byLogin = new Map(records.map((r) => [r.login, keyOf(r)]));
    const rows = await this.db
      .select({
        login: groupCustomerUser.userId,
        groupId: groupCustomerUser.groupId,
        key: groupCustomerUser.permissionKey,
      })
      .from(groupCustomerUser)
      .where(and(inJsonList(groupCustomerUser.userId, [...byLogin.keys()]), grantsRoOrRw(groupCustomerUser)));
    return rows.flatMap((row) => {
      const permission = permissionFromKey(row.key);
      const login = byLogin.get(row.login);
      return permission && login ? [{ login, groupId: row.groupId, permission }] : [];
    });
  }

  private async validGroups(): Promise<Map<number, GroupRecord>> {
    const groups = this.deps.groupsTable ?? groupsTable;
    const rows = await this.db.select(groupColumnsOf(groups)).from(groups).where(eq(groups.validId, 1));
    return new Map(rows.map((r) => [r.id, toCatalogRecord(r)]));
  }

  /** Existing valid customers among the ids: lower-cased id → stored id. */
  private async validCustomers(
    ids: readonly string[],
    options: BatchOptions = {},
  ): Promise<Map<string, string>> {
    const lowered = [...new Set(ids.map((i) => i.toLowerCase()))];
    if (lowered.length === 0) return new Map();
    const known = options.customers;
    // Ids are unique case-insensitively: a record read by its exact id is the only match.
    if (known && ids.every((id) => known.get(id))) {
      const found = new Map<string, string>();
      for (const id of ids) {
        const record = known.get(id)!;
        if (record.validId === 1) found.set(record.customerId.toLowerCase(), record.customerId);
      }
      return found;
    }
    const rows = await this.db
      .select({ customerId: customerCompany.customerId })
      .from(customerCompany)
      .where(
        and(inJsonList(sql`lower(${customerCompany.customerId})`, lowered), eq(customerCompany.validId, 1)),
      );
    return new Map(rows.map((r) => [r.customerId.toLowerCase(), r.customerId]));
  }

  /** ro/rw grants (value 1) of the customers in one context: customer id → grants. */
  private async customerGrants(
    customerIds: readonly string[],
    context: keyof typeof CONTEXT_STORAGE,
  ): Promise<Map<string, { groupId: number; permission: Permission }[]>> {
    const result = new Map<string, { groupId: number; permission: Permission }[]>();
    if (customerIds.length === 0) return result;
    const rows = await this.db
      .select({
        customerId: groupCustomer.customerId,
        groupId: groupCustomer.groupId,
        key: groupCustomer.permissionKey,
      })
      .from(groupCustomer)
      .where(
        and(
          inJsonList(groupCustomer.customerId, [...customerIds]),
          grantsRoOrRw(groupCustomer),
          eq(groupCustomer.permissionContext, CONTEXT_STORAGE[context]),
        ),
      );
    for (const row of rows) {
      const permission = permissionFromKey(row.key);
      if (!permission) continue;
      const list = result.get(row.customerId) ?? [];
      result.set(row.customerId, list);
      list.push({ groupId: row.groupId, permission });
    }
    return result;
  }

  /** Customers with ro/rw (value 1) on each group in one context: group id → customer ids. */
  private async customersWithGroups(
    groupIds: readonly number[],
    context: keyof typeof CONTEXT_STORAGE,
  ): Promise<Map<number, string[]>> {
    const result = new Map<number, string[]>();
    if (groupIds.length === 0) return result;
    const rows = await this.db
      .selectDistinct({ customerId: groupCustomer.customerId, groupId: groupCustomer.groupId })
      .from(groupCustomer)
      .where(
        and(
          inArray(groupCustomer.groupId, [...groupIds]),
          grantsRoOrRw(groupCustomer),
          eq(groupCustomer.permissionContext, CONTEXT_STORAGE[context]),
        ),
      );
    for (const row of rows) {
      const list = result.get(row.groupId) ?? [];
      result.set(row.groupId, list);
      list.push(row.customerId);
    }
    return result;
  }
}

/** The permissions of one user on each group, with every reason, as the rules add them. */
class PermissionAccumulator {
  private readonly byGroup = new Map<
    number,
    { group: GroupRecord; permissions: Set<Permission>; via: Map<string, PermissionSource> }
  >();

  add(group: GroupRecord, permission: Permission, via: PermissionVia, customerId: string | null): void {
    let entry = this.byGroup.get(group.id);
    if (!entry) {
      entry = { group, permissions: new Set(), via: new Map() };
      this.byGroup.set(group.id, entry);
    }
    // rw implies ro: every RW reason is also the reason for RO.
    const implied: Permission[] = permission === "RW" ? ["RW", "RO"] : ["RO"];
    for (const p of implied) {
      entry.permissions.add(p);
      entry.via.set(`${via}\u0000${p}\u0000${customerId ?? ""}`, { via, permission: p, customerId });
    }
  }

  /** By group name; each group's reasons by kind, RO before RW, then by customer. */
  result(): EffectivePermission[] {
    return [...this.byGroup.values()]
      .map((e) => ({
        group: e.group,
        permissions: sortPermissions(e.permissions),
        via: [...e.via.values()].sort(
          (a, b) =>
            VIA_ORDER[a.via] - VIA_ORDER[b.via] ||
            (a.permission === b.permission ? 0 : a.permission === "RO" ? -1 : 1) ||
            compareText(a.customerId ?? "", b.customerId ?? ""),
        ),
      }))
      .sort((a, b) => compareText(a.group.name, b.group.name));
  }
}

/** Valid groups named in an always-groups setting; unknown or invalid names grant nothing. */
function namesToGroups(names: readonly string[], groups: Map<number, GroupRecord>): GroupRecord[] {
  const wanted = new Set(names);
  return [...groups.values()].filter((g) => wanted.has(g.name));
}
