import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { isDatabaseUnavailable } from "./database-errors";

/**
 * Paths pino removes from every log line (defence in depth: the request serializers below log no
 * headers or bodies in the first place). Wildcards cover two levels of any object logged.
 */
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "password",
  "token",
  "pw",
  "*.password",
  "*.token",
  "*.pw",
  "*.*.password",
  "*.*.token",
  "*.*.pw",
  "variables",
  "*.variables",
];

interface SafeError {
  type: string;
  message: string;
  sqlstate?: string;
  code?: string;
  stack?: string;
  cause?: SafeError;
}

const DRIZZLE_PARAMS = /\nparams: [\s\S]*$/;

/**
 * Errors as they may be logged: the type, SQLSTATE/code, message and stack, and the cause the same
 * way. Never the SQL parameters (drizzle puts them in its message, postgres.js in `parameters`), nor
 * `detail` (it quotes the conflicting values), nor any other property.
 */
export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: "non-error value thrown" };
  const { code } = error as { code?: unknown };
  const safe: SafeError = {
    type: error.constructor?.name ?? error.name,
    message: error.message.replace(DRIZZLE_PARAMS, ""),
  };
  if (typeof code === "string") {
    if (/^[0-9A-Z]{5}$/.test(code)) safe.sqlstate = code;
    else safe.code = code;
  }
  if (error.stack) {
    // The stack starts with the full message (parameters included): keep only the frames after it.
    const frames = error.stack.includes(error.message)
      ? error.stack.slice(error.stack.indexOf(error.message) + error.message.length)
      : "";
    safe.stack = `${safe.type}: ${safe.message}${frames}`;
  }
  if (error.cause !== undefined && depth < 5) safe.cause = safeError(error.cause, depth + 1);
  return safe;
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: (error: unknown) => safeError(error), error: (error: unknown) => safeError(error) },
  };
}

/** The server's logger; `destination` lets tests capture what would be written. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}

/** A database that cannot be reached is logged once per failing request, as a warning with its cause. */
export function logUnexpectedError(logger: Logger, error: unknown): void {
  if (isDatabaseUnavailable(error)) logger.warn({ err: error }, "the database cannot be reached");
  else logger.error({ err: error }, "unexpected error in a GraphQL operation");
}
