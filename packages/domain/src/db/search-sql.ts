import { type SQL, sql } from "drizzle-orm";
import {
  applyAffixes,
  hasWildcard,
  matchesAnything,
  type SearchQuery,
  toSqlLike,
} from "../search/search-syntax";
import { SEARCH_TEXT_SEPARATOR } from "./schema/search-text";

export interface SqlSearchOptions {
  /** Column expressions searched for every word (already text-typed). */
  columns: SQL[];
  prefix: string;
  suffix: string;
  caseSensitive: boolean;
  /**
   * The columns joined into one lower-cased text (`SEARCH_TEXT_SQL`), when the searched columns are
   * exactly its columns: a case-insensitive `*word*` is then one condition on it instead of one per
   * column, the same rows, and the form the search indexes serve.
   */
  searchText?: SQL;
}

/** `*word*` without inner wildcards or the separator: the literal between the two wildcards. */
function infixLiteral(pattern: string): string | null {
  const match = /^\*([^*]+)\*$/.exec(pattern);
  return match && !match[1]!.includes(SEARCH_TEXT_SEPARATOR) ? match[1]! : null;
}

const orAll = (parts: SQL[]): SQL => (parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` OR `)})`);
const andAll = (parts: SQL[]): SQL =>
  parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` AND `)})`;

/** One column against one pattern; `lower(col)` so the lower()/trigram indexes apply. */
function columnMatches(column: SQL, pattern: string, caseSensitive: boolean): SQL {
  const operand = caseSensitive ? column : sql`lower(${column})`;
  const value = caseSensitive ? pattern : pattern.toLowerCase();
  if (!hasWildcard(value)) return sql`${operand} = ${value}`;
  return sql`${operand} LIKE ${toSqlLike(value)} ESCAPE '\\'`;
}

/**
 * Translates the parsed search into SQL: words ANDed within a group, groups ORed, each word ORed
 * over the columns. Values are bound parameters and `%`/`_` are escaped, so nothing is injected.
 */
export function searchCondition(query: SearchQuery, options: SqlSearchOptions): SQL {
  const groups = query.groups.map((words) => {
    const conditions = words.map((word) => {
      const pattern = applyAffixes(word, options.prefix, options.suffix);
      if (matchesAnything(pattern)) return word.negated ? sql`false` : sql`true`;
      const literal = options.searchText && !options.caseSensitive ? infixLiteral(pattern) : null;
      if (options.searchText && literal !== null) {
        // The text is never NULL (coalesce), so NOT needs no NULL guard.
        const matches = sql`${options.searchText} LIKE ${toSqlLike(`*${literal.toLowerCase()}*`)} ESCAPE '\\'`;
        return word.negated ? sql`NOT ${matches}` : matches;
      }
      // Plain ORs let the planner combine the trigram indexes; only a negation needs NULL-safe terms.
      if (!word.negated)
        return orAll(options.columns.map((c) => columnMatches(c, pattern, options.caseSensitive)));
      const any = orAll(
        options.columns.map((c) => sql`coalesce(${columnMatches(c, pattern, options.caseSensitive)}, false)`),
      );
      return sql`NOT ${any}`;
    });
    return andAll(conditions);
  });
  return orAll(groups);
}

/** True when the search matches every record (`*`): some group has only positive all-wildcard words. */
export function matchesEverything(query: SearchQuery, prefix: string, suffix: string): boolean {
  return query.groups.some((words) =>
    words.every((word) => !word.negated && matchesAnything(applyAffixes(word, prefix, suffix))),
  );
}

/** OTOBO's CustomerID filter: exact unless it holds `*`, which is a wildcard. */
export function exactOrWildcard(column: SQL, value: string, caseSensitive: boolean): SQL {
  return columnMatches(column, value.replace(/\*{2,}/g, "*"), caseSensitive);
}
