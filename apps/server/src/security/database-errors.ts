import { GraphQLError } from "graphql";

/** Node.js socket errors and postgres.js's own codes for a connection that is gone or cannot be made. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/**
 * SQLSTATEs that mean "the database cannot be used right now" rather than "this statement is wrong":
 * class 08 (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect now), 53300 (too
 * many connections), 3D000 (the database does not exist, e.g. renamed away) and 55000 when the
 * database does not accept connections.
 */
function isUnavailableSqlState(code: string, message: string): boolean {
  if (code.startsWith("08")) return true;
  if (code === "57P01" || code === "57P02" || code === "57P03" || code === "53300" || code === "3D000")
    return true;
  return code === "55000" && /accepting connections/i.test(message);
}

/** True when `error`, or any error in its `cause` chain, says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === "object"; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string") {
      if (CONNECTION_CODES.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code, String(message ?? ""))) return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export const UNAVAILABLE_MESSAGE =
  "Clientele's database cannot be reached right now; try again shortly. The administrators have been told in the log.";

/** API.md §Errors `UNAVAILABLE`, answered with HTTP 503. */
export class UnavailableError extends GraphQLError {
  constructor() {
    super(UNAVAILABLE_MESSAGE, { extensions: { code: "UNAVAILABLE", http: { status: 503 } } });
  }
}
