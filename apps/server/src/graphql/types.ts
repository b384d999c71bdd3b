import type { GraphQLScalarType } from "graphql";
import type { GraphQLContext } from "./context";

/** A field resolver: one-liners into the domain, typed by hand per module. */
// biome-ignore lint/suspicious/noExplicitAny: resolver maps mix field signatures; each module types its own.
export type FieldResolver = (parent: any, args: any, ctx: GraphQLContext) => unknown;

export type ResolverMap = Record<string, Record<string, FieldResolver | unknown> | GraphQLScalarType>;
