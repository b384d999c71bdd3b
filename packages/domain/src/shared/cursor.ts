import { BadInputError } from "../errors";

/**
 * A position in a keyset-ordered list (docs/api.md §Paging): the key of the last item of a page,
 * lower-cased and as stored. Lists are ordered by (lower(key), key), so the position is exact even
 * for keys that differ only in case. On the wire it is opaque: base64url of a small JSON object
 * naming what it is a position in, so a customers cursor cannot page customer users.
 */
export interface Position {
  /** The key lower-cased, as the list is ordered (compared by code unit). */
  lower: string;
  /** The key as stored. */
  key: string;
}

export type CursorKind = "customerUser" | "customer";

/** Longest key a cursor can carry: logins and customer ids are at most 200 and 150 characters. */
const MAX_KEY_LENGTH = 1000;
/** An encoded cursor of any real key is far shorter; longer input is refused before decoding. */
const MAX_CURSOR_LENGTH = 4 * MAX_KEY_LENGTH;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Characters no stored key holds (PostgreSQL text cannot hold NUL) and that would fail a query. */
function unstorable(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = key.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** Case-insensitive order, ties broken by the stored key: the order of every paged list. */
export function comparePositions(a: Position, b: Position): number {
  if (a.lower !== b.lower) return a.lower < b.lower ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export const positionOf = (key: string): Position => ({ lower: key.toLowerCase(), key });

export function encodeCursor(kind: CursorKind, position: Position): string {
  return Buffer.from(JSON.stringify({ t: kind, l: position.lower, k: position.key }), "utf8").toString(
    "base64url",
  );
}

/**
 * The position an `after` argument names; anything that is not a cursor this server handed out for
 * this kind of list is BAD_USER_INPUT naming `field`. Null and undefined mean "from the start".
 */
export function decodeCursor(
  kind: CursorKind,
  cursor: string | null | undefined,
  field = "after",
): Position | null {
  if (cursor === null || cursor === undefined) return null;
  const refuse = (why: string): never => {
    throw new BadInputError(
      field,
      `This is not a valid cursor (${why}); pass the endCursor of an earlier page.`,
      {
        reason: "cursor",
      },
    );
  };
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor))
    refuse("malformed");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return refuse("malformed");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return refuse("malformed");
  const { t, l, k } = parsed as Record<string, unknown>;
  if (t !== kind) return refuse(`not a cursor of this list`);
  if (typeof k !== "string" || typeof l !== "string" || k.length === 0 || k.length > MAX_KEY_LENGTH)
    return refuse("malformed");
  if (unstorable(k) || l !== k.toLowerCase()) return refuse("malformed");
  return { lower: l, key: k };
}

/** The page size of a list: `first` (cursor paging) or `limit`, never both (docs/api.md §Paging). */
export function pageSize(
  params: { first?: number | null; limit?: number | null },
  fallback: number,
): { size: number; field: "first" | "limit" } {
  const hasFirst = params.first !== undefined && params.first !== null;
  if (hasFirst && params.limit !== undefined && params.limit !== null)
    throw new BadInputError("first", "Give either first (cursor paging) or limit, not both.");
  return { size: (hasFirst ? params.first : params.limit) ?? fallback, field: hasFirst ? "first" : "limit" };
}
