import { describe, expect, test } from "vitest";
import { type LdapBackendConfig, parseConfig } from "../../src/config/backends";
import { parseAttributeTypes, schemaSyntaxes } from "../../src/customer-users/sources/ldap-filter";
import { LdapCustomerUserSource } from "../../src/customer-users/sources/ldap-source";

const ldap = (params: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  parseConfig({
    backends: [
      { module: "ldap", params: { url: "ldaps://dc.example", baseDn: "DC=example", ...params }, ...more },
    ],
  }).backends[0] as LdapBackendConfig;

describe("directoryType and group settings in the configuration", () => {
  test("activeDirectory: sAMAccountName as key, in the search fields and the map; overridable", () => {
    const config = ldap({ directoryType: "activeDirectory" });
    expect(config.customerKey).toBe("sAMAccountName");
    expect(config.customerUserSearchFields).toEqual(["sAMAccountName", "cn", "mail"]);
    expect(config.map.find((r) => r.attribute === "UserLogin")?.storage).toBe("sAMAccountName");
    expect(ldap({ directoryType: "activeDirectory" }, { customerKey: "userPrincipalName" }).customerKey).toBe(
      "userPrincipalName",
    );
    expect(ldap({}).customerKey).toBe("uid");
    expect(() => ldap({ directoryType: "novell" })).toThrow(/backends\[0\]\.params\.directoryType/);
  });

  test("nestedGroups needs a DN-valued member attribute; a bad attribute name is refused", () => {
    expect(() => new LdapCustomerUserSource(ldap({ groupDn: "cn=g", nestedGroups: true }))).toThrow(
      /params\.nestedGroups: needs a DN-valued groupMemberAttribute/,
    );
    expect(
      () =>
        new LdapCustomerUserSource(
          ldap({ groupDn: "cn=g", nestedGroups: true, groupMemberAttribute: "member" }),
        ),
    ).not.toThrow();
    // Active Directory's default member attribute is member.
    expect(
      () =>
        new LdapCustomerUserSource(
          ldap({ directoryType: "activeDirectory", groupDn: "CN=g", nestedGroups: true }),
        ),
    ).not.toThrow();
    expect(() => ldap({ groupMemberAttribute: "member)(x" })).toThrow(/params\.groupMemberAttribute/);
  });
});

describe("attribute syntaxes from a subschema entry", () => {
  test("own SYNTAX, inherited through SUP, AD's quoted form, and binary identifiers by name", () => {
    const syntaxes = schemaSyntaxes(
      parseAttributeTypes([
        "( 2.5.4.41 NAME 'name' EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{32768} )",
        "( 2.5.4.3 NAME ( 'cn' 'commonName' ) DESC 'RFC4519' SUP name )",
        "( 0.9.2342.19200300.100.1.3 NAME ( 'mail' 'rfc822Mailbox' ) SYNTAX 1.3.6.1.4.1.1466.115.121.1.26{256} )",
        "( 2.5.4.20 NAME 'telephoneNumber' SYNTAX 1.3.6.1.4.1.1466.115.121.1.50{32} )",
        "( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' SINGLE-VALUE )",
        "( 9.9 NAME 'homePhone' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' )",
      ]),
    );
    expect(syntaxes.of("commonName")).toBe("any");
    expect(syntaxes.of("CN")).toBe("any");
    expect(syntaxes.of("rfc822Mailbox")).toBe("ia5");
    expect(syntaxes.of("telephoneNumber")).toBe("printable");
    expect(syntaxes.of("sAMAccountName")).toBe("any");
    expect(syntaxes.of("homePhone")).toBe("any");
    expect(syntaxes.of("objectGUID")).toBe("guid");
    expect(syntaxes.of("objectSid")).toBe("sid");
    expect(syntaxes.of("unknownAttribute")).toBe("any");
  });
});
