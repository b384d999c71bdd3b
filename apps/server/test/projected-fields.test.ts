import { describe, expect, test } from "vitest";
import { projectedFields } from "../src/graphql/customer-users/prefetch";

describe("which columns a customer-user list reads", () => {
  test("typed fields alone are a projection; the record's own fields need no column", () => {
    expect(projectedFields(new Set(["__typename", "login", "source", "valid", "email", "street"]))).toEqual([
      "email",
      "street",
    ]);
    expect(projectedFields(new Set(["login"]))).toEqual([]);
  });

  test.each([
    "customer",
    "customerIds",
    "effectivePermissions",
    "fullName",
    "attributes",
    "createdAt",
    "changedAt",
  ])("%s needs the whole record", (field) => {
    expect(projectedFields(new Set(["login", "email", field]))).toBeNull();
  });
});
