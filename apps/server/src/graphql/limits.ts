import type { ApolloServerPlugin } from "@apollo/server";
import { DEFAULT_SEARCH_LIST_LIMIT, type RequestLimits } from "@clientele/domain";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLFormattedError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  visit,
} from "graphql";
import type { GraphQLContext } from "./context";

export type LimitName = "depth" | "aliases" | "tokens" | "cost" | "directives" | "body";

/** Refusal before anything runs (API.md §Errors `QUERY_TOO_COMPLEX`); `extensions.limit` names the limit. */
export class QueryTooComplexError extends GraphQLError {
  constructor(
    readonly limit: LimitName,
    message: string,
  ) {
    super(message, { extensions: { code: "QUERY_TOO_COMPLEX", limit, http: { status: 400 } } });
  }
}

/** Arguments that size a list: `limit` everywhere, `first` for cursor paging. */
export const SIZE_ARGUMENTS = ["limit", "first"] as const;

const reject =
  (limit: LimitName, what: string, max: number) =>
  (context: ValidationContext | null, error: GraphQLError): void => {
    const found = /found (\d+)/.exec(error.message)?.[1];
    context?.reportError(
      new QueryTooComplexError(
        limit,
        `The request is refused: it has ${found ? `${found} ` : "too many "}${what}, at most ${max} are allowed.`,
      ),
    );
  };

/** graphql-armor's depth, alias and directive rules, reporting `QUERY_TOO_COMPLEX`; they run with GraphQL's own validation. */
export function limitValidationRules(limits: RequestLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({
      ...common,
      n: limits.depth,
      // Introspection (signed-in agents only) is as deep as the type system; tokens still bound it.
      ignoreIntrospection: true,
      onReject: [reject("depth", "levels of nesting", limits.depth)],
    }),
    maxAliasesRule({
      ...common,
      n: limits.aliases,
      // `__typename` aliases count too: thousands of them are the cheapest way to stall a server.
      allowList: [],
      onReject: [reject("aliases", "aliases", limits.aliases)],
    }),
    maxDirectivesRule({
      ...common,
      n: limits.directives,
      onReject: [reject("directives", "directives", limits.directives)],
    }),
  ] as ValidationRule[];
}

/** graphql-js's own token limit, applied while parsing. */
export function parseOptions(limits: RequestLimits): { maxTokens: number } {
  return { maxTokens: limits.tokens };
}

/**
 * The cost of an operation: each object field costs 1 plus its selection; a field with a `limit` or
 * `first` argument multiplies its selection by that value (by the argument's default, else by
 * `limits.listSize` for a list field such as `Group.customerUsers(first)` and
 * `DEFAULT_SEARCH_LIST_LIMIT` for a search, when left out); any other list multiplies by `limits.listSize`, except
 * the `nodes` of a search result, which its parent's `limit` already sized. Leaves cost nothing.
 * `@skip`/`@include` are not evaluated: both branches count. Introspection fields cost nothing.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: RequestLimits,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  const values = coerced.coerced ?? {};

  const sizeOf = (
    field: GraphQLField<unknown, unknown>,
    node: FieldNode,
    parent: GraphQLNamedType,
  ): number => {
    const sizeArgument = field.args.find((a) => (SIZE_ARGUMENTS as readonly string[]).includes(a.name));
    if (sizeArgument) {
      let given: unknown;
      try {
        given = getArgumentValues(field, node, values)[sizeArgument.name];
      } catch {
        given = undefined;
      }
      // A nested list's `first` left out returns what the list always returned: counted as listSize.
      const value =
        typeof given === "number"
          ? given
          : typeof sizeArgument.defaultValue === "number"
            ? sizeArgument.defaultValue
            : isListType(getNullableType(field.type))
              ? limits.listSize
              : DEFAULT_SEARCH_LIST_LIMIT;
      return Math.max(1, value);
    }
    if (!isListType(getNullableType(field.type))) return 1;
    const sizedByParent = isObjectType(parent) && "limit" in parent.getFields();
    return sizedByParent ? 1 : limits.listSize;
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType, active: Set<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        // Introspection reads the schema, whose size is fixed; it is bounded by the token limit.
        if (selection.name.value.startsWith("__")) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const type = getNamedType(field.type);
        if (isLeafType(type) || !selection.selectionSet) continue;
        total += 1 + sizeOf(field, selection, parent) * selectionCost(selection.selectionSet, type, active);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) total += selectionCost(selection.selectionSet, type, active);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || active.has(name)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (!type) continue;
        active.add(name);
        total += selectionCost(fragment.selectionSet, type, active);
        active.delete(name);
      }
      if (total > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
    }
    return total;
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(operation.selectionSet, root, new Set()) : 0;
}

/** Throws `QUERY_TOO_COMPLEX` (limit `cost`) when the operation about to run costs more than allowed. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: RequestLimits,
): number {
  const cost = operationCost(schema, document, operation, variables, limits);
  if (cost > limits.cost) {
    throw new QueryTooComplexError(
      "cost",
      `The request is refused: its estimated cost is ${cost}, at most ${limits.cost} is allowed. Ask for fewer items (a smaller limit) or fewer nested lists.`,
    );
  }
  return cost;
}

const INTROSPECTION_FIELDS = new Set(["__schema", "__type"]);

const usesIntrospection = (document: DocumentNode): boolean => {
  let found = false;
  visit(document, {
    Field(node) {
      if (INTROSPECTION_FIELDS.has(node.name.value)) found = true;
    },
  });
  return found;
};

/**
 * Cost check with the request's variables, and introspection for signed-in agents only (OWASP
 * GraphQL cheat sheet); both before any resolver runs.
 */
export function limitsPlugin(limits: RequestLimits): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, request, schema }) {
          if (!operation || !schema.getRootType(operation.operation)) {
            throw new GraphQLError(
              operation
                ? `This API has no ${operation.operation} operations.`
                : "Name the operation to run (operationName): the document has several, or none by that name.",
              { extensions: { code: "BAD_REQUEST", http: { status: 400 } } },
            );
          }
          if (!contextValue.currentActor && usesIntrospection(document)) {
            throw new GraphQLError("Sign in first: the schema is shown to signed-in agents only.", {
              extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
            });
          }
          checkCost(schema, document, operation, request.variables, limits);
        },
      };
    },
  };
}

/** Parse and validation failures caused by a limit become `QUERY_TOO_COMPLEX`; anything else is left as it is. */
export function formatLimitError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError | null {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof QueryTooComplexError) {
    return {
      message: original.message,
      locations: formatted.locations,
      extensions: { code: "QUERY_TOO_COMPLEX", limit: original.limit },
    };
  }
  if (/Document contains more th\w+ \d+ tokens/.test(formatted.message)) {
    return {
      message: "The request is refused: its GraphQL document has too many tokens.",
      extensions: { code: "QUERY_TOO_COMPLEX", limit: "tokens" },
    };
  }
  return null;
}

const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * Removes GraphQL's "Did you mean …?" hints, which reveal field, argument and enum names one guess at
 * a time; Apollo's `hideSchemaDetailsFromClientErrors` covers validation errors but not variable values.
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.message.includes("Did you mean")) return formatted;
  return { ...formatted, message: formatted.message.replace(SUGGESTION, "").trim() };
}
