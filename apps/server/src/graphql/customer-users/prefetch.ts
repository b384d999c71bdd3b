import {
  attributeValue,
  type CustomerRecord,
  type CustomerUserField,
  type CustomerUserRecord,
  DEFAULT_SERVICES_LOGIN,
} from "@clientele/domain";
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";
import type { GraphQLContext } from "../context";
import type { ReadyValues } from "../loaders";

/** Calls `visit` for every field of the selection set, fragments followed. */
function eachField(
  set: SelectionSetNode,
  info: GraphQLResolveInfo,
  visit: (name: string, selection: SelectionSetNode | undefined) => void,
  seen = new Set<string>(),
): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) visit(selection.name.value, selection.selectionSet);
    else if (selection.kind === Kind.INLINE_FRAGMENT) eachField(selection.selectionSet, info, visit, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = info.fragments[selection.name.value];
      if (fragment) eachField(fragment.selectionSet, info, visit, seen);
    }
  }
}

/**
 * The fields selected on the `nodes` of the list being resolved. `@skip`/`@include` are not
 * evaluated: a skipped relation is read ahead for nothing, never missed.
 */
export function selectedNodeFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  for (const node of info.fieldNodes) {
    if (!node.selectionSet) continue;
    eachField(node.selectionSet, info, (name, selection) => {
      if (name === "nodes" && selection) eachField(selection, info, (field) => names.add(field));
    });
  }
  return names;
}

/** Node fields answered from the record itself, without any attribute. */
const RECORD_FIELDS: ReadonlySet<string> = new Set(["__typename", "login", "source", "readOnly", "valid"]);

/** Node fields that each read exactly the attribute of their name (resolvers.ts: `CustomerUser`). */
const ATTRIBUTE_FIELDS: ReadonlySet<string> = new Set<CustomerUserField>([
  "title",
  "firstName",
  "lastName",
  "email",
  "customerId",
  "phone",
  "fax",
  "mobile",
  "street",
  "zip",
  "city",
  "country",
  "comment",
]);

/**
 * The relations read ahead below: of a record they need only its login, its validity and its
 * customer ids (the domain's RELATION_ATTRIBUTES), whatever their resolvers fall back to.
 */
const RELATION_FIELDS: ReadonlySet<string> = new Set([
  "customer",
  "customers",
  "customerIds",
  "contextCustomerIds",
  "groups",
  "effectivePermissions",
  "services",
  "effectiveServices",
  "preferences",
]);

/**
 * The typed fields a list's nodes read, when those and the relations above are all they read: the
 * search then fetches only those columns (and the customer ids, with `readsRelations`). Null when
 * any other field is selected (`fullName`, `attributes`, the audit times, `history`, ...): those
 * work on the complete record.
 */
export function projectedFields(selected: ReadonlySet<string>): CustomerUserField[] | null {
  const fields: CustomerUserField[] = [];
  for (const name of selected) {
    if (RECORD_FIELDS.has(name) || RELATION_FIELDS.has(name)) continue;
    if (!ATTRIBUTE_FIELDS.has(name)) return null;
    fields.push(name as CustomerUserField);
  }
  return fields;
}

/** Whether the list's nodes read any relation (the projected records must then carry customer ids). */
export const readsRelations = (selected: ReadonlySet<string>): boolean =>
  [...selected].some((name) => RELATION_FIELDS.has(name));

/** Sets the value of every record of the list (`i`: the record's position in it). */
function fill<T>(
  target: Map<CustomerUserRecord, T>,
  records: readonly CustomerUserRecord[],
  value: (record: CustomerUserRecord, i: number) => T,
): void {
  for (const [i, record] of records.entries()) target.set(record, value(record, i));
}

/**
 * Reads the selected relations of a list of customer users ahead, all rows at once, and keeps the
 * values for the field resolvers (`ctx.loaders.ready`), which then answer synchronously. Each
 * relation is read by one batch call of the domain, and what one read gives (settings, customer
 * ids, customers, direct grants, explicit services) is handed to the reads that build on it, so
 * nothing is read or computed twice and a 1000-row list costs the same few statements as a 10-row
 * one. A read that fails leaves its values out: the field resolvers then go through the request's
 * DataLoaders and report the error on the field.
 */
