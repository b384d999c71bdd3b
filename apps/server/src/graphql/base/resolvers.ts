import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import type { Resolvers } from "../generated/resolvers";

const badDate = (value: unknown) =>
  new GraphQLError(`DateTime must be an ISO-8601 string, got ${JSON.stringify(value)}.`, {
    extensions: { code: "BAD_USER_INPUT" },
  });

function parseDate(value: unknown): Date {
  if (typeof value !== "string") throw badDate(value);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badDate(value);
  return date;
}

export const DateTime = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "ISO-8601 date and time",
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: parseDate,
  parseLiteral: (ast) =>
    ast.kind === Kind.STRING
      ? parseDate(ast.value)
      : (() => {
          throw badDate(ast);
        })(),
});

export const baseResolvers: Resolvers = {
  DateTime,
  // OTOBO's valid ids travel as numbers inside; the enum names are the API.
  ValidState: { VALID: 1, INVALID: 2, INVALID_TEMPORARILY: 3 },
  Query: { version: () => process.env.npm_package_version ?? "0.1.0" },
  Mutation: { _noop: () => null },
};
