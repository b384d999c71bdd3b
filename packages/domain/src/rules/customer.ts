import type { FieldRule } from "./text";

/**
 * The fields of a customer (OTOBO's customer_company) with their columns' lengths
 * (docs/domain.md §Data model): the Drizzle table, the domain's validation and the web form read
 * them from here.
 */
export const CUSTOMER_FIELDS = {
  customerId: { label: "Customer ID", max: 150, required: true },
  name: { label: "Name", max: 191, required: true },
  street: { label: "Street", max: 200, required: false },
  zip: { label: "Zip", max: 200, required: false },
  city: { label: "City", max: 200, required: false },
  country: { label: "Country", max: 200, required: false },
  url: { label: "URL", max: 200, required: false },
  comment: { label: "Comment", max: 250, required: false },
} as const satisfies Record<string, FieldRule>;

export type CustomerField = keyof typeof CUSTOMER_FIELDS;

/** http(s) only, with a host: a javascript: or data: address must never become a link. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}
