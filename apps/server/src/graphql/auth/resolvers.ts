import type { GraphQLContext } from "../context";
import { clientAddress, SESSION_COOKIE } from "../context";
import type { ResolverMap } from "../types";

export const authResolvers: ResolverMap = {
  Query: {
    async me(_: unknown, __: unknown, ctx: GraphQLContext) {
      const actor = ctx.currentActor;
      const agent = actor ? await ctx.clientele.agents.get(actor.id) : null;
      // A READ_ONLY token of an ADMIN acts READ_ONLY: `role` is what this request may do.
      return agent && actor?.role ? { ...agent, role: actor.role } : agent;
    },
  },
  Mutation: {
    async login(_: unknown, args: { login: string; password: string }, ctx: GraphQLContext) {
      const { actor, token } = await ctx.clientele.agents.login(
        args.login,
        args.password,
        clientAddress(ctx),
      );
      ctx.res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "strict",
        secure: ctx.req.secure,
        path: "/",
        maxAge: 12 * 60 * 60 * 1000,
      });
      return ctx.clientele.agents.get(actor.id);
    },
    async logout(_: unknown, __: unknown, ctx: GraphQLContext) {
      if (ctx.sessionToken) await ctx.clientele.agents.logout(ctx.sessionToken);
      ctx.res.clearCookie(SESSION_COOKIE, { path: "/" });
      return true;
    },
  },
};
