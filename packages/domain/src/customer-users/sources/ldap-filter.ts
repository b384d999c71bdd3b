import { FilterParser } from "ldapts";
import { applyAffixes, literalPieces, matchesAnything, type SearchQuery } from "../../search/search-syntax";

/**
 * RFC 4515 filter construction. Every value that reaches a filter goes through `escapeValue`;
 * `*` is a wildcard only where the search syntax made it one (OTOBO leaves two paths unescaped).
 * Non-ASCII characters stay as they are: the filter string is UTF-8 and ldapts would turn a
 * `\c3\a9` escape into two separate characters.
 */

/** Matches every entry; used where a search word puts no constraint on the result. */
export const MATCH_ALL = "(objectClass=*)";
/** Matches no entry (a negated word that matches everything). */
export const MATCH_NONE = "(!(objectClass=*))";

const ATTRIBUTE = /^[A-Za-z][A-Za-z0-9-]*$/;

export function isAttributeName(name: string): boolean {
  return ATTRIBUTE.test(name);
}

function attribute(name: string): string {
  if (!ATTRIBUTE.test(name)) throw new Error(`"${name}" is not an LDAP attribute name`);
  return name;
}

/** Escapes a literal assertion value: `*` `(` `)` `\` and NUL become `\2a` `\28` `\29` `\5c` `\00`. */
export function escapeValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => `\\${(c.codePointAt(0) ?? 0).toString(16).padStart(2, "0")}`);
}

/** A search pattern (`*` wildcard, all else literal) as an assertion value: pieces escaped, joined by `*`. */
export function patternValue(pattern: string): string {
  return literalPieces(pattern).map(escapeValue).join("*");
}

/**
 * Which values an attribute's syntax can hold. An assertion the syntax cannot hold is "undefined"
 * to the server, and `(!undefined)` is undefined too, so `!Jörg` over an IA5 `mail` would hide
 * every entry; such a field simply cannot match. `guid` / `sid` are AD's binary objectGUID and
 * objectSid, written in filters as their canonical strings and sent as bytes.
 */
export type ValueSyntax = "any" | "ia5" | "printable" | "guid" | "sid";

export interface AttributeSyntaxes {
  of(attribute: string): ValueSyntax;
}

/** RFC 4517 syntax OIDs that restrict characters; every other syntax takes any UTF-8 text. */
const SYNTAX_BY_OID: Record<string, ValueSyntax> = {
  "1.3.6.1.4.1.1466.115.121.1.26": "ia5",
  "1.3.6.1.4.1.1466.115.121.1.44": "printable",
  "1.3.6.1.4.1.1466.115.121.1.50": "printable",
  "1.3.6.1.4.1.1466.115.121.1.11": "printable",
};

/** Binary identifiers whose canonical strings stand in for their bytes (Active Directory). */
const BINARY_BY_NAME: Record<string, ValueSyntax> = { objectguid: "guid", objectsid: "sid" };

/** Syntaxes from a server's subschema: attribute name (lower case) → syntax OID, SUP resolved. */
export function schemaSyntaxes(syntaxOids: ReadonlyMap<string, string>): AttributeSyntaxes {
  return {
    of(attribute) {
      const name = attribute.toLowerCase();
      const binary = BINARY_BY_NAME[name];
      if (binary) return binary;
      const oid = syntaxOids.get(name);
      return (oid && SYNTAX_BY_OID[oid.replace(/\{\d+\}$/, "")]) || "any";
    },
  };
}

/**
 * Parses `attributeTypes` values of a subschema entry (RFC 4512) into name → syntax OID, taking
 * the syntax of the supertype where a type has none of its own.
 */
export function parseAttributeTypes(definitions: readonly string[]): Map<string, string> {
  const syntax = new Map<string, string>();
  const sup = new Map<string, string>();
  for (const definition of definitions) {
    const namesMatch = /\bNAME\s+(?:'([^']+)'|\(\s*((?:'[^']+'\s*)+)\))/.exec(definition);
    if (!namesMatch) continue;
    const names = (namesMatch[1] ? [namesMatch[1]] : (namesMatch[2]?.match(/'[^']+'/g) ?? [])).map((n) =>
      n.replace(/'/g, "").toLowerCase(),
    );
    const syntaxMatch = /\bSYNTAX\s+'?([0-9.]+(?:\{\d+\})?)'?/.exec(definition);
    const supMatch = /\bSUP\s+'?([A-Za-z0-9.-]+)'?/.exec(definition);
    for (const name of names) {
      if (syntaxMatch?.[1]) syntax.set(name, syntaxMatch[1]);
      else if (supMatch?.[1]) sup.set(name, supMatch[1].toLowerCase());
    }
  }
  for (const [name, parent] of sup) {
    let current: string | undefined = parent;
    for (let depth = 0; current && depth < 10 && !syntax.has(name); depth++) {
      const found = syntax.get(current);
      if (found) syntax.set(name, found);
      current = sup.get(current);
    }
  }
  return syntax;
}

/**
 * Used when a server's schema cannot be read: the standard schema's restricted attributes
 * (RFC 4519, RFC 4524, RFC 2307), as OpenLDAP ships them.
 */
