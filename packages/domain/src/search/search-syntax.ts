import { BadInputError } from "../errors";

/**
 * The search box's syntax (docs/domain.md §Search), parsed once and translated by each backend
 * (SQL LIKE for the DB, RFC 4515 filters for LDAP).
 *
 * - whitespace or `+` between words: all words must match (differs: OTOBO treats `john doe` as one phrase)
 * - `"quoted phrase"`: one word, spaces kept
 * - `OR` (upper case) between words: either side
 * - a leading `!`: the word must not match
 * - `*`: wildcard; every other character, `%` and `_` included, is literal
 */
export interface SearchWord {
  /** Pattern text: `*` is a wildcard, everything else literal. */
  text: string;
  negated: boolean;
}

/** Disjunctive normal form: a record matches when every word of any one group matches. */
export interface SearchQuery {
  groups: SearchWord[][];
}

const MAX_WORDS = 32;
const MAX_LENGTH = 500;

export function parseSearch(input: string | null | undefined): SearchQuery | null {
  const term = (input ?? "").trim();
  if (term === "") return null;
  if (term.length > MAX_LENGTH) {
    throw new BadInputError("search", `The search term is too long (at most ${MAX_LENGTH} characters).`);
  }
  const groups: SearchWord[][] = [[]];
  let words = 0;
  // A quoted phrase (optionally negated), or a run of characters without whitespace, `+` or quotes.
  const token = /(!?)"([^"]*)"?|([^\s+"]+)/g;
  for (const match of term.matchAll(token)) {
    const [, bang, phrase, bare] = match;
    if (bare === "OR") {
      if ((groups.at(-1) ?? []).length > 0) groups.push([]);
      continue;
    }
    if (bare === "AND") continue;
    let negated = bang === "!";
    let text = phrase ?? bare ?? "";
    if (phrase === undefined && text.startsWith("!")) {
      negated = true;
      text = text.slice(1);
    }
    if (text === "") continue;
    if (++words > MAX_WORDS) {
      throw new BadInputError("search", `Too many words in the search (at most ${MAX_WORDS}).`);
    }
    groups.at(-1)?.push({ text, negated });
  }
  const nonEmpty = groups.filter((g) => g.length > 0);
  return nonEmpty.length > 0 ? { groups: nonEmpty } : null;
}

/** Applies a backend's prefix/suffix (default `*`/`*`) and collapses runs of `*`. */
export function applyAffixes(word: SearchWord, prefix: string, suffix: string): string {
  return `${prefix}${word.text}${suffix}`.replace(/\*{2,}/g, "*");
}

/** True when the pattern matches any value (only wildcards). */
export const matchesAnything = (pattern: string): boolean => /^\**$/.test(pattern);

/** Splits a pattern on its wildcards: `a*b` → ["a", "b"]; the pieces are literal text. */
export const literalPieces = (pattern: string): string[] => pattern.split("*");

/** A pattern as a SQL LIKE operand with `\` as the escape character: `%`, `_` and `\` stay literal. */
export function toSqlLike(pattern: string): string {
  return literalPieces(pattern)
    .map((piece) => piece.replace(/[\\%_]/g, (c) => `\\${c}`))
    .join("%");
}

/** True when the pattern holds a wildcard. */
export const hasWildcard = (pattern: string): boolean => pattern.includes("*");
