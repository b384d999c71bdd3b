import type { BackendConfig } from "../config/backends";
import { isPasswordAttribute } from "../config/map";
import { CUSTOMER_USER_FIELDS, type CustomerUserField, FIELD_OF_ATTRIBUTE } from "../rules/customer-user";
import type { CustomerUserRecord, CustomerUserSource, ValidId } from "./sources/source";

/** GraphQL input field → OTOBO map attribute, so errors name the field the admin typed into. */
export const FIELD_ATTRIBUTES = Object.fromEntries(
  Object.entries(CUSTOMER_USER_FIELDS).map(([field, { attribute }]) => [field, attribute]),
) as { [F in CustomerUserField]: (typeof CUSTOMER_USER_FIELDS)[F]["attribute"] };
export type { CustomerUserField };
export { FIELD_OF_ATTRIBUTE };

/** The input field that carries an attribute: `email` for UserEmail, the attribute itself for custom ones. */
export const fieldOf = (attribute: string): string => FIELD_OF_ATTRIBUTE.get(attribute) ?? attribute;

export interface CustomerUserInput {
  login?: string | null;
  password?: string | null;
  title?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  customerId?: string | null;
  phone?: string | null;
  fax?: string | null;
  mobile?: string | null;
  street?: string | null;
  zip?: string | null;
  city?: string | null;
  country?: string | null;
  comment?: string | null;
  valid?: ValidId | null;
  attributes?: Array<{ attribute: string; value?: string | null }> | null;
}

/** A record's value of a typed field (`email` → attributes.UserEmail). */
export const attributeValue = (record: CustomerUserRecord, field: CustomerUserField): string | null =>
  record.attributes[FIELD_ATTRIBUTES[field]] ?? null;

/** OTOBO's CustomerName: the name fields (by storage) joined, empty parts skipped. */
export function fullName(record: CustomerUserRecord, config: BackendConfig): string {
  const parts = config.customerUserNameFields
    .map((storage) => {
      const row = config.map.find((r) => r.storage === storage);
      return row ? record.attributes[row.attribute] : storage === config.customerKey ? record.login : null;
    })
    .filter((v): v is string => !!v && v.trim() !== "");
  return parts.join(config.customerUserNameFieldsJoin) || record.login;
}

/** Splits OTOBO's `UserCustomerIDs` on the first separator found (`;`, `,`, `|`). */
export function splitCustomerIds(value: string | null | undefined): string[] {
  if (!value) return [];
  const separator = [";", ",", "|"].find((s) => value.includes(s));
  return (separator ? value.split(separator) : [value]).map((v) => v.trim()).filter(Boolean);
}

/** A map row as clients see it (`CustomerUserSource.fields`). */
export interface FieldDefinition {
  attribute: string;
  label: string;
  required: boolean;
  /** The row is read-only, or its whole backend is. */
  readOnly: boolean;
  /** The storage is in `customerUserListFields`. */
  shownInList: boolean;
  storage: string;
  /** The storage is in `customerUserSearchFields`; passwords never are. */
  searchable: boolean;
}

export function fieldDefinitions(source: Pick<CustomerUserSource, "config" | "readOnly">): FieldDefinition[] {
  const { map, customerUserListFields, customerUserSearchFields } = source.config;
  return map.map((row) => ({
    attribute: row.attribute,
    label: row.label,
    required: row.required,
    readOnly: source.readOnly || row.readOnly,
    shownInList: customerUserListFields.includes(row.storage),
    storage: row.storage,
    searchable: !isPasswordAttribute(row.attribute) && customerUserSearchFields.includes(row.storage),
  }));
}

/** One map attribute of a record with its label (`CustomerUser.attributes`). */
export interface AttributeValue {
  attribute: string;
  label: string;
  value: string | null;
}

/** Every map attribute of a record, custom ones included; password attributes never leave. */
export const attributeValues = (record: CustomerUserRecord, config: BackendConfig): AttributeValue[] =>
  config.map
    .filter((row) => !isPasswordAttribute(row.attribute))
    .map((row) => ({
      attribute: row.attribute,
      label: row.label,
      value: record.attributes[row.attribute] ?? null,
    }));
