import { and, eq, inArray, ne } from "drizzle-orm";
import type { Actor, AuditLog } from "../audit/audit";
import type { CustomerUserLookup } from "../customer-users/lookup";
import type { CustomerUserRecord } from "../customer-users/sources/source";
import { insertInChunks } from "../db/batch";
import type { Db } from "../db/client";
import { service, serviceCustomerUser } from "../db/schema";
import { NotFoundError } from "../errors";
import { CATALOG_FIELDS } from "../rules/catalog";
import { type CatalogRecord, CatalogTable, toCatalogRecord } from "../shared/catalog-table";
import type { CatalogInput } from "../shared/catalog-validation";
import { inJsonList, lockRelation } from "../shared/sql";
import { compareText } from "../shared/text";

/** OTOBO's marker login for the default services in `service_customer_user`. */
export const DEFAULT_SERVICES_LOGIN = "<DEFAULT>";

export type ServiceRecord = CatalogRecord;

export interface ServicesDeps {
  customerUsers: CustomerUserLookup;
  audit: AuditLog;
  /** Length of `service.name`: 191 on OTOBO, 200 on Znuny and standalone (the default). */
  serviceNameMax?: number;
}

const servicesCatalogs = new Map<number, CatalogTable>();
const servicesCatalogOf = (nameMax: number = CATALOG_FIELDS.name.max): CatalogTable => {
  let catalog = servicesCatalogs.get(nameMax);
  if (!catalog) {
    catalog = new CatalogTable({ table: service, what: "service", nameMax });
    servicesCatalogs.set(nameMax, catalog);
  }
  return catalog;
};
const serviceColumns = servicesCatalogOf().columns;

const byName = (a: ServiceRecord, b: ServiceRecord) => compareText(a.name, b.name) || a.id - b.id;

/**
 * Services and their assignment to customer users, including the default services (`<DEFAULT>`).
 * No delete: a service is retired by setting it invalid, which hides it from effective services.
 */
export class ServicesService {
  constructor(
    private readonly db: Db,
    private readonly deps: ServicesDeps,
  ) {}

  async list(options: { search?: string | null; validOnly?: boolean } = {}): Promise<ServiceRecord[]> {
    return (await servicesCatalogOf(this.deps.serviceNameMax).list(this.db, options)).sort(byName);
  }

  async get(id: number | string): Promise<ServiceRecord | null> {
    return servicesCatalogOf(this.deps.serviceNameMax).get(this.db, id);
  }

  async getMany(ids: readonly number[]): Promise<Map<number, ServiceRecord>> {
    return servicesCatalogOf(this.deps.serviceNameMax).getMany(this.db, ids);
  }

  async create(actor: Actor, input: CatalogInput): Promise<ServiceRecord> {
    return servicesCatalogOf(this.deps.serviceNameMax).create(this.db, this.deps.audit, actor, input);
  }

  async update(actor: Actor, id: number | string, input: CatalogInput): Promise<ServiceRecord> {
    return servicesCatalogOf(this.deps.serviceNameMax).update(this.db, this.deps.audit, actor, id, input);
  }

  // ---- reads ----

  /** Explicit services of each login (exact, as stored; every valid state), sorted by name. */
  async explicitServicesMany(logins: readonly string[]): Promise<Map<string, ServiceRecord[]>> {
    const unique = [...new Set(logins)];
    const result = new Map<string, ServiceRecord[]>(unique.map((l) => [l, []]));
    if (unique.length === 0) return result;
    const rows = await this.db
      .select({ login: serviceCustomerUser.customerUserLogin, service: serviceColumns })
      .from(serviceCustomerUser)
      .innerJoin(service, eq(service.id, serviceCustomerUser.serviceId))
      .where(inJsonList(serviceCustomerUser.customerUserLogin, unique));
    for (const r of rows) result.get(r.login)?.push(toCatalogRecord(r.service));
    for (const list of result.values()) list.sort(byName);
    return result;
  }

  async explicitServices(login: string): Promise<ServiceRecord[]> {
    return (await this.explicitServicesMany([login])).get(login) ?? [];
  }

  /** The default services (every valid state), sorted by name. */
  async defaultServices(): Promise<ServiceRecord[]> {
    return (await this.explicitServicesMany([DEFAULT_SERVICES_LOGIN])).get(DEFAULT_SERVICES_LOGIN) ?? [];
  }

  /** Which of the services are default services. */
  async defaultServiceIds(): Promise<Set<number>> {
    const rows = await this.db
      .select({ id: serviceCustomerUser.serviceId })
      .from(serviceCustomerUser)
      .where(eq(serviceCustomerUser.customerUserLogin, DEFAULT_SERVICES_LOGIN));
    return new Set(rows.map((r) => r.id));
  }

