import { SESSION_COOKIE } from "../context";
import type { Resolvers } from "../generated/resolvers";

export const authResolvers: Resolvers = {
  Query: {
    me: (_, __, ctx) => ctx.clientele.agents.current(ctx.currentActor),
  },
  Mutation: {
    async login(_, args, ctx) {
      const { agent, token } = await ctx.clientele.agents.login(
        args.login,
        args.password,
        ctx.clientAddress(),
      );
      ctx.res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "strict",
        secure: ctx.req.secure,
        path: "/",
        maxAge: 12 * 60 * 60 * 1000,
      });
      return agent;
    },
    async logout(_, __, ctx) {
      if (ctx.sessionToken) await ctx.clientele.agents.logout(ctx.sessionToken);
      ctx.res.clearCookie(SESSION_COOKIE, { path: "/" });
      return true;
    },
  },
};
