import type { Resolvers } from "../generated/resolvers";

export const settingsResolvers: Resolvers = {
  Query: {
    settings: (_, __, ctx) => ctx.loaders.settings(),
  },
  Mutation: {
    updateSettings: (_, a, ctx) => ctx.clientele.settings.update(ctx.actor(), a.input),
  },
};
