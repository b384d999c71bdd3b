import i18n from "i18next";
import { describe, expect, it } from "vitest";
import { customerSchema, emptyCustomer, toCustomerInput } from "./form-model";

const t = i18n.t.bind(i18n);

describe("customer form rules", () => {
  it("requires customer id and name and enforces OTOBO's lengths", () => {
    const result = customerSchema(t).safeParse({
      ...emptyCustomer(),
      customerId: "",
      name: "x".repeat(192),
      url: `https://${"x".repeat(193)}`,
      comment: "x".repeat(251),
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(messages).toEqual({
      customerId: "This field is required.",
      name: "At most 191 characters.",
      url: "At most 200 characters.",
      comment: "At most 250 characters.",
    });
  });

  it("a new or changed URL must be a web address; a stored one may stay as it is", () => {
    const parse = (url: string, stored?: string) =>
      customerSchema(t, stored).safeParse({ ...emptyCustomer(), customerId: "A", name: "A", url });
    expect(parse("https://acme.example").success).toBe(true);
    expect(parse("").success).toBe(true);
    expect(parse("javascript:alert(1)").error?.issues[0]?.message).toBe(
      "Enter a web address starting with http:// or https://.",
    );
    expect(parse("www.acme.example").success).toBe(false);
    expect(parse("www.acme.example", "www.acme.example").success).toBe(true);
  });

  it("accepts the limits exactly", () => {
    const ok = customerSchema(t).safeParse({
      ...emptyCustomer(),
      customerId: "x".repeat(150),
      name: "x".repeat(191),
      city: "x".repeat(200),
    });
    expect(ok.success).toBe(true);
  });

  it("leaves empty fields out on create and clears them on edit", () => {
    const values = { ...emptyCustomer(), customerId: " acme ", name: "ACME", valid: "INVALID" as const };
    expect(toCustomerInput(values, "create")).toEqual({ customerId: "acme", name: "ACME", valid: "INVALID" });
    expect(toCustomerInput(values, "edit")).toMatchObject({ customerId: "acme", city: null, url: null });
  });
});
