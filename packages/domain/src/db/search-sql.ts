import { type SQL, sql } from "drizzle-orm";
import {
  applyAffixes,
  hasWildcard,
  matchesAnything,
  type SearchQuery,
  toSqlLike,
} from "../search/search-syntax";

export interface SqlSearchOptions {
  /** Column expressions searched for every word (already text-typed). */
  columns: SQL[];
  prefix: string;
  suffix: string;
  caseSensitive: boolean;
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

/** OTOBO's CustomerID filter: exact unless it holds `*`, which is a wildcard. */
export function exactOrWildcard(column: SQL, value: string, caseSensitive: boolean): SQL {
  return columnMatches(column, value.replace(/\*{2,}/g, "*"), caseSensitive);
}
