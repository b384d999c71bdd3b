import { existsSync } from "node:fs";
import { join } from "node:path";
import { expressMiddleware } from "@as-integrations/express5";
import type { Clientele } from "@clientele/domain";
import cookieParser from "cookie-parser";
import express, { type Express } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { createContext } from "./graphql/context";
import { createApolloServer } from "./graphql/server";

const SECRET_HEADERS = new Set(["cookie", "authorization", "set-cookie", "proxy-authorization"]);

/** Request/response headers for the log, without session cookies and tokens. */
function loggableHeaders(headers: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!headers) return headers;
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, SECRET_HEADERS.has(k.toLowerCase()) ? "[redacted]" : v]),
  );
}

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clientele</title></head>
<body><h1>Clientele</h1><p>The web app is not built yet: run <code>pnpm build</code>. The GraphQL API is at <a href="/graphql">/graphql</a>.</p></body></html>`;

/** Express: the GraphQL endpoint, its offline playground, and the SPA with history fallback. */
export async function createHttpApp(
  clientele: Clientele,
  options: { webDist: string; logger: Logger },
): Promise<Express> {
  const { webDist, logger } = options;
  const apollo = createApolloServer(logger);
  await apollo.start();
  const app = express();
  app.disable("x-powered-by");
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => !req.url?.startsWith("/graphql") },
      // Successful requests at debug so the console stays readable; failures stand out.
      // No secret reaches the log: cookies and Bearer tokens are replaced.
      serializers: {
        req: (req: { headers?: Record<string, unknown> }) => ({
          ...req,
          headers: loggableHeaders(req.headers),
        }),
        res: (res: { headers?: Record<string, unknown> }) => ({
          ...res,
          headers: loggableHeaders(res.headers),
        }),
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "debug",
    }),
  );
  app.use(cookieParser());

  // A browser asking for /graphql gets the playground, bundled with the SPA (no CDN needed).
  const playground = join(webDist, "playground.html");
  app.get("/graphql", (req, res, next) => {
    if (!req.accepts("html") || req.accepts(["json", "html"]) === "json") return next();
    if (existsSync(playground)) return res.sendFile(playground);
    res.type("html").send(PLACEHOLDER);
  });
  app.use(
    "/graphql",
    express.json({ limit: "2mb" }),
    expressMiddleware(apollo, { context: ({ req, res }) => createContext(clientele, req, res) }),
  );

  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  app.use(express.static(webDist, { index: false, maxAge: "1h" }));
  const index = join(webDist, "index.html");
  app.get("/{*splat}", (_req, res) => {
    if (existsSync(index)) res.sendFile(index, { headers: { "Cache-Control": "no-cache" } });
    else res.type("html").send(PLACEHOLDER);
  });
  return app;
}
