/**
 * Typed domain errors. The GraphQL layer maps each `code` to `extensions.code` in one place;
 * every message is written for the person who has to act on it.
 */
export type DomainErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "READ_ONLY_SOURCE"
  | "SOURCE_UNAVAILABLE"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "RATE_LIMITED";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadInputError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
    params?: ErrorParams,
  ) {
    super("BAD_USER_INPUT", message, { field, ...(params ? { params } : {}) });
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super("NOT_FOUND", message, extensions);
  }
}

/**
 * Values a client needs to say the message in its own language (`extensions.params`), e.g. the
 * conflicting login; the English message stays for API users.
 */
export type ErrorParams = Record<string, string | number>;

export class ConflictError extends DomainError {
  constructor(message: string, field?: string, params?: ErrorParams) {
    super("CONFLICT", message, { ...(field ? { field } : {}), ...(params ? { params } : {}) });
  }
}

export class PreconditionFailedError extends DomainError {
  constructor(message: string, params?: ErrorParams) {
    super("PRECONDITION_FAILED", message, params ? { params } : {});
  }
}

export class ReadOnlySourceError extends DomainError {
  constructor(source: string, message?: string) {
    super(
      "READ_ONLY_SOURCE",
      message ?? `The customer user source "${source}" is read-only; change the user there.`,
      { source },
    );
  }
}

export class SourceUnavailableError extends DomainError {
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super("SOURCE_UNAVAILABLE", `The customer user source "${source}" cannot be reached: ${reason}`, {
      source,
    });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = "Sign in first: this operation needs an admin session or API token.") {
    super("UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = "Your role does not allow this: it needs an ADMIN agent or token.") {
    super("FORBIDDEN", message);
  }
}

/** Too many failed sign-ins for an account or a client address; the password was not checked. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("RATE_LIMITED", `Too many failed sign-in attempts; try again in ${retryAfterSeconds} seconds.`, {
      retryAfterSeconds,
    });
  }
}
