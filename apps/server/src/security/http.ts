import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorRequestHandler, Express as ExpressApp, Request, RequestHandler } from "express";
import helmet from "helmet";
import type { Logger } from "pino";

/**
 * Response headers for every answer: a CSP that allows exactly what the SPA and the locally served
 * GraphiQL playground load (own scripts; inline styles, which GraphiQL and React set; no CDN), no
 * framing anywhere, no MIME sniffing, no referrer.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const securityHeaders: RequestHandler = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  frameguard: { action: "deny" },
  referrerPolicy: { policy: "no-referrer" },
  xContentTypeOptions: true,
});

/**
 * The CSP of a page that may also run its own inline scripts, named by their SHA-256 hashes (base64):
 * the SPA's index.html starts its first requests inline. Any other inline script stays blocked.
 */
export function contentSecurityPolicyAllowing(scriptHashes: readonly string[]): RequestHandler {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { ...CSP_DIRECTIVES, scriptSrc: ["'self'", ...scriptHashes.map((h) => `'sha256-${h}'`)] },
  });
}

/**
 * Express's `trust proxy` from `CLIENTELE_TRUST_PROXY`: `true`/`false`, a hop count, or addresses and
 * subnets (`loopback`, `10.0.0.0/8, 127.0.0.1`). With it, `req.secure` and `req.ip` come from the
 * proxy's X-Forwarded-* headers, and the session cookie is `Secure` behind a TLS proxy.
 */
export function parseTrustProxy(value: string | undefined): boolean | number | string {
  const text = value?.trim() ?? "";
  if (text === "" || /^(false|no|off)$/i.test(text)) return false;
  if (/^(true|yes|on)$/i.test(text)) return true;
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[0-9A-Za-z.:/,\s_-]+$/.test(text)) {
    throw new Error(
      `CLIENTELE_TRUST_PROXY must be true, false, a number of proxies or addresses/subnets (e.g. "loopback, 10.0.0.0/8"), got "${text}".`,
    );
  }
  return text;
}

interface ErrorBody {
  errors: Array<{ message: string; extensions: Record<string, unknown> }>;
}

const errorBody = (message: string, extensions: Record<string, unknown>): ErrorBody => ({
  errors: [{ message, extensions }],
});

/** Answers of both ways of `POST /graphql`: Express's (`jsonErrors`) and the one beside it. */
export const INVALID_JSON_BODY = errorBody("The request body is not valid JSON.", { code: "BAD_REQUEST" });
export const INTERNAL_ERROR_BODY = errorBody("Something went wrong on the server; it has been logged.", {
  code: "INTERNAL_SERVER_ERROR",
});

/** GraphQL only answers GET and POST (and CORS preflights); anything else gets 405 as JSON. */
export const graphqlMethods: RequestHandler = (req, res, next) => {
  if (req.method === "GET" || req.method === "POST" || req.method === "HEAD" || req.method === "OPTIONS") {
    return next();
  }
  res
    .status(405)
    .set("Allow", "GET, POST")
    .json(
      errorBody(`${req.method} is not supported here; send GraphQL with GET or POST.`, {
        code: "METHOD_NOT_ALLOWED",
      }),
    );
};

/** Nothing lives below /graphql. */
export const graphqlSubpathNotFound: RequestHandler = (req, res) => {
  res
    .status(404)
    .json(errorBody(`Nothing at ${req.path}; the GraphQL endpoint is /graphql.`, { code: "NOT_FOUND" }));
};

/** Any other request no route took: 404 as JSON (browsers' GET requests get the SPA before this). */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json(errorBody(`Nothing at ${req.method} ${req.path}.`, { code: "NOT_FOUND" }));
};

/**
 * The last handler: every error Express or a body parser raises becomes a JSON body without stack
 * traces or paths (malformed JSON 400, too large 413, wrong charset 415, anything else 500, logged).
 */
export function jsonErrors(bodyLimitBytes: number): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const { status, statusCode, type } = (error ?? {}) as {
      status?: number;
      statusCode?: number;
      type?: string;
    };
    const code = status ?? statusCode ?? 500;
    if (type === "entity.too.large" || code === 413) {
      return res.status(413).json(
        errorBody(`The request body is larger than the limit of ${bodyLimitBytes} bytes.`, {
          code: "QUERY_TOO_COMPLEX",
          limit: "body",
        }),
      );
    }
    if (type === "entity.parse.failed") {
      return res.status(400).json(INVALID_JSON_BODY);
    }
    if (code >= 400 && code < 500) {
      return res.status(code).json(
        errorBody("The request cannot be processed as sent.", {
          code: code === 415 ? "UNSUPPORTED_MEDIA_TYPE" : "BAD_REQUEST",
        }),
      );
    }
    req.log?.error({ err: error }, "unexpected error in an HTTP request");
    res.status(500).json(INTERNAL_ERROR_BODY);
  };
}

/** What a request line says of the request: never headers, cookies, query strings or bodies. */
function requestSummary(req: LoggedRequest, id: number, clientAddress: (req: IncomingMessage) => string) {
  return {
    id,
    method: req.method,
    // A GET /graphql carries its variables in the query string.
    path: pathOf(req),
    remoteAddress: clientAddress(req),
  };
}

/** The path as the client asked it (Express's `originalUrl`; Node's `url` beside Express). */
const pathOf = (req: LoggedRequest) => (req.originalUrl ?? req.url ?? "").split("?")[0]!;

type LoggedRequest = IncomingMessage & { originalUrl?: string; log?: Logger };

declare global {
  namespace Express {
    interface Request {
      /** The server's logger with this request's summary bound (made when first used). */
      log: Logger;
    }
  }
}

/**
 * The client's address as Express's `req.ip` gives it (honouring `trust proxy`), for any request,
 * also one that came beside Express: Express's getter runs on a throwaway object with the request's
 * headers and socket, so Node's request object keeps its own prototype.
 */
export function clientAddressOf(app: ExpressApp): (req: IncomingMessage) => string {
  return (req) => {
    const view = Object.create(app.request, {
      headers: { value: req.headers },
      socket: { value: req.socket },
      connection: { value: req.socket },
    }) as Request;
    return view.ip ?? req.socket.remoteAddress ?? "unknown";
  };
}

/**
 * One line per finished request whose path `logged` accepts — method, path, status, client address,
 * response time — at debug when it succeeded, warn for 4xx, error for 5xx; `req.log` for anything
 * else a handler logs about the request. Nothing is bound or serialised per request unless a line
 * is written at the configured level.
 */
export function requestLogger(
  logger: Logger,
  logged: (path: string) => boolean,
  clientAddress: (req: IncomingMessage) => string,
): (req: LoggedRequest, res: ServerResponse, next: () => void) => void {
  let lastId = 0;
  return (req, res, next) => {
    const id = ++lastId;
    let child: Logger | null = null;
    Object.defineProperty(req, "log", {
      configurable: true,
      get: () => {
        child ??= logger.child({ req: requestSummary(req, id, clientAddress) });
        return child;
      },
    });
    if (!logged(pathOf(req))) return next();
    const started = performance.now();
    res.once("finish", () => {
      const level = res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "debug";
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: requestSummary(req, id, clientAddress),
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        res.statusCode >= 500 ? "request errored" : "request completed",
      );
    });
    next();
  };
}
