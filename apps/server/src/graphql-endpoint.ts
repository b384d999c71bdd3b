import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApolloServer, HeaderMap } from "@apollo/server";
import { parse as parseContentType } from "content-type";
import type { Express, Request, Response } from "express";
import type { Logger } from "pino";
import type { ExpressView, GraphQLContext } from "./graphql/context";
import { INTERNAL_ERROR_BODY, INVALID_JSON_BODY } from "./security/http";

/**
 * `POST /graphql` served on node:http, beside Express rather than through it.
 *
 * Why: for a small operation, Express's router, body parser and response helpers cost more CPU
 * than the operation itself. A `customerUser(login:)` lookup took 2.8 ms of server CPU through
 * Express and 1.6–1.8 ms here (docs/performance/goals.md); every GraphQL request saves about as much.
 *
 * It takes only the request every client sends: `POST /graphql` with a JSON body in UTF-8, a
 * Content-Length within the body limit and no Content-Encoding. Anything else (GET, HEAD,
 * OPTIONS, a query string, a chunked, compressed or too large body, another media type or
 * charset) goes to Express's route, which stays the reference for every edge. What the request
 * meets is the same on both ways: the same security-header, request-log and cookie middlewares
 * (run here in a row), the same body rules as `express.json` (an empty body is `{}`, only an
 * object or array, a leading BOM ignored), the same context and Apollo server. A resolver that
 * needs Express's request or response (signing in sets a cookie) gets them: the request becomes
 * Express's then, not before, because another prototype on Node's objects makes every later
 * access to them slower (it cost 0.3–0.4 ms of CPU per request).
 */
export interface GraphQLPostEndpoint {
  /** Whether this endpoint answers the request (decided from the request line and headers). */
  takes(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** A middleware that works on Node's own request and response. */
export type NodeMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

export function graphqlPostEndpoint(options: {
  /** Whose prototypes a request gets when a resolver asks for Express's `req`/`res` (`ExpressView`). */
  app: Express;
  apollo: ApolloServer<GraphQLContext>;
  context: (req: IncomingMessage, express: ExpressView) => Promise<GraphQLContext>;
  /**
   * Synchronous middlewares every GraphQL request passes first (headers, request log, cookies);
   * they must work on Node's own request and response.
   */
  before: NodeMiddleware[];
  bodyBytes: number;
  logger: Logger;
}): GraphQLPostEndpoint {
  const { app, apollo, context, before, bodyBytes, logger } = options;

  const takes = (req: IncomingMessage): boolean => {
    if (req.method !== "POST" || req.url !== "/graphql") return false;
    const length = req.headers["content-length"];
    if (length === undefined || !/^\d{1,15}$/.test(length) || Number(length) > bodyBytes) return false;
    const encoding = req.headers["content-encoding"];
    if (encoding !== undefined && encoding.toLowerCase() !== "identity") return false;
    return isJsonInUtf8(req.headers["content-type"]);
  };

  const handle = (req: IncomingMessage & { log?: Logger }, res: ServerResponse): void => {
    let view: ReturnType<ExpressView> | null = null;
    const express: ExpressView = () => {
      view ??= asExpress(app, req, res);
      return view;
    };
    try {
      for (const middleware of before) runSynchronously(middleware, req, res);
    } catch (error) {
      fail(req, res, error);
      return;
    }
    res.setHeader("Cache-Control", "no-store"); // answers carry personal data: never cached
    readBody(req)
      .then(
        async (raw) => {
          const body = parseJsonBody(raw);
          if (body === INVALID) return sendJson(res, 400, invalidJson);
          const headers = new HeaderMap();
          for (const [name, value] of Object.entries(req.headers)) {
            if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
          }
          const answer = await apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: "POST", headers, search: "", body },
            context: () => context(req, express),
          });
          for (const [name, value] of answer.headers) res.setHeader(name, value);
          res.statusCode = answer.status ?? 200;
          if (answer.body.kind === "complete") {
            // A large answer (a 1000-row list) is turned into bytes once: as a string, Node would
            // join it to the head of the response, a copy of the whole text, before encoding it.
            const text = answer.body.string;
            const payload = text.length > LARGE_ANSWER ? Buffer.from(text) : text;
            res.setHeader(
              "Content-Length",
              typeof payload === "string" ? Buffer.byteLength(payload) : payload.length,
            );
            res.end(payload);
            return;
          }
          for await (const chunk of answer.body.asyncIterator) res.write(chunk);
          res.end();
        },
        // The client went away while sending: there is nobody to answer.
        () => res.destroy(),
      )
      .catch((error: unknown) => fail(req, res, error));
  };

  /** An error outside Apollo's own handling: logged, answered as Express's error handler would. */
  const fail = (req: IncomingMessage & { log?: Logger }, res: ServerResponse, error: unknown) => {
    (req.log ?? logger).error({ err: error }, "unexpected error in an HTTP request");
    if (res.headersSent) res.destroy();
    else sendJson(res, 500, internalError);
  };

  return { takes, handle };
}

/** Characters from which an answer is sent as bytes rather than as a string (above). */
const LARGE_ANSWER = 16_384;

const invalidJson = JSON.stringify(INVALID_JSON_BODY);
const internalError = JSON.stringify(INTERNAL_ERROR_BODY);

function sendJson(res: ServerResponse, status: number, text: string) {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}

/** `application/json`, with no charset or UTF-8: what `express.json` reads without conversion. */
function isJsonInUtf8(header: string | undefined): boolean {
  if (!header) return false;
  try {
    const { type, parameters } = parseContentType(header);
    const charset = parameters.charset?.toLowerCase();
    return type === "application/json" && (charset === undefined || charset === "utf-8");
  } catch {
    return false;
  }
}

/** What Express's own start of a request does: its prototypes and the links between the two. */
function asExpress(app: Express, incoming: IncomingMessage, outgoing: ServerResponse) {
  const req = Object.setPrototypeOf(incoming, app.request) as Request;
  const res = Object.setPrototypeOf(outgoing, app.response) as Response;
  req.res = res;
  res.req = req;
  req.originalUrl = req.url;
  res.locals = Object.create(null);
  return { req, res };
}

/** Runs a middleware that calls `next()` before it returns (helmet, cookie-parser, the request log). */
function runSynchronously(middleware: NodeMiddleware, req: IncomingMessage, res: ServerResponse) {
  let passed = false;
  middleware(req, res, (error?: unknown) => {
    if (error) throw error;
    passed = true;
  });
  if (!passed) throw new Error("a middleware before POST /graphql did not pass the request on");
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new Error("the client closed the request before its end"));
    });
  });
}

const INVALID = Symbol("invalid JSON");
/** JSON's whitespace is space, tab, line feed and carriage return (RFC 8259). */
const FIRST_NON_WHITESPACE = /^[ \t\n\r]*([^ \t\n\r]|$)/;

/** `express.json`'s strict reading: a leading BOM dropped, empty is `{}`, only an object or array. */
export function parseJsonBody(raw: Buffer): unknown {
  let text = raw.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return {};
  const first = text[0] === "{" || text[0] === "[" ? text[0] : FIRST_NON_WHITESPACE.exec(text)?.[1];
  if (first !== "{" && first !== "[") return INVALID;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}
