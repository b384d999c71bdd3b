import { existsSync } from "node:fs";
import type { IncomingMessage, RequestListener } from "node:http";
import { join } from "node:path";
import { expressMiddleware } from "@as-integrations/express5";
import { type Clientele, DEFAULT_LIMITS, queryRows, type RequestLimits } from "@clientele/domain";
import cookieParser from "cookie-parser";
import { sql } from "drizzle-orm";
import express from "express";
import type { Logger } from "pino";
import { csvRouter } from "./csv-http";
import { createContext, type ExpressView, type GraphQLContext } from "./graphql/context";
import { createApolloServer } from "./graphql/server";
import { graphqlPostEndpoint, type NodeMiddleware } from "./graphql-endpoint";
import { isDatabaseUnavailable, UnavailableError } from "./security/database-errors";
import {
  clientAddressOf,
  graphqlMethods,
  graphqlSubpathNotFound,
  jsonErrors,
  notFound,
  requestLogger,
  securityHeaders,
} from "./security/http";
import { spaIndex, staticFiles } from "./static-files";

/** How long /readyz waits for the database before it answers 503. */
const READY_TIMEOUT_MS = 2000;

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clientele</title></head>
<body><h1>Clientele</h1><p>The web app is not built yet: run <code>pnpm build</code>. The GraphQL API is at <a href="/graphql">/graphql</a>.</p></body></html>`;

/**
 * The HTTP server's request listener: the GraphQL endpoint, its offline playground, the CSV routes
 * and the SPA with history fallback, in Express. The usual GraphQL request, a JSON `POST /graphql`,
 * takes a shorter way beside Express with the same middlewares (`graphql-endpoint.ts`).
 */
export async function createHttpApp(
  clientele: Clientele,
  options: {
    webDist: string;
    logger: Logger;
    limits?: RequestLimits;
    trustProxy?: boolean | number | string;
    /** Largest CSV import body (default 50 MB). */
    importMaxBytes?: number;
  },
): Promise<RequestListener> {
  const { webDist, logger, limits = DEFAULT_LIMITS } = options;
  const apollo = createApolloServer(logger, limits);
  await apollo.start();
  const app = express();
  app.disable("x-powered-by");
  // No ETag on generated responses: hashing every (up to megabytes large) GraphQL answer costs CPU
  // and no client revalidates a POST. Files (the SPA, the playground) keep theirs: they are sent
  // with an ETag whenever this setting is on, and a function keeps it on.
  app.set("etag", () => undefined);
  app.set("trust proxy", options.trustProxy ?? false);
  // GraphQL requests get a line each: successful ones at debug so the console stays readable.
  // helmet and cookie-parser are typed for Express but use only Node's request and response
  // (headers in, setHeader/removeHeader out), so `POST /graphql` runs them beside Express too.
  const addressOf = clientAddressOf(app);
  const everyRequest = [
    securityHeaders,
    requestLogger(logger, (path) => path.startsWith("/graphql"), addressOf),
    cookieParser(),
  ] as NodeMiddleware[];
  app.use(...everyRequest);
  const context = async (req: IncomingMessage, express: ExpressView): Promise<GraphQLContext> => {
    try {
      return await createContext(clientele, req, express, addressOf);
    } catch (error) {
      // Resolving the session needs the database: when it is gone, say so (503), not "internal error".
      if (isDatabaseUnavailable(error)) {
        logger.warn({ err: error }, "the database cannot be reached");
        throw new UnavailableError();
      }
      throw error;
    }
  };

  // A browser asking for /graphql gets the playground, bundled with the SPA (no CDN needed).
  const playground = join(webDist, "playground.html");
  app.get("/graphql", (req, res, next) => {
    if (!req.accepts("html") || req.accepts(["json", "html"]) === "json") return next();
    if (existsSync(playground)) return res.sendFile(playground);
    res.type("html").send(PLACEHOLDER);
  });
  app.all("/graphql/{*rest}", graphqlSubpathNotFound);
  app.use(
    "/graphql",
    graphqlMethods,
    // Answers carry personal data: never cached.
    (_req: express.Request, res: express.Response, next: express.NextFunction) => {
      res.set("Cache-Control", "no-store");
      next();
    },
    express.json({ limit: limits.bodyBytes }),
    expressMiddleware(apollo, { context: ({ req, res }) => context(req, () => ({ req, res })) }),
  );

  app.use(csvRouter(clientele, { importMaxBytes: options.importMaxBytes }));
  app.all("/api/{*rest}", notFound);

  // Liveness: the process answers. Readiness: the database answers too.
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  app.get("/readyz", async (req, res) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([queryRows(clientele.db, sql`select 1`), timeout]);
      res.set("Cache-Control", "no-store").json({ ok: true, database: "reachable" });
    } catch (error) {
      req.log.warn({ err: error }, "readiness check: the database cannot be reached");
      res.status(503).set("Cache-Control", "no-store").json({ ok: false, database: "unreachable" });
    } finally {
      clearTimeout(timer);
    }
  });
  app.use(staticFiles(webDist));
  app.get(
    "/{*splat}",
    spaIndex(webDist, (_req, res) => {
      res.type("html").send(PLACEHOLDER);
    }),
  );
  app.use(notFound);
  app.use(jsonErrors(limits.bodyBytes));

  const graphqlPost = graphqlPostEndpoint({
    app,
    apollo,
    context,
    before: everyRequest,
    bodyBytes: limits.bodyBytes,
    logger,
  });
  return (req, res) => (graphqlPost.takes(req) ? graphqlPost.handle(req, res) : app(req, res));
}
