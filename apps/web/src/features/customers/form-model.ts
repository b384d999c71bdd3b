import { CUSTOMER_FIELDS, type CustomerField, isWebAddress, textSchema } from "@clientele/domain/rules";
import type { TFunction } from "i18next";
import { z } from "zod";
import { ruleMessages } from "../../components/form/rule-messages";
import type { CustomerInput, ValidState } from "../../gql/graphql";

export { type CustomerField, isWebAddress };

/** The form's fields, in the order the form shows them. */
export const CUSTOMER_FIELD_NAMES = Object.keys(CUSTOMER_FIELDS) as CustomerField[];

export const isRequired = (field: CustomerField): boolean => CUSTOMER_FIELDS[field].required;

export type CustomerValues = Record<CustomerField, string> & { valid: ValidState };

/** `storedUrl`: the record's URL as it is; an old value imported from OTOBO may stay as it was. */
export function customerSchema(
  t: TFunction,
  storedUrl?: string | null,
): z.ZodType<CustomerValues, CustomerValues> {
  const messages = ruleMessages(t);
  const shape = Object.fromEntries(
    CUSTOMER_FIELD_NAMES.map((field) => {
      const rule = textSchema(CUSTOMER_FIELDS[field], messages);
      // The server's check too; an old URL imported from OTOBO may stay as it was.
      return [
        field,
        field === "url"
          ? rule.refine(
              (v) => v.trim() === "" || v === storedUrl || isWebAddress(v.trim()),
              t("validation.url"),
            )
          : rule,
      ];
    }),
  );
  return z.object({
    ...shape,
    valid: z.enum(["VALID", "INVALID", "INVALID_TEMPORARILY"]),
  }) as unknown as z.ZodType<CustomerValues, CustomerValues>;
}

export function emptyCustomer(): CustomerValues {
  return {
    customerId: "",
    name: "",
    street: "",
    zip: "",
    city: "",
    country: "",
    url: "",
    comment: "",
    valid: "VALID",
  };
}

export function customerValues(
  customer: Partial<Record<CustomerField, string | null>> & { valid: ValidState },
): CustomerValues {
  const values = emptyCustomer();
  for (const field of CUSTOMER_FIELD_NAMES) values[field] = customer[field] ?? "";
  values.valid = customer.valid;
  return values;
}

/** Empty optional fields are left out on create and sent as null (cleared) on edit. */
export function toCustomerInput(values: CustomerValues, mode: "create" | "edit"): CustomerInput {
  const input: CustomerInput = { valid: values.valid };
  for (const field of CUSTOMER_FIELD_NAMES) {
    const value = values[field].trim();
    if (value !== "") input[field] = value;
    else if (mode === "edit") input[field] = null;
  }
  return input;
}
