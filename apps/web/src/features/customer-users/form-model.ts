import {
  CUSTOM_ATTRIBUTE_MAX,
  CUSTOMER_USER_FIELDS,
  type CustomerUserField,
  textSchema,
} from "@clientele/domain/rules";
import type { TFunction } from "i18next";
import { z } from "zod";
import { ruleMessages } from "../../components/form/rule-messages";
import type {
  CustomerUserFieldsFragment,
  CustomerUserInput,
  SourcesQuery,
  ValidState,
} from "../../gql/graphql";

type SourceField = SourcesQuery["customerUserSources"][number]["fields"][number];

/** A map row as the server describes it (`customerUserSources.fields`), as far as the form reads it. */
export type FieldDefinition = Pick<
  SourceField,
  "attribute" | "label" | "required" | "readOnly" | "shownInList"
>;

type StandardInputKey = Exclude<keyof CustomerUserInput, "attributes">;

interface StandardField {
  input: StandardInputKey;
  /** Column length in OTOBO's customer_user table (null: none); the domain refuses longer values. */
  max: number | null;
  kind: "text" | "email" | "password" | "customer" | "valid";
}

/** How the form edits a typed field; every other one is text. */
const KINDS: Partial<Record<CustomerUserField, StandardField["kind"]>> = {
  password: "password",
  email: "email",
  customerId: "customer",
  valid: "valid",
};

/**
 * OTOBO's map attributes that have a typed GraphQL field, keyed by attribute, with the lengths of
 * the shared rules (`@clientele/domain/rules`); any other attribute goes through `attributes`.
 */
export const STANDARD_FIELDS: Record<string, StandardField> = Object.fromEntries(
  (Object.keys(CUSTOMER_USER_FIELDS) as CustomerUserField[]).map((input) => {
    const { attribute, max } = CUSTOMER_USER_FIELDS[input];
    return [attribute, { input, max, kind: KINDS[input] ?? "text" }];
  }),
);

export type FieldKind = StandardField["kind"] | "custom";

export function fieldKind(attribute: string): FieldKind {
  return STANDARD_FIELDS[attribute]?.kind ?? "custom";
}

/** Form values are keyed by map attribute (`UserEmail`, `UserRoom`, …); Valid is always present. */
export type FormValues = Record<string, string>;

/** Fields the form shows, in map order, with Valid last (OTOBO puts it at the bottom). */
export function formFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  const withoutValid = fields.filter((f) => f.attribute !== "ValidID");
  const valid = fields.find((f) => f.attribute === "ValidID") ?? {
    attribute: "ValidID",
    label: "Valid",
    required: true,
    readOnly: false,
    shownInList: false,
  };
  return [...withoutValid, valid];
}

// OTOBO's CheckEmail is stricter about domains; the server has the last word, this catches typos early.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The same rules the domain applies: required map rows, OTOBO's column lengths, and e-mail syntax
 * for valid users (OTOBO checks syntax only when the user is valid).
 */
export function customerUserSchema(
  fields: readonly FieldDefinition[],
  t: TFunction,
): z.ZodType<FormValues, FormValues> {
  const messages = ruleMessages(t);
  const shape: Record<string, z.ZodType<string>> = {};
  for (const field of formFields(fields)) {
    const standard = STANDARD_FIELDS[field.attribute];
    const max = standard ? standard.max : CUSTOM_ATTRIBUTE_MAX;
    // An empty password means "generate one" on create and "keep it" on edit.
    const required = field.required && !field.readOnly && standard?.kind !== "password";
    shape[field.attribute] = textSchema({ label: field.label, max, required }, messages);
  }
  return z.object(shape).superRefine((values, ctx) => {
    const email = values.UserEmail?.trim();
    if (email && values.ValidID === "VALID" && !EMAIL.test(email)) {
      ctx.addIssue({ code: "custom", path: ["UserEmail"], message: t("validation.email") });
    }
  }) as unknown as z.ZodType<FormValues, FormValues>;
}

export function emptyValues(fields: readonly FieldDefinition[]): FormValues {
  const values: FormValues = {};
  for (const field of formFields(fields)) values[field.attribute] = "";
  values.ValidID = "VALID";
  return values;
}

type UserValues = Pick<
  CustomerUserFieldsFragment,
  | "login"
  | "title"
  | "firstName"
  | "lastName"
  | "email"
  | "customerId"
  | "phone"
  | "fax"
  | "mobile"
  | "street"
  | "zip"
  | "city"
  | "country"
  | "comment"
  | "valid"
  | "attributes"
>;

export function valuesFromUser(user: UserValues, fields: readonly FieldDefinition[]): FormValues {
  const values = emptyValues(fields);
  for (const field of formFields(fields)) {
    const standard = STANDARD_FIELDS[field.attribute];
    if (standard?.kind === "password") continue;
    if (standard) {
      const value = (user as Record<string, unknown>)[standard.input];
      values[field.attribute] = value == null ? "" : String(value);
    } else {
      values[field.attribute] = user.attributes.find((a) => a.attribute === field.attribute)?.value ?? "";
    }
  }
  return values;
}

/**
 * Turns form values into `CustomerUserInput`. On create, empty fields are left out; on edit only the
 * fields the admin changed are sent (the API keeps fields left out), and a cleared field is sent as null.
 */
export function toCustomerUserInput(
  values: FormValues,
  fields: readonly FieldDefinition[],
  changed?: ReadonlySet<string>,
): CustomerUserInput {
  const input: CustomerUserInput = {};
  const attributes: { attribute: string; value: string | null }[] = [];
  for (const field of formFields(fields)) {
    if (field.readOnly) continue;
    if (changed && !changed.has(field.attribute)) continue;
    const raw = values[field.attribute] ?? "";
    const value = field.attribute === "UserPassword" ? raw : raw.trim();
    const standard = STANDARD_FIELDS[field.attribute];
    if (!standard) {
      if (value !== "" || changed) attributes.push({ attribute: field.attribute, value: value || null });
      continue;
    }
    if (standard.kind === "valid") {
      input.valid = (value || "VALID") as ValidState;
      continue;
    }
    if (standard.kind === "password") {
      if (value !== "") input.password = value;
      continue;
    }
    if (value !== "") (input as Record<string, unknown>)[standard.input] = value;
    else if (changed) (input as Record<string, unknown>)[standard.input] = null;
  }
  if (attributes.length) input.attributes = attributes;
  return input;
}

/**
 * Maps the server's `extensions.field` (an input name such as `email`, a map attribute such as
 * `UserRoom`, or `attributes.UserRoom`) to the form field it belongs to.
 */
export function formFieldForServerField(field: string, fields: readonly FieldDefinition[]): string | null {
  const name = field.replace(/^(input\.)?(attributes\.)?/, "");
  const attributes = new Set(formFields(fields).map((f) => f.attribute));
  if (attributes.has(name)) return name;
  for (const [attribute, standard] of Object.entries(STANDARD_FIELDS)) {
    if (standard.input === name && attributes.has(attribute)) return attribute;
  }
  const lower = name.toLowerCase();
  for (const attribute of attributes) if (attribute.toLowerCase() === lower) return attribute;
  return null;
}

/** Writable backends among the configured ones; more than one means the form asks which. */
export function writableSources<S extends { readOnly: boolean }>(sources: readonly S[]): S[] {
  return sources.filter((s) => !s.readOnly);
}
