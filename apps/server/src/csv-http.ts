import { pipeline } from "node:stream/promises";
import {
  type Actor,
  type Clientele,
  csvStream,
  DomainError,
  type ExportParams,
  type ImportKind,
  type ValidId,
} from "@clientele/domain";
import { type Request, type RequestHandler, type Response, Router } from "express";
import { SESSION_COOKIE } from "./graphql/context";

/** Largest CSV body an import takes (`CLIENTELE_IMPORT_MAX_BYTES`, default 50 MB). */
export const DEFAULT_IMPORT_MAX_BYTES = 50 * 1024 * 1024;

const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 409,
  READ_ONLY_SOURCE: 409,
  SOURCE_UNAVAILABLE: 503,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  GONE: 410,
  INTERNAL_SERVER_ERROR: 500,
};

const fail = (res: Response, code: string, message: string, extensions: Record<string, unknown> = {}) =>
  res
    .status(STATUS[code] ?? 400)
    .set("Cache-Control", "no-store")
    .json({ errors: [{ message, extensions: { code, ...extensions } }] });

class HttpRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The agent of a session cookie or `Authorization: Bearer` API token, as for /graphql. */
async function actorOf(clientele: Clientele, req: Request): Promise<Actor> {
  const header = req.headers.authorization ?? "";
  const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? null;
  const cookie: string | null = req.cookies?.[SESSION_COOKIE] ?? null;
  const actor = bearer
    ? await clientele.agents.actorForApiToken(bearer)
    : header
      ? null // any other scheme (a customer user's Basic credentials, …) is not an agent
      : cookie
        ? await clientele.agents.actorForSession(cookie)
        : null;
  if (!actor) throw new HttpRefusal("UNAUTHENTICATED", "Sign in as an agent (session cookie or API token).");
  return actor;
}

const requireAdmin = (actor: Actor) => {
  if (actor.role !== "ADMIN")
    throw new HttpRefusal("FORBIDDEN", "Your role is READ_ONLY: only an ADMIN agent or token may import.");
};

/** One query parameter as text; repeated parameters are refused. */
function param(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new HttpRefusal("BAD_USER_INPUT", `Give ${name} once, as text.`);
  return value;
}

const VALID_STATES: Record<string, ValidId> = {
  "1": 1,
  "2": 2,
  "3": 3,
  VALID: 1,
  INVALID: 2,
  INVALID_TEMPORARILY: 3,
};

function exportOptions(req: Request) {
  const search = param(req, "search");
  if (search !== undefined && search.length > 1000)
    throw new HttpRefusal("BAD_USER_INPUT", "search is too long (at most 1000 characters).");
  if (search?.includes("\0")) throw new HttpRefusal("BAD_USER_INPUT", "search must not contain NUL.");
  const valid = param(req, "valid");
  const validId = valid ? VALID_STATES[valid.toUpperCase()] : undefined;
  if (valid && !validId)
    throw new HttpRefusal(
      "BAD_USER_INPUT",
      "valid must be VALID, INVALID or INVALID_TEMPORARILY (or 1, 2, 3).",
    );
  const delimiter = param(req, "delimiter") ?? ",";
  if (delimiter !== "," && delimiter !== ";")
    throw new HttpRefusal("BAD_USER_INPUT", 'delimiter must be "," or ";".');
  const bom = param(req, "bom");
  if (bom !== undefined && bom !== "0" && bom !== "1")
    throw new HttpRefusal("BAD_USER_INPUT", "bom must be 0 or 1.");
  const params: ExportParams = { search: search || null, validId: validId ?? null };
  return { params, delimiter: delimiter as "," | ";", bom: bom === "1" };
}

/** The request body, counted: more than `max` bytes ends it with PAYLOAD_TOO_LARGE. */
async function* limitedBody(req: Request, max: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > max)
      throw new HttpRefusal("PAYLOAD_TOO_LARGE", `The file is larger than the limit of ${max} bytes.`);
    yield chunk;
  }
}

