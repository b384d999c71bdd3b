import { unwrapResolverError } from "@apollo/server/errors";
import { DomainError } from "@clientele/domain";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";

/** Turns a domain error into the GraphQL error of docs/api.md §Errors (code + field/source). */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code, ...error.extensions } });
}

/**
 * The one place where errors get their `extensions.code`: domain errors keep their code and
 * details; anything unexpected is logged and reported without internals.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
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
    logger.error({ err: original }, "unexpected error in a GraphQL operation");
    return {
      message: "Something went wrong on the server; it has been logged.",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