export async function prefetchCustomerUserRelations(
  ctx: GraphQLContext,
  records: readonly CustomerUserRecord[],
  fields: ReadonlySet<string>,
): Promise<void> {
  if (records.length === 0) return;
  const { clientele } = ctx;
  const ready: ReadyValues = ctx.loaders.ready;
  const wants = (...names: string[]) => names.some((n) => fields.has(n));
  // A failed read is not lost: the fields then read through the DataLoaders and carry the error.
  const settled = <T>(read: () => Promise<T>): Promise<T | null> => read().catch(() => null);
  const logins = records.map((r) => r.login);
  const lower = (r: CustomerUserRecord) => r.login.toLowerCase();

  const needsIds = wants(
    "customer",
    "customers",
    "customerIds",
    "effectivePermissions",
    "contextCustomerIds",
  );
  const needsSettings = wants("effectivePermissions", "contextCustomerIds", "effectiveServices");
  const needsGrants = wants("groups", "effectivePermissions");
  const needsServices = wants("services", "effectiveServices");

  // First round: the reads that depend on nothing but the logins.
  const [settings, extras, grants, explicit] = await Promise.all([
    needsSettings ? settled(() => ctx.loaders.settings()) : null,
    needsIds ? settled(() => clientele.customerUsers.extraCustomerIds(logins)) : null,
    needsGrants ? settled(() => clientele.groups.customerUserGrantsMany(logins)) : null,
    needsServices
      ? settled(() => clientele.services.explicitServicesMany([...logins, DEFAULT_SERVICES_LOGIN]))
      : null,
  ]);
  if (grants && wants("groups")) fill(ready.groups, records, (r) => grants.get(r.login) ?? []);
  if (explicit) {
    if (wants("services")) fill(ready.services, records, (r) => explicit.get(r.login) ?? []);
    ready.defaultServiceIds = new Set((explicit.get(DEFAULT_SERVICES_LOGIN) ?? []).map((s) => s.id));
  }

  // Second round: customer ids (no statement: the extras are known) and the customers they name.
  const idLists = extras
    ? await settled(() => clientele.customerUsers.customerIdsMany(records, extras))
    : null;
  if (idLists && wants("customerIds")) fill(ready.customerIds, records, (_, i) => idLists[i] ?? []);
  let customers: Map<string, CustomerRecord | null> | null = null;
  if (idLists && wants("customer", "customers", "effectivePermissions", "contextCustomerIds")) {
    // The id lists hold the extra customers; the primary one too, unless the backend excludes it.
    const primary = records.map((r) => attributeValue(r, "customerId") ?? "");
    const all = [...new Set([...primary, ...idLists.flat()])].filter(Boolean);
    const found = await settled(() => clientele.customers.getMany(all));
    if (found) customers = new Map(all.map((id) => [id, found.get(id) ?? null]));
  }
  if (customers) {
    const byId = customers;
    if (wants("customer")) {
      fill(ready.customer, records, (r) => {
        const id = attributeValue(r, "customerId");
        return id ? (byId.get(id) ?? null) : null;
      });
    }
    if (wants("customers")) {
      fill(ready.customers, records, (r) =>
        (extras!.get(r.login) ?? []).flatMap((id) => {
          const customer = byId.get(id);
          return customer ? [customer] : [];
        }),
      );
    }
  }

  // Third round: what is worked out from the reads above, without reading them again.
  const known = {
    settings: settings ?? undefined,
    customerIds: idLists ? new Map(records.map((r, i) => [lower(r), idLists[i] ?? []])) : undefined,
    customers: customers ?? undefined,
    // Every login present, so the permission service sees that nothing is left to read.
    directGrants: grants ? new Map(logins.map((l) => [l, grants.get(l) ?? []])) : undefined,
    explicitServices: explicit ?? undefined,
  };
  await Promise.all([
    wants("effectivePermissions") &&
      settled(() => clientele.permissions.effectiveForMany(records, known)).then((found) => {
        if (found) fill(ready.effectivePermissions, records, (r) => found.get(lower(r)) ?? []);
      }),
    wants("contextCustomerIds") &&
      settled(() => clientele.permissions.contextCustomersMany(records, known)).then((found) => {
        if (found) fill(ready.contextCustomerIds, records, (r) => found.get(lower(r)) ?? []);
      }),
    wants("effectiveServices") &&
      settled(() => clientele.permissions.effectiveServicesForMany(records, known)).then((found) => {
        if (found) fill(ready.effectiveServices, records, (r) => found.get(lower(r)) ?? []);
      }),
    wants("preferences") &&
      settled(() => clientele.preferences.getMany(logins)).then((found) => {
        if (found) fill(ready.preferences, records, (r) => found.get(r.login) ?? []);
      }),
  ]);
}
