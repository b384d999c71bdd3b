import { JSONResolver } from "graphql-scalars";
import type { Resolvers } from "../generated/resolvers";

export const gdprResolvers: Resolvers = {
  JSON: JSONResolver,
  Query: {
    // Queries pass the role guard; the domain refuses every role but ADMIN itself.
    exportCustomerUserData: (_, a, ctx) => ctx.clientele.gdpr.exportData(a.login, ctx.actor()),
  },
  Mutation: {
    anonymiseCustomerUser: (_, a, ctx) => ctx.clientele.gdpr.anonymise(a.login, ctx.actor()),
  },
};