  /** Logins explicitly assigned to each service (`<DEFAULT>` excluded), sorted case-insensitively. */
  async serviceLoginsMany(serviceIds: readonly number[]): Promise<Map<number, string[]>> {
    const unique = [...new Set(serviceIds)];
    const result = new Map<number, string[]>(unique.map((s) => [s, []]));
    if (unique.length === 0) return result;
    const rows = await this.db
      .select({ login: serviceCustomerUser.customerUserLogin, serviceId: serviceCustomerUser.serviceId })
      .from(serviceCustomerUser)
      .where(
        and(
          inArray(serviceCustomerUser.serviceId, unique),
          ne(serviceCustomerUser.customerUserLogin, DEFAULT_SERVICES_LOGIN),
        ),
      );
    for (const r of rows) result.get(r.serviceId)?.push(r.login);
    for (const list of result.values()) list.sort(compareText);
    return result;
  }

  // ---- set mutations: each replaces the whole set on its side, atomically ----

  async setCustomerUserServices(
    actor: Actor,
    login: string,
    serviceIds: readonly (number | string)[],
  ): Promise<CustomerUserRecord> {
    const record = await this.deps.customerUsers.get(login);
    if (!record) throw new NotFoundError(`There is no customer user "${login}".`, { field: "login", login });
    const ids = await this.existingServiceIds(serviceIds, "serviceIds");
    await this.replaceLoginServices(actor, record.login, ids, "customer_user", record.login, "set_services");
    return record;
  }

  async setDefaultServices(actor: Actor, serviceIds: readonly (number | string)[]): Promise<ServiceRecord[]> {
    const ids = await this.existingServiceIds(serviceIds, "serviceIds");
    await this.replaceLoginServices(
      actor,
      DEFAULT_SERVICES_LOGIN,
      ids,
      "service",
      DEFAULT_SERVICES_LOGIN,
      "set_default_services",
    );
    return this.defaultServices();
  }

  async setServiceCustomerUsers(
    actor: Actor,
    serviceId: number | string,
    logins: readonly string[],
  ): Promise<ServiceRecord> {
    const found = await servicesCatalogOf(this.deps.serviceNameMax).require(this.db, serviceId, "serviceId");
    const id = found.id;
    const records = await this.deps.customerUsers.getMany(logins);
    const canonical = new Set<string>();
    logins.forEach((login, i) => {
      const record = records.get(login.toLowerCase());
      if (!record)
        throw new NotFoundError(`There is no customer user "${login}".`, { field: `logins.${i}`, login });
      canonical.add(record.login);
    });
    const now = new Date();
    await this.db.transaction(async (tx) => {
      await lockRelation(tx, "service_customer_user");
      const before = (await new ServicesService(tx, this.deps).serviceLoginsMany([id])).get(id) ?? [];
      // The `<DEFAULT>` row is not a customer user: it stays whatever the list says.
      await tx
        .delete(serviceCustomerUser)
        .where(
          and(
            eq(serviceCustomerUser.serviceId, id),
            ne(serviceCustomerUser.customerUserLogin, DEFAULT_SERVICES_LOGIN),
          ),
        );
      await insertInChunks(
        tx,
        serviceCustomerUser,
        [...canonical].map((login) => ({
          customerUserLogin: login,
          serviceId: id,
          createBy: actor.id,
          createTime: now,
        })),
      );
      const after = [...canonical].sort(compareText);
      await this.deps.audit.record(tx, actor, "service", String(id), "set_customer_users", before, after);
      // Each user's history shows the change too; batched, as a service can hold 10,000 users.
      const had = new Set(before);
      await this.deps.audit.recordMany(tx, actor, [
        ...after
          .filter((login) => !had.has(login))
          .map((login) => ({
            entityType: "customer_user" as const,
            entityId: login,
            action: "add_service",
            before: null,
            after: found.name,
          })),
        ...before
          .filter((login) => !canonical.has(login))
          .map((login) => ({
            entityType: "customer_user" as const,
            entityId: login,
            action: "remove_service",
            before: found.name,
            after: null,
          })),
      ]);
    });
    return found;
  }

  private async existingServiceIds(
    serviceIds: readonly (number | string)[],
    field: string,
  ): Promise<number[]> {
    const ids = await servicesCatalogOf(this.deps.serviceNameMax).existingIds(
      this.db,
      serviceIds,
      (i) => `${field}.${i}`,
    );
    return [...new Set(ids)];
  }

  private async replaceLoginServices(
    actor: Actor,
    login: string,
    ids: number[],
    entityType: "customer_user" | "service",
    entityId: string,
    action: string,
  ): Promise<void> {
    const now = new Date();
    await this.db.transaction(async (tx) => {
      await lockRelation(tx, "service_customer_user");
      const before = (await new ServicesService(tx, this.deps).explicitServices(login)).map((s) => s.name);
      await tx.delete(serviceCustomerUser).where(eq(serviceCustomerUser.customerUserLogin, login));
      if (ids.length) {
        await tx.insert(serviceCustomerUser).values(
          ids.map((serviceId) => ({
            customerUserLogin: login,
            serviceId,
            createBy: actor.id,
            createTime: now,
          })),
        );
      }
      const after = (await new ServicesService(tx, this.deps).explicitServices(login)).map((s) => s.name);
      await this.deps.audit.record(tx, actor, entityType, entityId, action, before, after);
    });
  }
}
