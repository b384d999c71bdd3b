import { FilterParser } from "ldapts";
import { describe, expect, test } from "vitest";
import {
  configuredFilter,
  equals,
  escapeValue,
  MATCH_ALL,
  MATCH_NONE,
  matches,
  patternValue,
  searchQueryFilter,
} from "../../src/customer-users/sources/ldap-filter";
import { parseSearch } from "../../src/search/search-syntax";

const filterOf = (term: string, fields = ["uid", "cn"], prefix = "*", suffix = "*") =>
  searchQueryFilter(parseSearch(term), fields, prefix, suffix);

describe("RFC 4515 escaping", () => {
  test("escapes the five metacharacters and nothing else", () => {
    expect(escapeValue("a*b(c)d\\e\0f")).toBe("a\\2ab\\28c\\29d\\5ce\\00f");
    expect(escapeValue("Jörg Müller 100% _x_")).toBe("Jörg Müller 100% _x_");
  });

  test("a pattern keeps its wildcards and escapes every literal piece", () => {
    expect(patternValue("*)(uid=*")).toBe("*\\29\\28uid=*");
    expect(patternValue("a\\*")).toBe("a\\5c*");
  });

  test("exact matches never turn `*` into a wildcard", () => {
    expect(equals("uid", "*")).toBe("(uid=\\2a)");
    expect(equals("mail", "*)(uid=*")).toBe("(mail=\\2a\\29\\28uid=\\2a)");
  });

  test("an all-wildcard pattern is a presence test", () => {
    expect(matches("mail", "*")).toBe("(mail=*)");
  });

  test("attribute names are checked, never interpolated blindly", () => {
    expect(() => equals("uid)(cn=*", "x")).toThrow(/not an LDAP attribute name/);
  });
});

describe("search syntax → filter", () => {
  test("one word over every search field, with prefix and suffix", () => {
    expect(filterOf("jo")).toBe("(|(uid=*jo*)(cn=*jo*))");
  });

  test("words are ANDed, OR groups ORed, ! negates", () => {
    expect(filterOf("jo doe")).toBe("(&(|(uid=*jo*)(cn=*jo*))(|(uid=*doe*)(cn=*doe*)))");
    expect(filterOf("jo OR doe")).toBe("(|(|(uid=*jo*)(cn=*jo*))(|(uid=*doe*)(cn=*doe*)))");
    expect(filterOf("jo !doe")).toBe("(&(|(uid=*jo*)(cn=*jo*))(!(|(uid=*doe*)(cn=*doe*))))");
  });

  test("a quoted phrase keeps its space; LDAP's own prefix/suffix default applies", () => {
    expect(filterOf('"john doe"', ["cn"], "", "*")).toBe("(cn=john doe*)");
  });

  test("injection strings stay literal in the filter the server receives", () => {
    for (const [term, expected] of [
      ["*)(uid=*", "(cn=*\\29\\28uid=*)"],
      ["\\", "(cn=*\\5c*)"],
      ["(", "(cn=*\\28*)"],
      [")", "(cn=*\\29*)"],
    ] as const) {
      const filter = filterOf(term, ["cn"]);
      expect(filter).toBe(expected);
      // ldapts parses it back into exactly one substring assertion on cn.
      const parsed = FilterParser.parseString(filter) as unknown as { attribute: string; any: string[] };
      expect(parsed.attribute).toBe("cn");
      expect(parsed.any.join("")).toBe(term.replaceAll("*", ""));
    }
  });

  test("NUL never reaches the server: OpenLDAP would cut the value there and match more", () => {
    expect(filterOf("a\0b", ["cn"])).toBe(MATCH_NONE);
    expect(filterOf("!a\0b", ["cn"])).toBe(MATCH_ALL);
    expect(equals("uid", "cu0001\0x")).toBe(MATCH_NONE);
  });

  test("fields whose syntax cannot hold the word are left out, so negation still works", () => {
    expect(filterOf("Jörg", ["cn", "mail"])).toBe("(cn=*Jörg*)");
    expect(filterOf("!Jörg", ["cn", "mail"])).toBe("(!(cn=*Jörg*))");
    expect(filterOf("!Jörg", ["mail"])).toBe(MATCH_ALL);
    expect(filterOf("Jörg", ["mail", "telephoneNumber"])).toBe(MATCH_NONE);
    expect(filterOf('"49 30"', ["telephoneNumber"])).toBe("(telephoneNumber=*49 30*)");
    expect(filterOf("30ö", ["telephoneNumber"])).toBe(MATCH_NONE);
  });

  test("a word that is only wildcards matches everything; negated, nothing", () => {
    expect(filterOf("*")).toBe(MATCH_ALL);
    expect(filterOf("!*")).toBe(MATCH_NONE);
    expect(filterOf("jo *")).toBe("(|(uid=*jo*)(cn=*jo*))");
    expect(filterOf("jo OR *")).toBe(MATCH_ALL);
  });

  test("configured filters may be written without parentheses", () => {
    expect(configuredFilter("mail=*")).toBe("(mail=*)");
    expect(configuredFilter(" (objectClass=person) ")).toBe("(objectClass=person)");
    expect(configuredFilter("")).toBeNull();
  });
});
