import type { SettingsInput } from "@clientele/domain";
import type { GraphQLContext } from "../context";
import type { ResolverMap } from "../types";

type Ctx = GraphQLContext;

export const settingsResolvers: ResolverMap = {
  Query: {
    settings: (_: unknown, __: unknown, ctx: Ctx) => ctx.loaders.settings(),
  },
  Mutation: {
    updateSettings: (_: unknown, a: { input: SettingsInput }, ctx: Ctx) =>
      ctx.clientele.settings.update(ctx.actor(), a.input),
  },
};
