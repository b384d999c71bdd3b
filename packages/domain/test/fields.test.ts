import { describe, expect, test } from "vitest";
import { parseConfig } from "../src/config/backends";
import { attributeValues, fieldDefinitions } from "../src/customer-users/fields";
import type { CustomerUserRecord } from "../src/customer-users/sources/source";
import { withFound } from "../src/shared/found";

const config = parseConfig({
  backends: [
    {
      module: "db",
      customerUserListFields: ["first_name", "room"],
      customerUserSearchFields: ["login", "room", "pw"],
      map: [
        ["UserLogin", "Username", "login", 1, 1, "var", "", 0],
        ["UserPassword", "Password", "pw", 0, 0, "var", "", 0],
        ["UserFirstname", "Firstname", "first_name", 1, 1, "var", "", 0],
        ["UserEmail", "Email", "email", 1, 1, "var", "", 0],
        ["UserCustomerID", "Customer ID", "customer_id", 1, 1, "var", "", 0],
        ["UserRoom", "Room", "room", 0, 0, "var", "", 1],
      ],
    },
  ],
}).backends[0]!;

describe("how a backend's fields are described to clients", () => {
  test("list and search flags come from the backend's lists; a password is never searchable", () => {
    const fields = new Map(fieldDefinitions({ config, readOnly: false }).map((f) => [f.attribute, f]));
    expect(fields.get("UserFirstname")).toMatchObject({
      shownInList: true,
      searchable: false,
      required: true,
    });
    expect(fields.get("UserRoom")).toMatchObject({ shownInList: true, searchable: true, readOnly: true });
    expect(fields.get("UserLogin")).toMatchObject({ shownInList: false, searchable: true, readOnly: false });
    expect(fields.get("UserPassword")).toMatchObject({ searchable: false });
    const readOnly = fieldDefinitions({ config, readOnly: true });
    expect(readOnly.every((f) => f.readOnly)).toBe(true);
  });

  test("a record's attributes carry every map row but the passwords", () => {
    const record: CustomerUserRecord = {
      source: "CustomerUser",
      readOnly: false,
      login: "anna",
      validId: 1,
      attributes: { UserLogin: "anna", UserPassword: "hash", UserRoom: "B-204", UserFirstname: "Anna" },
      createdAt: null,
      changedAt: null,
    };
    expect(attributeValues(record, config)).toEqual([
      { attribute: "UserLogin", label: "Username", value: "anna" },
      { attribute: "UserFirstname", label: "Firstname", value: "Anna" },
      { attribute: "UserEmail", label: "Email", value: null },
      { attribute: "UserCustomerID", label: "Customer ID", value: null },
      { attribute: "UserRoom", label: "Room", value: "B-204" },
    ]);
  });

  test("withFound pairs rows with their records and leaves out rows whose record is gone", () => {
    const rows = [{ login: "a" }, { login: "gone" }, { login: "failed" }, { login: "b" }];
    const records = ["A", null, new Error("unreachable"), "B"];
    expect(withFound(rows, records, (row, record) => `${row.login}:${record}`)).toEqual(["a:A", "b:B"]);
  });
});
