import { unwrapResolverError } from "@apollo/server/errors";
import { DomainError } from "@clientele/domain";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "../security/database-errors";
import { logUnexpectedError } from "../security/logging";
import { formatLimitError, withoutSuggestions } from "./limits";

/**
 * The one place where errors get their `extensions.code`: domain errors keep their code and
 * details; anything unexpected is logged and reported without internals.
 */
export function createErrorFormatter(logger: Logger) {
  return (withSuggestions: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = withoutSuggestions(withSuggestions);
    const limit = formatLimitError(formatted, error);
    if (limit) return limit;
    const original = unwrapResolverError(error);
    if (isDatabaseUnavailable(original)) {
      logUnexpectedError(logger, original);
      return { message: UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: "UNAVAILABLE" } };
    }
    if (original instanceof DomainError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original.code, ...original.extensions },
      };
    }
    if (original instanceof GraphQLError && original.extensions?.code) return formatted;
    if (formatted.extensions?.code && formatted.extensions.code !== "INTERNAL_SERVER_ERROR") return formatted;
    logUnexpectedError(logger, original);
    return {
      message: "Something went wrong on the server; it has been logged.",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
