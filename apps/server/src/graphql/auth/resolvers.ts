import type { GraphQLContext } from "../context";
import { clientAddress, SESSION_COOKIE } from "../context";
import type { ResolverMap } from "../types";

export const authResolvers: ResolverMap = {
  Query: {
    me: (_: unknown, __: unknown, ctx: GraphQLContext) =>
      ctx.currentActor ? { login: ctx.currentActor.login } : null,
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
      return { login: actor.login };
    },
    async logout(_: unknown, __: unknown, ctx: GraphQLContext) {
      if (ctx.sessionToken) await ctx.clientele.agents.logout(ctx.sessionToken);
      ctx.res.clearCookie(SESSION_COOKIE, { path: "/" });
      return true;
    },
  },
};
