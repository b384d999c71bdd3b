/**
 * The search text of a customer user: the default search fields (login, first name, last name,
 * customer id) lower-cased and joined with the unit separator (U+001F), which no search word
 * contains. A word `*john*` matches some field exactly when it matches this text, so one condition
 * replaces four and two indexes serve it (docs/performance/search-plans.md):
 * - `customer_user_search_cover`, a btree in login order carrying this text, the searched columns and
 *   the email: common words are decided by an index-only scan that stops at the 1001st match, and a
 *   list that shows only these columns is read from it without touching the table;
 * - `customer_user_search_trgm`, a trigram GIN on this text: rare words and several words at once.
 *
 * The query must spell the expression exactly as the index does, so both use this constant.
 */
export const SEARCH_TEXT_COLUMNS = ["login", "first_name", "last_name", "customer_id"] as const;

export const SEARCH_TEXT_SEPARATOR = "\u001f";

export const SEARCH_TEXT_SQL = `lower(${SEARCH_TEXT_COLUMNS.map((c) => `coalesce(${c}, '')`).join(
  ` || E'\\x1f' || `,
)})`;

/**
 * The order the listing and the search return customer users in, followed by everything a search
 * reads and what a list shows (`email`), so that deciding which users match needs no heap access
 * (index-only scan), and a list asking only these columns is answered from the index alone.
 */
export const SEARCH_ORDER_SQL = [
  `(lower(login) COLLATE "C")`,
  `login COLLATE "C"`,
  `(${SEARCH_TEXT_SQL})`,
  "first_name",
  "last_name",
  "customer_id",
  "valid_id",
  "email",
] as const;

/** The index that carries SEARCH_ORDER_SQL. */
export const SEARCH_COVER_INDEX = "customer_user_search_cover";

/** The columns SEARCH_COVER_INDEX holds as they are stored. */
export const SEARCH_COVER_COLUMNS: ReadonlySet<string> = new Set([
  "login",
  "first_name",
  "last_name",
  "customer_id",
  "valid_id",
  "email",
]);
