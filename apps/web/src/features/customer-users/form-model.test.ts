import i18n from "i18next";
import { describe, expect, it } from "vitest";
import {
  customerUserSchema,
  emptyValues,
  type FieldDefinition,
  formFieldForServerField,
  formFields,
  toCustomerUserInput,
  valuesFromUser,
  writableSources,
} from "./form-model";

const f = (attribute: string, required = false, readOnly = false): FieldDefinition => ({
  attribute,
  label: attribute,
  required,
  readOnly,
  shownInList: false,
});

const fields: FieldDefinition[] = [
  f("UserTitle"),
  f("UserFirstname", true),
  f("UserLastname", true),
  f("UserLogin", true),
  f("UserPassword"),
  f("UserEmail", true),
  f("UserCustomerID", true),
  f("ValidID", true),
  f("UserComment"),
  f("UserRoom"),
];

const t = i18n.t.bind(i18n);

function valid(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...emptyValues(fields),
    UserFirstname: "Jane",
    UserLastname: "Doe",
    UserLogin: "jane",
    UserEmail: "jane@example.com",
    UserCustomerID: "acme",
    ...overrides,
  };
}

function issues(values: Record<string, string>): Record<string, string> {
  const result = customerUserSchema(fields, t).safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
}

describe("customer user form rules", () => {
  it("puts Valid last, keeps map order and custom attributes", () => {
    expect(formFields(fields).map((x) => x.attribute)).toEqual([
      "UserTitle",
      "UserFirstname",
      "UserLastname",
      "UserLogin",
      "UserPassword",
      "UserEmail",
      "UserCustomerID",
      "UserComment",
      "UserRoom",
      "ValidID",
    ]);
  });

  it("accepts a complete user and an empty password (generated on create)", () => {
    expect(issues(valid())).toEqual({});
  });

  it("requires the map's required fields", () => {
    expect(issues(valid({ UserFirstname: "  ", UserCustomerID: "" }))).toEqual({
      UserFirstname: "This field is required.",
      UserCustomerID: "This field is required.",
    });
  });

  it("enforces OTOBO's column lengths", () => {
    expect(issues(valid({ UserLogin: "x".repeat(191) }))).toEqual({});
    expect(issues(valid({ UserLogin: "x".repeat(192) }))).toEqual({ UserLogin: "At most 191 characters." });
    expect(issues(valid({ UserTitle: "x".repeat(51) }))).toEqual({ UserTitle: "At most 50 characters." });
    expect(issues(valid({ UserEmail: `${"x".repeat(140)}@example.com` }))).toEqual({
      UserEmail: "At most 150 characters.",
    });
    expect(issues(valid({ UserComment: "x".repeat(251) }))).toEqual({
      UserComment: "At most 250 characters.",
    });
  });

  it("checks e-mail syntax only for valid users, as OTOBO does", () => {
    expect(issues(valid({ UserEmail: "not-an-address" }))).toEqual({
      UserEmail: "This is not a valid email address.",
    });
    expect(issues(valid({ UserEmail: "not-an-address", ValidID: "INVALID" }))).toEqual({});
  });

  it("does not require read-only fields", () => {
    const ro = [f("UserLogin", true, true), f("UserEmail", true, true), f("ValidID", true)];
    expect(
      customerUserSchema(ro, t).safeParse({ UserLogin: "", UserEmail: "", ValidID: "VALID" }).success,
    ).toBe(true);
  });

  it("builds a create input without empty fields, custom attributes in `attributes`", () => {
    const input = toCustomerUserInput(valid({ UserRoom: " B-204 ", UserTitle: "" }), fields);
    expect(input).toEqual({
      firstName: "Jane",
      lastName: "Doe",
      login: "jane",
      email: "jane@example.com",
      customerId: "acme",
      valid: "VALID",
      attributes: [{ attribute: "UserRoom", value: "B-204" }],
    });
  });

  it("sends only changed fields on edit, a cleared field as null", () => {
    const input = toCustomerUserInput(
      valid({ UserComment: "", UserRoom: "", ValidID: "INVALID" }),
      fields,
      new Set(["UserComment", "UserRoom", "ValidID"]),
    );
    expect(input).toEqual({
      comment: null,
      valid: "INVALID",
      attributes: [{ attribute: "UserRoom", value: null }],
    });
  });

  it("loads a user's values, custom attributes included, never a password", () => {
    const values = valuesFromUser(
      {
        login: "jane",
        title: null,
        firstName: "Jane",
        lastName: "Doe",
        email: "jane@example.com",
        customerId: "acme",
        phone: null,
        fax: null,
        mobile: null,
        street: null,
        zip: null,
        city: null,
        country: null,
        comment: "vip",
        valid: "INVALID_TEMPORARILY",
        attributes: [{ attribute: "UserRoom", label: "Room", value: "B-204" }],
      },
      fields,
    );
    expect(values).toMatchObject({
      UserLogin: "jane",
      UserTitle: "",
      UserComment: "vip",
      UserRoom: "B-204",
      UserPassword: "",
      ValidID: "INVALID_TEMPORARILY",
    });
  });

  it("maps the server's extensions.field to the form field", () => {
    expect(formFieldForServerField("email", fields)).toBe("UserEmail");
    expect(formFieldForServerField("customerId", fields)).toBe("UserCustomerID");
    expect(formFieldForServerField("input.login", fields)).toBe("UserLogin");
    expect(formFieldForServerField("UserRoom", fields)).toBe("UserRoom");
    expect(formFieldForServerField("attributes.UserRoom", fields)).toBe("UserRoom");
    expect(formFieldForServerField("valid", fields)).toBe("ValidID");
    expect(formFieldForServerField("somethingElse", fields)).toBeNull();
  });

  it("offers only writable backends", () => {
    expect(
      writableSources([
        { id: "db", readOnly: false },
        { id: "ldap", readOnly: true },
      ]),
    ).toEqual([{ id: "db", readOnly: false }]);
  });
});
