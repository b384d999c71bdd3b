import type { AgentInput as DomainAgentInput } from "@clientele/domain";
import type { AgentInput, Resolvers } from "../generated/resolvers";

const toAgentInput = ({ valid, ...rest }: AgentInput): DomainAgentInput => ({ ...rest, validId: valid });

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
    createAgent: (_, a, ctx) => ctx.clientele.agents.create(ctx.actor(), toAgentInput(a.input)),
    updateAgent: (_, a, ctx) => ctx.clientele.agents.update(ctx.actor(), a.id, toAgentInput(a.input)),
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