function wrap(
  handler: (req: Request, res: Response) => Promise<void>,
  onError: (error: unknown, req: Request) => void,
): RequestHandler {
  return (req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        onError(error, req);
        res.destroy();
        return;
      }
      // A body left unread (a refusal before the upload was taken) must not be read as the next
      // request on this connection.
      if (!req.complete) res.set("Connection", "close");
      if (error instanceof HttpRefusal) return void fail(res, error.code, error.message);
      if (error instanceof DomainError)
        return void fail(res, error.code, error.message, { ...error.extensions });
      onError(error, req);
      fail(res, "INTERNAL_SERVER_ERROR", "Something went wrong on the server; it has been logged.");
    });
  };
}

/**
 * CSV export and import over HTTP (docs/api.md §CSV): exports for every signed-in agent, imports and
 * the one-time credentials download for ADMIN. Bodies and generated passwords never reach a log.
 */
export function csvRouter(clientele: Clientele, options: { importMaxBytes?: number } = {}): Router {
  const max = options.importMaxBytes ?? DEFAULT_IMPORT_MAX_BYTES;
  const router = Router();
  const onError = (error: unknown, req: Request) => req.log?.error({ err: error }, "CSV request failed");

  const exportRoute = (name: string, rows: (p: ExportParams) => AsyncIterable<string[]>) =>
    wrap(async (req, res) => {
      await actorOf(clientele, req);
      const { params, delimiter, bom } = exportOptions(req);
      // The header comes once every backend has answered; a refusal before it is a proper error answer.
      const all = rows(params)[Symbol.asyncIterator]();
      const header = await all.next();
      const body = async function* () {
        if (header.done) return;
        yield header.value;
        for (let next = await all.next(); !next.done; next = await all.next()) yield next.value;
      };
      res.status(200).set({
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "no-store",
      });
      await pipeline(csvStream(body(), { delimiter, bom }), res);
    }, onError);
  router.get(
    "/api/export/customer-users.csv",
    exportRoute("customer-users.csv", (p) => clientele.csvExport.customerUsers(p)),
  );
  router.get(
    "/api/export/customers.csv",
    exportRoute("customers.csv", (p) => clientele.csvExport.customers(p)),
  );

  const importRoute = (kind: ImportKind) =>
    wrap(async (req, res) => {
      const actor = await actorOf(clientele, req);
      requireAdmin(actor);
      if (!req.is("text/csv") && !req.is("application/csv"))
        throw new HttpRefusal(
          "UNSUPPORTED_MEDIA_TYPE",
          "Send the file as the body with Content-Type: text/csv.",
        );
      const length = Number(req.headers["content-length"] ?? 0);
      if (length > max)
        throw new HttpRefusal("PAYLOAD_TOO_LARGE", `The file is larger than the limit of ${max} bytes.`);
      const dryRun = param(req, "dryRun");
      if (dryRun !== undefined && dryRun !== "0" && dryRun !== "1")
        throw new HttpRefusal("BAD_USER_INPUT", "dryRun must be 0 or 1.");
      const body = limitedBody(req, max);
      if (dryRun === "1") {
        const result = await clientele.imports.dryRun(kind, body);
        // A file that stopped being read at a syntax error leaves the rest of the body unread.
        if (!req.complete) res.set("Connection", "close");
        res.set("Cache-Control", "no-store").json(result);
        return;
      }
      const job = await clientele.imports.start(kind, actor, body);
      res
        .status(202)
        .set("Cache-Control", "no-store")
        .json({ jobId: String(job.id) });
    }, onError);
  router.post("/api/import/customer-users", importRoute("CUSTOMER_USERS"));
  router.post("/api/import/customers", importRoute("CUSTOMERS"));

  router.get(
    "/api/import/:jobId/credentials.csv",
    wrap(async (req, res) => {
      const actor = await actorOf(clientele, req);
      requireAdmin(actor);
      const id = String(req.params.jobId ?? "");
      if (!/^\d{1,10}$/.test(id)) throw new HttpRefusal("NOT_FOUND", `No import job with the id ${id}.`);
      const taken = await clientele.imports.takeCredentials(id, actor);
      if (taken.status === "gone")
        throw new HttpRefusal(
          "GONE",
          "The credentials of this import were downloaded already; they are offered once.",
        );
      res.status(200).set({
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="import-${id}-credentials.csv"`,
        "Cache-Control": "no-store",
      });
      async function* rows() {
        yield ["UserLogin", "UserPassword"];
        for (const [login, password] of taken.status === "ok" ? taken.rows : []) yield [login, password];
      }
      await pipeline(csvStream(rows()), res);
    }, onError),
  );
  return router;
}
