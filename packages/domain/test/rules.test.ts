import { getTableConfig } from "drizzle-orm/pg-core";
import { describe, expect, test } from "vitest";
import { customerCompany, customerUser } from "../src/db/schema";
import { CUSTOMER_FIELDS, CUSTOMER_USER_FIELDS, textSchema } from "../src/rules";
import { checkRule } from "../src/validation";

const lengths = (table: Parameters<typeof getTableConfig>[0]) =>
  Object.fromEntries(
    getTableConfig(table).columns.map((c) => [c.name, (c as { length?: number }).length ?? null]),
  );

describe("field rules", () => {
  test("the tables take their lengths from the rules", () => {
    const company = lengths(customerCompany);
    expect(company.customer_id).toBe(CUSTOMER_FIELDS.customerId.max);
    expect(company.name).toBe(CUSTOMER_FIELDS.name.max);
    expect(company.url).toBe(CUSTOMER_FIELDS.url.max);
    expect(company.comments).toBe(CUSTOMER_FIELDS.comment.max);
    const user = lengths(customerUser);
    expect(user.login).toBe(CUSTOMER_USER_FIELDS.login.max);
    expect(user.title).toBe(CUSTOMER_USER_FIELDS.title.max);
    expect(user.first_name).toBe(CUSTOMER_USER_FIELDS.firstName.max);
    expect(user.comments).toBe(CUSTOMER_USER_FIELDS.comment.max);
  });

  test("textSchema counts characters as PostgreSQL does and says why, with params", () => {
    const rule = textSchema({ label: "Name", max: 3, required: true });
    expect(rule.safeParse("äöü").success).toBe(true);
    expect(rule.safeParse("😀😀😀").success).toBe(true); // three code points, six UTF-16 units
    expect(rule.safeParse("abcd").error?.issues[0]).toMatchObject({
      message: "Name is too long: at most 3 characters.",
      params: { reason: "tooLong", max: 3 },
    });
    expect(rule.safeParse("  ").error?.issues[0]).toMatchObject({
      message: "Name is required.",
      params: { reason: "required" },
    });
    expect(textSchema({ label: "Comment", max: null }).safeParse("x".repeat(10_000)).success).toBe(true);
  });

  test("checkRule is BAD_USER_INPUT naming the field, with the rule's params", () => {
    expect(() => checkRule("name", CUSTOMER_FIELDS.name, "n".repeat(192))).toThrow(
      expect.objectContaining({
        code: "BAD_USER_INPUT",
        extensions: expect.objectContaining({ field: "name", params: { reason: "tooLong", max: 191 } }),
      }),
    );
    expect(() => checkRule("customerId", CUSTOMER_FIELDS.customerId, null)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: "customerId" }) }),
    );
    expect(() => checkRule("city", CUSTOMER_FIELDS.city, null)).not.toThrow();
  });
});
