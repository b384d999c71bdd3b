import type { AgentInput, AgentRecord, AgentRole, ValidId } from "@clientele/domain";
import type { GraphQLContext } from "../context";
import type { ResolverMap } from "../types";

type Ctx = GraphQLContext;

interface AgentInputArgs {
  login?: string | null;
  password?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  role?: AgentRole | null;
  valid?: ValidId | null;
}

const toAgentInput = (input: AgentInputArgs): AgentInput => ({
  login: input.login,
  password: input.password,
  firstName: input.firstName,
  lastName: input.lastName,
  role: input.role,
  validId: input.valid,
});

export const agentResolvers: ResolverMap = {
  Agent: {
    valid: (agent: AgentRecord) => agent.validId,
  },
  Query: {
    agents: (_: unknown, __: unknown, ctx: Ctx) => ctx.clientele.agents.list(),
    agent: (_: unknown, a: { id: string }, ctx: Ctx) => ctx.clientele.agents.get(a.id),
    apiTokens: (_: unknown, __: unknown, ctx: Ctx) => ctx.clientele.agents.listApiTokens(),
  },
  Mutation: {
    createAgent: (_: unknown, a: { input: AgentInputArgs }, ctx: Ctx) =>
      ctx.clientele.agents.create(ctx.actor(), toAgentInput(a.input)),
    updateAgent: (_: unknown, a: { id: string; input: AgentInputArgs }, ctx: Ctx) =>
      ctx.clientele.agents.update(ctx.actor(), a.id, toAgentInput(a.input)),
    async setAgentPassword(_: unknown, a: { id: string; password: string }, ctx: Ctx) {
      // A token has no session to keep; a browser keeps its own.
      const keep = ctx.req.headers.authorization ? null : ctx.sessionToken;
      await ctx.clientele.agents.setPassword(ctx.actor(), a.id, a.password, keep);
      return true;
    },
    createApiToken: (_: unknown, a: { name: string; role: AgentRole; expiresAt?: Date | null }, ctx: Ctx) =>
      ctx.clientele.agents.createApiToken(ctx.actor(), a),
    revokeApiToken: (_: unknown, a: { id: string }, ctx: Ctx) =>
      ctx.clientele.agents.revokeApiToken(ctx.actor(), a.id),
  },
};
