import type { GraphQLContext } from "../context";
import type { ResolverMap } from "../types";

type Ctx = GraphQLContext;

export const importResolvers: ResolverMap = {
  Query: {
    importJob: (_: unknown, a: { id: string }, ctx: Ctx) => ctx.clientele.imports.get(a.id),
  },
  Mutation: {
    cancelImportJob: (_: unknown, a: { id: string }, ctx: Ctx) =>
      ctx.clientele.imports.cancel(ctx.actor(), a.id),
  },
};
