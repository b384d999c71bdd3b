import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { DEFAULT_LIMITS, type RequestLimits } from "@clientele/domain";
import { GraphQLError, type OperationDefinitionNode } from "graphql";
import type { Logger } from "pino";
import { compiledQueriesPlugin, stringifyResult } from "./compiled-queries";
import type { GraphQLContext } from "./context";
import { createErrorFormatter } from "./errors";
import { inputHygienePlugin } from "./input-hygiene";
import { limitsPlugin, limitValidationRules, parseOptions } from "./limits";
import { roleGuard } from "./role-guard";
import { loadTypeDefs, resolvers } from "./schema";
import { unavailableStatusPlugin } from "./unavailable";

/** Root fields anyone may call: signing in and out, asking who is signed in. */
const PUBLIC_FIELDS = new Set([
  "login",
  "logout",
  "me",
  "__typename", // introspection (__schema, __type) is for signed-in agents only (API.md §Transport)
]);

/** Refuses every other operation without a session or token before any resolver runs. */
const requireSignIn: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation }) {
        if (contextValue.currentActor || !operation) return;
        const fields = (operation as OperationDefinitionNode).selectionSet.selections.map((s) =>
          s.kind === "Field" ? s.name.value : "",
        );
        if (fields.some((f) => !PUBLIC_FIELDS.has(f))) {
          throw new GraphQLError("Sign in first: this operation needs an admin session or API token.", {
            extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
          });
        }
      },
    };
  },
};

/** Adds the errors collected beside partial data (e.g. an unreachable LDAP backend) to the response. */
const partialErrors: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== "single" || contextValue.partialErrors.length === 0) return;
        const extra = contextValue.partialErrors.map(({ error, path }) => ({
          message: error.message,
          path,
          extensions: { code: error.code, ...error.extensions },
        }));
        response.body.singleResult.errors = [...(response.body.singleResult.errors ?? []), ...extra];
      },
    };
  },
};

export function createApolloServer(
  logger: Logger,
  limits: RequestLimits = DEFAULT_LIMITS,
): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    csrfPrevention: true,
    // Signed-in agents only: `limitsPlugin` refuses introspection for anyone else.
    introspection: true,
    // No "Did you mean …" suggestions: they reveal the schema field by field.
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    parseOptions: parseOptions(limits),
    validationRules: limitValidationRules(limits),
    formatError: createErrorFormatter(logger),
    // Limits and input checks first: a refused request is answered before anything else looks at it.
    plugins: [
      limitsPlugin(limits),
      inputHygienePlugin(limits),
      requireSignIn,
      roleGuard,
      partialErrors,
      unavailableStatusPlugin,
      // No cache hints are used; Apollo's default cache-control plugin would wrap every field
      // resolver (tens of thousands in a 1000-row list) to compute them.
      ApolloServerPluginCacheControlDisabled(),
      compiledQueriesPlugin(),
    ],
    // Automatic persisted queries are not used by the web app; without them no client fills the cache.
    persistedQueries: false,
    stringifyResult,
  });
}
