import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestLimits } from "@clientele/domain";
import {
  type DocumentNode,
  type FieldNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInputObjectType,
  isListType,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";
import type { GraphQLContext } from "./context";
import { SIZE_ARGUMENTS } from "./limits";

/** Longest password accepted anywhere; longer ones are refused before any hashing. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Fields whose text may span lines: tab, CR and LF are allowed there (and in passwords, never echoed). */
const MULTILINE_FIELDS = new Set(["comment", "password"]);
const PASSWORD_FIELDS = new Set(["password"]);

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** True when the text has a C0 control character or DEL; tab, LF and CR only count when `lines` is false. */
function hasControl(value: string, lines: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x20 && c !== 0x7f) continue;
    if (lines && (c === TAB || c === LF || c === CR)) continue;
    return true;
  }
  return false;
}
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const badInput = (field: string, message: string): GraphQLError =>
  new GraphQLError(`${field}: ${message}`, {
    extensions: { code: "BAD_USER_INPUT", field, http: { status: 400 } },
  });

/** The reason a string may not be stored or searched for, or null when it is fine. */
export function checkString(field: string, value: string): GraphQLError | null {
  if (PASSWORD_FIELDS.has(field) && value.length > MAX_PASSWORD_LENGTH) {
    return badInput(field, `at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
  if (LONE_SURROGATE.test(value)) {
    return badInput(field, "contains an invalid character (a lone UTF-16 surrogate).");
  }
  if (hasControl(value, MULTILINE_FIELDS.has(field))) {
    return badInput(
      field,
      MULTILINE_FIELDS.has(field)
        ? "contains a control character (only tab and line breaks are allowed)."
        : "contains a control character (NUL, tab, line break or similar).",
    );
  }
  return null;
}

/** Walks a coerced argument value along its input type; `field` is the innermost input field or argument name. */
function checkValue(value: unknown, type: GraphQLInputType, field: string): GraphQLError | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return checkValue(value, nullable.ofType, field);
    for (const item of value) {
      const error = checkValue(item, nullable.ofType, field);
      if (error) return error;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
      const definition = fields[name];
      if (!definition) continue;
      const error = checkValue(inner, definition.type, name);
      if (error) return error;
    }
    return null;
  }
  if (typeof value === "string") return checkString(field, value);
  return null;
}

/**
 * Checks every argument of every field the operation selects (fragments included), as GraphQL
 * will hand it to the resolver: strings against control characters and lone surrogates, passwords
 * against their length, `limit`/`first` against 1…`maxLimit`. Returns the first problem.
 */
export function checkOperationInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
  limits: RequestLimits,
): GraphQLError | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  // Variables that do not fit their types are refused by GraphQL itself before anything runs.
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  for (const { fieldDef, node } of fieldsWithArguments(schema, document, operation)) {
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(fieldDef, node, variables);
    } catch {
      // A value that does not fit its type is refused by GraphQL itself when it executes.
      continue;
    }
    for (const arg of fieldDef.args) {
      const value = args[arg.name];
      if (
        (SIZE_ARGUMENTS as readonly string[]).includes(arg.name) &&
        getNamedType(arg.type).name === "Int" &&
        typeof value === "number" &&
        (value < 1 || value > limits.maxLimit)
      ) {
        return badInput(arg.name, `must be between 1 and ${limits.maxLimit}, got ${value}.`);
      }
      const problem = checkValue(value, arg.type, arg.name);
      if (problem) return problem;
    }
  }
  return null;
}

interface FieldWithArguments {
  fieldDef: GraphQLField<unknown, unknown>;
  node: FieldNode;
}

/** Per schema, per parsed operation (Apollo keeps one parsed document per query text). */
const fieldsByOperation = new WeakMap<
  GraphQLSchema,
  WeakMap<OperationDefinitionNode, FieldWithArguments[]>
>();

/**
 * Every field of the operation (fragments included) that takes arguments, in document order: the
 * walk with the schema's types is done once per operation, only the argument values per request.
 */
function fieldsWithArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): FieldWithArguments[] {
  let bySchema = fieldsByOperation.get(schema);
  if (!bySchema) {
    bySchema = new WeakMap();
    fieldsByOperation.set(schema, bySchema);
  }
  const known = bySchema.get(operation);
  if (known) return known;
  const fields: FieldWithArguments[] = [];
  const typeInfo = new TypeInfo(schema);
  const relevant = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION || d === operation);
  for (const definition of relevant) {
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const fieldDef = typeInfo.getFieldDef();
          if (fieldDef && fieldDef.args.length > 0) fields.push({ fieldDef, node });
        },
      }),
    );
  }
  bySchema.set(operation, fields);
  return fields;
}

/** Input hygiene for every operation, present and future, before any resolver runs (API.md §Errors). */
export function inputHygienePlugin(limits: RequestLimits): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const problem = checkOperationInput(schema, document, operation, request.variables, limits);
          if (problem) throw problem;
        },
      };
    },
  };
}
