import type { Resolvers } from "../generated/resolvers";
import { withValidId } from "../valid-input";

export const agentResolvers: Resolvers = {
  Agent: {
    valid: (agent) => agent.validId,
  },
  Query: {
    agents: (_, __, ctx) => ctx.clientele.agents.list(),
    agent: (_, a, ctx) => ctx.clientele.agents.get(a.id),
    apiTokens: (_, __, ctx) => ctx.clientele.agents.listApiTokens(),
  },
  Mutation: {
    createAgent: (_, a, ctx) => ctx.clientele.agents.create(ctx.actor(), withValidId(a.input)),
    updateAgent: (_, a, ctx) => ctx.clientele.agents.update(ctx.actor(), a.id, withValidId(a.input)),
    async setAgentPassword(_, a, ctx) {
      // A token has no session to keep; a browser keeps its own.
      const keep = ctx.req.headers.authorization ? null : ctx.sessionToken;
      await ctx.clientele.agents.setPassword(ctx.actor(), a.id, a.password, keep);
      return true;
    },
    createApiToken: (_, a, ctx) => ctx.clientele.agents.createApiToken(ctx.actor(), a),
    revokeApiToken: (_, a, ctx) => ctx.clientele.agents.revokeApiToken(ctx.actor(), a.id),
  },
};
