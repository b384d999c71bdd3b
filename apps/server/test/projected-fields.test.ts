import { describe, expect, test } from "vitest";
import { projectedFields, readsRelations } from "../src/graphql/customer-users/prefetch";

describe("which columns a customer-user list reads", () => {
  test("typed fields alone are a projection; the record's own fields need no column", () => {
    expect(projectedFields(new Set(["__typename", "login", "source", "valid", "email", "street"]))).toEqual([
      "email",
      "street",
    ]);
    expect(projectedFields(new Set(["login"]))).toEqual([]);
  });

  test.each(["fullName", "attributes", "createdAt", "changedAt", "history"])(
    "%s needs the whole record",
    (field) => {
      expect(projectedFields(new Set(["login", "email", field]))).toBeNull();
      expect(projectedFields(new Set(["login", "customer", "groups", field]))).toBeNull();
    },
  );

  test.each([
    "customer",
    "customers",
    "customerIds",
    "contextCustomerIds",
    "groups",
    "effectivePermissions",
    "services",
    "effectiveServices",
    "preferences",
  ])("%s is read ahead from the login and the customer ids: the list stays a projection", (field) => {
    expect(projectedFields(new Set(["login", "email", field]))).toEqual(["email"]);
    expect(readsRelations(new Set(["login", "email", field]))).toBe(true);
    expect(readsRelations(new Set(["login", "email"]))).toBe(false);
  });
});
