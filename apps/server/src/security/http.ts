import type { ErrorRequestHandler, RequestHandler } from "express";
import helmet from "helmet";
import type { Options as PinoHttpOptions } from "pino-http";
import { safeError } from "./logging";

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
      return res.status(400).json(errorBody("The request body is not valid JSON.", { code: "BAD_REQUEST" }));
    }
    if (code >= 400 && code < 500) {
      return res.status(code).json(
        errorBody("The request cannot be processed as sent.", {
          code: code === 415 ? "UNSUPPORTED_MEDIA_TYPE" : "BAD_REQUEST",
        }),
      );
    }
    req.log?.error({ err: error }, "unexpected error in an HTTP request");
    res.status(500).json(
      errorBody("Something went wrong on the server; it has been logged.", {
        code: "INTERNAL_SERVER_ERROR",
      }),
    );
  };
}

/**
 * Request logging without headers, cookies, query strings (a GET /graphql carries its variables
 * there) or bodies: method, path, status, client address, response time.
 */
export const requestLogSerializers: PinoHttpOptions["serializers"] = {
  req: (req: {
    id?: unknown;
    method?: string;
    url?: string;
    remoteAddress?: string;
    raw?: { ip?: string };
  }) => ({
    id: req.id,
    method: req.method,
    path: req.url?.split("?")[0],
    remoteAddress: req.raw?.ip ?? req.remoteAddress,
  }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
  err: (error: unknown) => safeError(error),
};
