import type { TFunction } from "i18next";
import { z } from "zod";
import type { CustomerInput, ValidState } from "../../gql/graphql";

export const CUSTOMER_FIELDS = [
  "customerId",
  "name",
  "street",
  "zip",
  "city",
  "country",
  "url",
  "comment",
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/** OTOBO's customer_company column lengths; the domain refuses longer values. */
export const CUSTOMER_LIMITS: Record<CustomerField, number> = {
  customerId: 150,
  name: 191,
  street: 200,
  zip: 200,
  city: 200,
  country: 200,
  url: 200,
  comment: 250,
};
export const CUSTOMER_REQUIRED: ReadonlySet<CustomerField> = new Set(["customerId", "name"]);

export type CustomerValues = Record<CustomerField, string> & { valid: ValidState };

/** `storedUrl`: the record's URL as it is; an old value imported from OTOBO may stay as it was. */
export function customerSchema(
  t: TFunction,
  storedUrl?: string | null,
): z.ZodType<CustomerValues, CustomerValues> {
  const shape = Object.fromEntries(
    CUSTOMER_FIELDS.map((field) => {
      const max = CUSTOMER_LIMITS[field];
      const base = z.string().max(max, t("validation.tooLong", { max }));
      // The same check as the server's (packages/domain/src/customers/service.ts, isWebAddress).
      const rule =
        field === "url"
          ? base.refine(
              (v) => v.trim() === "" || v === storedUrl || isWebAddress(v.trim()),
              t("validation.url"),
            )
          : base;
      return [
        field,
        CUSTOMER_REQUIRED.has(field) ? rule.refine((v) => v.trim() !== "", t("validation.required")) : rule,
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
  for (const field of CUSTOMER_FIELDS) values[field] = customer[field] ?? "";
  values.valid = customer.valid;
  return values;
}

/** Empty optional fields are left out on create and sent as null (cleared) on edit. */
export function toCustomerInput(values: CustomerValues, mode: "create" | "edit"): CustomerInput {
  const input: CustomerInput = { valid: values.valid };
  for (const field of CUSTOMER_FIELDS) {
    const value = values[field].trim();
    if (value !== "") input[field] = value;
    else if (mode === "edit") input[field] = null;
  }
  return input;
}

/** http(s) only, with a host: a javascript: or data: address must never become a link. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}
