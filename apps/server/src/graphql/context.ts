import type { IncomingMessage } from "node:http";
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
  /** The client's address for the sign-in throttle, as Express's `req.ip` gives it (`trust proxy`). */
  clientAddress(): string;
  /** Errors reported beside partial data (e.g. an LDAP backend that is down during a search). */
  partialErrors: Array<{ error: DomainError; path: string[] }>;
}

/**
 * The request as Express's objects (`req.ip`, `req.secure`, `res.cookie` honour `trust proxy`).
 * A request that came beside Express (`graphql-endpoint.ts`) becomes one only when a resolver asks:
 * giving Node's request objects another prototype slows every later access to them.
 */
export type ExpressView = () => { req: Request; res: Response };

/**
 * The context of one request. Apollo copies it before running the operation (its own enumerable
 * properties onto an object of the same prototype), so the DataLoaders are made through a getter
 * of the class, on the copy, when a resolver first needs one: a lookup or a sign-in needs none.
 */
class RequestContext implements GraphQLContext {
  partialErrors: Array<{ error: DomainError; path: string[] }> = [];
  madeLoaders: Loaders | null = null;

  constructor(
    readonly clientele: Clientele,
    readonly currentActor: Actor | null,
    readonly express: ExpressView,
    readonly sessionToken: string | null,
    private readonly addressOf: (req: IncomingMessage) => string,
    private readonly request: IncomingMessage,
  ) {}

  clientAddress(): string {
    return this.addressOf(this.request);
  }

  get req(): Request {
    return this.express().req;
  }

  get res(): Response {
    return this.express().res;
  }

  get loaders(): Loaders {
    this.madeLoaders ??= createLoaders(this.clientele);
    return this.madeLoaders;
  }

  set loaders(loaders: Loaders) {
    this.madeLoaders = loaders;
  }

  actor(): Actor {
    if (!this.currentActor) throw new UnauthenticatedError();
    return this.currentActor;
  }
}

/**
 * Resolves the agent from the session cookie or an `Authorization: Bearer` API token.
 * `addressOf` gives a request's client address (`clientAddressOf` in security/http.ts).
 */
export async function createContext(
  clientele: Clientele,
  req: IncomingMessage & { cookies?: Record<string, unknown> },
  express: ExpressView,
  addressOf: (req: IncomingMessage) => string,
): Promise<GraphQLContext> {
  // cookie-parser turns a value starting with "j:" into JSON: only a string can be a session token.
  const cookie = req.cookies?.[SESSION_COOKIE];
  const sessionToken = typeof cookie === "string" ? cookie : null;
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim() ?? null;
  let currentActor: Actor | null = null;
  if (bearer) currentActor = await clientele.agents.actorForApiToken(bearer);
  else if (sessionToken) currentActor = await clientele.agents.actorForSession(sessionToken);
  return new RequestContext(clientele, currentActor, express, sessionToken, addressOf, req);
}
