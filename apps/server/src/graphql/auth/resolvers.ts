import { clientAddress, SESSION_COOKIE } from "../context";
import type { Resolvers } from "../generated/resolvers";

export const authResolvers: Resolvers = {
  Query: {
    async me(_, __, ctx) {
      const actor = ctx.currentActor;
      const agent = actor ? await ctx.clientele.agents.get(actor.id) : null;
      // A READ_ONLY token of an ADMIN acts READ_ONLY: `role` is what this request may do.
      return agent && actor?.role ? { ...agent, role: actor.role } : agent;
    },
  },
  Mutation: {
    async login(_, args, ctx) {
      const { agent, token } = await ctx.clientele.agents.login(
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
      return agent;
    },
    async logout(_, __, ctx) {
      if (ctx.sessionToken) await ctx.clientele.agents.logout(ctx.sessionToken);
      ctx.res.clearCookie(SESSION_COOKIE, { path: "/" });
      return true;
    },
  },
};
