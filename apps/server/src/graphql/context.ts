import type { Actor, Clientele, DomainError } from "@clientele/domain";
import { UnauthenticatedError } from "@clientele/domain";
import type { Request, Response } from "express";
import { createLoaders, type Loaders } from "./loaders";

export const SESSION_COOKIE = "clientele_session";

export interface GraphQLContext {
  clientele: Clientele;
  loaders: Loaders;
  /** The signed-in agent, or null. */
  currentActor: Actor | null;
  /** The signed-in agent; throws UNAUTHENTICATED otherwise. */
  actor(): Actor;
  req: Request;
  res: Response;
  sessionToken: string | null;
  /** Errors reported beside partial data (e.g. an LDAP backend that is down during a search). */
  partialErrors: Array<{ error: DomainError; path: string[] }>;
}

/** Resolves the agent from the session cookie or an `Authorization: Bearer` API token. */
export async function createContext(
  clientele: Clientele,
  req: Request,
  res: Response,
): Promise<GraphQLContext> {
  const sessionToken: string | null = req.cookies?.[SESSION_COOKIE] ?? null;
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim() ?? null;
  let currentActor: Actor | null = null;
  if (bearer) currentActor = await clientele.agents.actorForApiToken(bearer);
  else if (sessionToken) currentActor = await clientele.agents.actorForSession(sessionToken);
  return {
    clientele,
    loaders: createLoaders(clientele),
    currentActor,
    actor() {
      if (!currentActor) throw new UnauthenticatedError();
      return currentActor;
    },
    req,
    res,
    sessionToken,
    partialErrors: [],
  };
}

/** The client's address for the sign-in throttle (`req.ip`, which honours Express's `trust proxy`). */
export const clientAddress = (ctx: GraphQLContext): string =>
  ctx.req.ip ?? ctx.req.socket.remoteAddress ?? "unknown";
