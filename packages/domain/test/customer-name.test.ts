import { describe, expect, test } from "vitest";
import { parseConfig } from "../src/config/backends";
import { fullName, splitCustomerIds } from "../src/customer-users/fields";
import type { CustomerUserRecord } from "../src/customer-users/sources/source";

const record: CustomerUserRecord = {
  source: "CustomerUser",
  readOnly: false,
  login: "LoginX",
  validId: 1,
  attributes: {
    UserFirstname: "FirstnameX",
    UserLastname: "LastnameX",
    UserLogin: "LoginX",
    UserTitle: null,
  },
  createdAt: null,
  changedAt: null,
};

const nameWith = (fields: string[], join?: string) => {
  const backend = parseConfig({
    backends: [
      {
        module: "db",
        customerUserNameFields: fields,
        ...(join === undefined ? {} : { customerUserNameFieldsJoin: join }),
      },
    ],
  }).backends[0]!;
  return fullName(record, backend);
};

// docs/otobo-behaviour.md §3.8, CustomerUser/CustomerName.t
describe("CustomerName", () => {
  test.each([
    ["###", ["first_name", "last_name"], "FirstnameX###LastnameX"],
    ["***", ["first_name", "last_name"], "FirstnameX***LastnameX"],
    [undefined, ["first_name", "last_name"], "FirstnameX LastnameX"],
    ["###", ["last_name", "first_name"], "LastnameX###FirstnameX"],
    ["***", ["last_name", "first_name"], "LastnameX***FirstnameX"],
    [undefined, ["last_name", "first_name"], "LastnameX FirstnameX"],
    ["###", ["first_name", "last_name", "login"], "FirstnameX###LastnameX###LoginX"],
    [undefined, ["first_name", "last_name", "login"], "FirstnameX LastnameX LoginX"],
    [" ", ["first_name", "last_name", "login"], "FirstnameX LastnameX LoginX"],
    ["", ["first_name", "last_name", "login"], "FirstnameXLastnameXLoginX"],
  ])("join %j over %j", (join, fields, expected) => {
    expect(nameWith(fields, join)).toBe(expected);
  });

  test("empty parts are skipped (the default title, first, last)", () => {
    expect(nameWith(["title", "first_name", "last_name"])).toBe("FirstnameX LastnameX");
  });
});

// docs/otobo-behaviour.md §3.7: UserCustomerIDs split on the first separator found.
describe("CustomerIDs from a mapped UserCustomerIDs", () => {
  test.each([
    ["a;b, c", ["a", "b, c"]],
    ["a,b|c", ["a", "b|c"]],
    ["a|b", ["a", "b"]],
    [" single ", ["single"]],
    ["", []],
    [null, []],
  ])("%j", (value, expected) => {
    expect(splitCustomerIds(value)).toEqual(expected);
  });
});