export const STANDARD_SYNTAXES: AttributeSyntaxes = schemaSyntaxes(
  new Map([
    ...[
      "mail",
      "rfc822mailbox",
      "email",
      "emailaddress",
      "dc",
      "domaincomponent",
      "memberuid",
      "homedirectory",
      "loginshell",
      "gecos",
      "associateddomain",
    ].map((n): [string, string] => [n, "1.3.6.1.4.1.1466.115.121.1.26"]),
    ...[
      "telephonenumber",
      "facsimiletelephonenumber",
      "mobile",
      "mobiletelephonenumber",
      "homephone",
      "hometelephonenumber",
      "pager",
      "pagertelephonenumber",
    ].map((n): [string, string] => [n, "1.3.6.1.4.1.1466.115.121.1.50"]),
  ]),
);

const PRINTABLE = /^[A-Za-z0-9'()+,\-./:=? ]*$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SID = /^S-1-\d+(-\d+)*$/i;

/** True when `text` holds only characters every string syntax accepts (no schema needed). */
export function isPlainText(text: string): boolean {
  return PRINTABLE.test(text);
}

/** Can a value of `attr` contain `text` at all? Never with NUL: OpenLDAP would cut the value there. */
export function canHold(
  attr: string,
  text: string,
  syntaxes: AttributeSyntaxes = STANDARD_SYNTAXES,
): boolean {
  if (text.includes("\u0000")) return false;
  switch (syntaxes.of(attr)) {
    case "ia5":
      return [...text].every((c) => (c.codePointAt(0) ?? 0) < 0x80);
    case "printable":
      return PRINTABLE.test(text);
    case "guid":
      return GUID.test(text);
    case "sid":
      return SID.test(text);
    default:
      return true;
  }
}

/** `(attr=value)`, an exact match of a literal value. */
export function equals(attr: string, value: string, syntaxes: AttributeSyntaxes = STANDARD_SYNTAXES): string {
  if (!canHold(attr, value, syntaxes)) return MATCH_NONE;
  return `(${attribute(attr)}=${escapeValue(value)})`;
}

/** `(attr=pattern)` with the pattern's `*` as wildcards; all-wildcard patterns become presence. */
export function matches(
  attr: string,
  pattern: string,
  syntaxes: AttributeSyntaxes = STANDARD_SYNTAXES,
): string {
  if (matchesAnything(pattern)) return `(${attribute(attr)}=*)`;
  const pieces = literalPieces(pattern);
  const syntax = syntaxes.of(attr);
  // Binary identifiers match whole values only.
  if (syntax === "guid" || syntax === "sid")
    return pieces.length === 1 ? equals(attr, pattern, syntaxes) : MATCH_NONE;
  if (!canHold(attr, pieces.join(""), syntaxes)) return MATCH_NONE;
  return `(${attribute(attr)}=${patternValue(pattern)})`;
}

export const present = (attr: string): string => `(${attribute(attr)}=*)`;

export function and(...filters: (string | null | undefined)[]): string {
  const parts = filters.filter((f): f is string => !!f && f !== MATCH_ALL);
  if (parts.includes(MATCH_NONE)) return MATCH_NONE;
  if (parts.length === 0) return MATCH_ALL;
  return parts.length === 1 ? (parts[0] as string) : `(&${parts.join("")})`;
}

export function or(...filters: string[]): string {
  if (filters.includes(MATCH_ALL)) return MATCH_ALL;
  const parts = filters.filter((f) => f !== MATCH_NONE);
  if (parts.length === 0) return MATCH_NONE;
  return parts.length === 1 ? (parts[0] as string) : `(|${parts.join("")})`;
}

export function not(filter: string): string {
  if (filter === MATCH_ALL) return MATCH_NONE;
  if (filter === MATCH_NONE) return MATCH_ALL;
  return `(!${filter})`;
}

/** A configured filter (`alwaysFilter`, `validFilter`): wrapped in parentheses when written bare. */
export function configuredFilter(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === "") return null;
  return trimmed.startsWith("(") ? trimmed : `(${trimmed})`;
}

/** Throws with ldapts' parser message when the filter is not valid RFC 4515. */
export function assertValidFilter(filter: string): void {
  FilterParser.parseString(filter);
}

/**
 * The parsed search box as a filter: each word is `(|(f1=…)(f2=…))` over the search fields,
 * a negated word `(!…)`, words of a group ANDed, groups ORed.
 */
export function searchQueryFilter(
  query: SearchQuery | null,
  fields: readonly string[],
  prefix: string,
  suffix: string,
  syntaxes: AttributeSyntaxes = STANDARD_SYNTAXES,
): string {
  if (!query) return MATCH_ALL;
  const groups = query.groups.map((words) =>
    and(
      ...words.map((word) => {
        const pattern = applyAffixes(word, prefix, suffix);
        const positive = matchesAnything(pattern)
          ? MATCH_ALL
          : or(...fields.map((f) => matches(f, pattern, syntaxes)));
        return word.negated ? not(positive) : positive;
      }),
    ),
  );
  return or(...groups);
}
