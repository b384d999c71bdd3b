import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import type { DocumentNode } from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import type { GraphQLContext } from "./context";
import { createLoaders } from "./loaders";

/** How an operation of a parsed document runs: not yet decided (first run), compiled, or ordinarily. */
type Plan = "seen" | "plain" | CompiledQuery;

/**
 * Runs read operations as compiled JavaScript (graphql-jit) instead of graphql-js's interpreter,
 * which walks the selection anew for each of the tens of thousands of fields of a 1000-row list.
 * Apollo keeps parsing, validation, the limits and every plugin; only execution changes. Plans are
 * kept per parsed document (Apollo caches documents by their text); a document is compiled the
 * second time it runs, since compiling costs more than one ordinary run.
 *
 * A result with any error is thrown away and the operation runs again the ordinary way, so errors,
 * partial data and their formatting stay exactly graphql-js's; that document then always runs the
 * ordinary way. Mutations always run the ordinary way: they must run once.
 */
export function compiledQueriesPlugin(): ApolloServerPlugin<GraphQLContext> {
  const plans = new WeakMap<DocumentNode, Map<string, Plan>>();
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operation, operationName, request, schema, contextValue }) {
          if (operation.operation !== "query") return null;
          let perName = plans.get(document);
          if (!perName) {
            perName = new Map();
            plans.set(document, perName);
          }
          const key = operationName ?? "";
          let plan = perName.get(key);
          if (plan === undefined) {
            perName.set(key, "seen");
            return null;
          }
          if (plan === "seen") {
            const compiled = compileQuery(schema, document, operationName ?? undefined);
            plan = isCompiledQuery(compiled) ? compiled : "plain";
            perName.set(key, plan);
          }
          if (plan === "plain") return null;
          let result: Awaited<ReturnType<CompiledQuery["query"]>> | null;
          try {
            result = await plan.query(undefined, contextValue, request.variables ?? {});
          } catch {
            result = null;
          }
          if (!result || result.errors?.length) {
            perName.set(key, "plain");
            // Start the ordinary run from a clean request: no errors collected, nothing cached.
            contextValue.partialErrors.length = 0;
            contextValue.loaders = createLoaders(contextValue.clientele);
            return null;
          }
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: "single", singleResult: { data: result.data as Record<string, unknown> } },
          };
        },
      };
    },
  };
}
