import { CombinedGraphQLErrors } from "@apollo/client/errors";
import i18n from "i18next";

/** The server's `extensions` on a refusal (docs/api.md §Errors). */
export interface ServerError {
  code: string | undefined;
  message: string;
  field: string | undefined;
  source: string | undefined;
}

export function serverErrors(error: unknown): ServerError[] {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => ({
      code: typeof e.extensions?.code === "string" ? e.extensions.code : undefined,
      // A READ_ONLY agent's write is refused with one clear message, in the agent's language.
      message: e.extensions?.code === "FORBIDDEN" ? i18n.t("errors.forbidden") : e.message,
      field: typeof e.extensions?.field === "string" ? e.extensions.field : undefined,
      source: typeof e.extensions?.source === "string" ? e.extensions.source : undefined,
    }));
  }
  if (error instanceof Error)
    return [{ code: undefined, message: error.message, field: undefined, source: undefined }];
  return [];
}

export function hasErrorCode(error: unknown, code: string): boolean {
  return serverErrors(error).some((e) => e.code === code);
}

export function errorMessage(error: unknown): string {
  return serverErrors(error)
    .map((e) => e.message)
    .join(" ");
}

/** `extensions.retryAfterSeconds` of a RATE_LIMITED refusal, if there is one. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const seconds = error.errors.find((e) => e.extensions?.code === "RATE_LIMITED")?.extensions
    ?.retryAfterSeconds;
  return typeof seconds === "number" ? seconds : undefined;
}
