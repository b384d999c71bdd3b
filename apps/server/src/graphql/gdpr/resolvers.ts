import { JSONResolver } from "graphql-scalars";
import type { GraphQLContext } from "../context";
import type { ResolverMap } from "../types";

type Ctx = GraphQLContext;

export const gdprResolvers: ResolverMap = {
  JSON: JSONResolver,
  Query: {
    // Queries pass the role guard; the domain refuses every role but ADMIN itself.
    exportCustomerUserData: (_: unknown, a: { login: string }, ctx: Ctx) =>
      ctx.clientele.gdpr.exportData(a.login, ctx.actor()),
  },
  Mutation: {
    anonymiseCustomerUser: (_: unknown, a: { login: string }, ctx: Ctx) =>
      ctx.clientele.gdpr.anonymise(a.login, ctx.actor()),
  },
};
