import type { Resolvers } from "../generated/resolvers";

export const importResolvers: Resolvers = {
  Query: {
    importJob: (_, a, ctx) => ctx.clientele.imports.get(a.id),
  },
  Mutation: {
    cancelImportJob: (_, a, ctx) => ctx.clientele.imports.cancel(ctx.actor(), a.id),
  },
};
