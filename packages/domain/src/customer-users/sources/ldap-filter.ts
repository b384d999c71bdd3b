import { FilterParser } from "ldapts";
import { applyAffixes, literalPieces, matchesAnything, type SearchQuery } from "../search-syntax";

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
 * Standard attributes whose syntax cannot hold every character (RFC 4517, cosine/nis schemas).
 * An assertion the syntax cannot hold is "undefined" to the server, and `(!undefined)` is
 * undefined too, so `!Jörg` over `mail` would hide every entry; such a field simply cannot match.
 */
const IA5_ATTRIBUTES = new Set([
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
]);
const PRINTABLE_ATTRIBUTES = new Set([
  "telephonenumber",
  "facsimiletelephonenumber",
  "mobile",
  "mobiletelephonenumber",
  "homephone",
  "hometelephonenumber",
  "pager",
  "pagertelephonenumber",
]);
const PRINTABLE = /^[A-Za-z0-9'()+,\-./:=? ]*$/;

/** Can a value of `attr` contain `text` at all? Never with NUL: OpenLDAP would cut the value there. */
export function canHold(attr: string, text: string): boolean {
  if (text.includes("\u0000")) return false;
  const name = attr.toLowerCase();
  if (IA5_ATTRIBUTES.has(name)) return [...text].every((c) => (c.codePointAt(0) ?? 0) < 0x80);
  if (PRINTABLE_ATTRIBUTES.has(name)) return PRINTABLE.test(text);
  return true;
}

/** `(attr=value)`, an exact match of a literal value. */
export function equals(attr: string, value: string): string {
  if (!canHold(attr, value)) return MATCH_NONE;
  return `(${attribute(attr)}=${escapeValue(value)})`;
}

/** `(attr=pattern)` with the pattern's `*` as wildcards; all-wildcard patterns become presence. */
export function matches(attr: string, pattern: string): string {
  if (matchesAnything(pattern)) return `(${attribute(attr)}=*)`;
  if (!canHold(attr, literalPieces(pattern).join(""))) return MATCH_NONE;
  return `(${attribute(attr)}=${patternValue(pattern)})`;
}

export const present = (attr: string): string => `(${attribute(attr)}=*)`;

export function and(...filters: (string | null | undefined)[]): string {
  const parts = filters.filter((f): f is string => !!f && f !== MATCH_ALL);
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
): string {
  if (!query) return MATCH_ALL;
  const groups = query.groups.map((words) =>
    and(
      ...words.map((word) => {
        const pattern = applyAffixes(word, prefix, suffix);
        const positive = matchesAnything(pattern) ? MATCH_ALL : or(...fields.map((f) => matches(f, pattern)));
        return word.negated ? not(positive) : positive;
      }),
    ),
  );
  return or(...groups);
}
