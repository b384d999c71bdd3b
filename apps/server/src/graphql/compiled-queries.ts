import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import { SharedReads, writeClockOf } from "@clientele/domain";
import {
  type DocumentNode,
  type FormattedExecutionResult,
  Kind,
  type OperationDefinitionNode,
} from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import type { GraphQLContext } from "./context";
import { createLoaders } from "./loaders";

/**
 * Root fields whose answer depends only on their arguments and the caller's role: nothing about
 * the agent (unlike `me`), no side effect (unlike the GDPR export, which is audited). Operations
 * made only of these may share one run (below).
 */
export const SHAREABLE_ROOT_FIELDS: ReadonlySet<string> = new Set([
  "customerUsers",
  "customerUser",
  "customerUsersByEmail",
  "customers",
  "customer",
  "groups",
  "group",
  "services",
  "service",
]);

const shareable = (operation: OperationDefinitionNode): boolean =>
  operation.selectionSet.selections.every(
    (s) => s.kind === Kind.FIELD && SHAREABLE_ROOT_FIELDS.has(s.name.value),
  );

type Outcome = { result: Awaited<ReturnType<CompiledQuery["query"]>> | null; context: GraphQLContext };

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
 *
 * Identical reads of agents with the same role that are running at the same time share one run
 * (`SharedReads`, as the DB source's searches do): ten agents opening the same list get one
 * execution, one result and one serialisation (`stringifyResult`). Only operations made of
 * SHAREABLE_ROOT_FIELDS are shared, and never across a write committed since the run started.
 */
export function compiledQueriesPlugin(): ApolloServerPlugin<GraphQLContext> {
  const plans = new WeakMap<DocumentNode, Map<string, Plan>>();
  const sharedRuns = new WeakMap<object, SharedReads<Outcome>>();
  const sharedFor = (ctx: GraphQLContext): SharedReads<Outcome> => {
    let shared = sharedRuns.get(ctx.clientele);
    if (!shared) {
      shared = new SharedReads(writeClockOf(ctx.clientele.db));
      sharedRuns.set(ctx.clientele, shared);
    }
    return shared;
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation({
          document,
          operation,
          operationName,
          queryHash,
          request,
          schema,
          contextValue,
        }) {
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
          const compiled = plan;
          const variables = request.variables ?? {};
          const run = async (): Promise<Outcome> => {
            try {
              return {
                result: await compiled.query(undefined, contextValue, variables),
                context: contextValue,
              };
            } catch {
              return { result: null, context: contextValue };
            }
          };
          const role = contextValue.currentActor?.role;
          const shared = Boolean(role && queryHash && shareable(operation));
          const outcome = shared
            ? await sharedFor(contextValue).run(JSON.stringify([role, queryHash, key, variables]), run)
            : await run();
          const { result } = outcome;
          // Whoever is answered first (the run's own request or one that joined it) makes the text.
          if (shared && result?.data) sharedData.add(result.data);
          // Errors beside the data (a backend that is down) were collected on the run's own request.
          if (outcome.context !== contextValue && result && !result.errors?.length) {
            contextValue.partialErrors.push(...outcome.context.partialErrors);
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

/** The data of results that other requests may answer with too (shareable runs). */
const sharedData = new WeakSet<object>();
/** Their answers' text, made by the first of those requests to be answered. */
const serialised = new WeakMap<object, string>();

/**
 * Apollo's `stringifyResult`: the answer as JSON. Apollo's default adds a line feed, which turns the
 * text of a 1000-row answer into a pair that is copied whole before it is sent; without it the
 * text goes out as JSON.stringify made it (graphql-endpoint.ts). Requests that shared one run hold
 * the same `data` object, so their answer is the same text: it is made once, not once per request
 * (turning a 1000-row answer into text costs several milliseconds of CPU, and ten agents opening
 * the same list would pay it ten times over, one after the other). Only answers without errors or
 * extensions are reused, and only while their data lives.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  const { data, errors, extensions } = result;
  if (!data || errors !== undefined || extensions !== undefined || !sharedData.has(data)) {
    return JSON.stringify(result);
  }
  let text = serialised.get(data);
  if (text === undefined) {
    text = JSON.stringify(result);
    serialised.set(data, text);
  }
  return text;
}
