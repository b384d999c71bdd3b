import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import i18n from "i18next";

/** The server's `extensions` on a refusal (docs/api.md §Errors), with the message in the admin's language. */
export interface ServerRefusal {
  code: string | undefined;
  /** Translated from `code`, `field` and `params`; the server's English message is never shown. */
  message: string;
  field: string | undefined;
  source: string | undefined;
  /** True when the server was not reached at all (offline, connection refused). */
  network: boolean;
}

type Params = Record<string, string | number>;

interface Refusal {
  code: string | undefined;
  field: string | undefined;
  source: string | undefined;
  params: Params;
  retryAfterSeconds?: number;
  limit?: string;
}

function paramsOf(value: unknown): Params {
  if (!value || typeof value !== "object") return {};
  const out: Params = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === "string" || typeof v === "number") out[k] = v;
  return out;
}

/** Older refusals name the record at the top level (`extensions.login`, `.customerId`, `.id`). */
function withValue(params: Params, ext: Record<string, unknown>): Params {
  if (params.value !== undefined) return params;
  for (const key of ["login", "customerId", "id"]) {
    const v = ext[key];
    if (typeof v === "string" || typeof v === "number") return { ...params, value: v };
  }
  return params;
}

/** The last part of a field path (`logins.3` → `logins`, `input.email` → `email`). */
function fieldKey(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const parts = field.split(".").filter((p) => !/^\d+$/.test(p));
  return parts[parts.length - 1];
}

/**
 * Says a refusal in the admin's language. Keys are looked up from the most to the least specific:
 * `errors.server.<CODE>.<reason>` (params.reason, or `stale` for a lost update), then
 * `errors.server.<CODE>.<field>`, then `errors.server.<CODE>._`, then a general sentence.
 */
export function translateRefusal(refusal: Refusal): string {
  const { code, params } = refusal;
  if (!code) return i18n.t("errors.server.unknown");
  const keys: string[] = [];
  const reason = typeof params.reason === "string" ? params.reason : params.stale ? "stale" : undefined;
  if (reason) keys.push(`errors.server.${code}.${reason}`);
  const field = fieldKey(refusal.field);
  if (field) keys.push(`errors.server.${code}.${field}`);
  keys.push(`errors.server.${code}._`, "errors.server.unknown");
  return i18n.t(keys, {
    ...params,
    value: params.value ?? "",
    source: refusal.source ?? "",
    seconds: refusal.retryAfterSeconds ?? "",
    limit: refusal.limit ?? "",
    interpolation: { escapeValue: false },
  });
}

/** A failure that never reached the server's GraphQL layer (offline, refused, a proxy's error page). */
function transportError(error: unknown): ServerRefusal {
  if (ServerError.is(error) && error.statusCode === 503) {
    return {
      code: "UNAVAILABLE",
      message: i18n.t("errors.server.UNAVAILABLE._"),
      field: undefined,
      source: undefined,
      network: false,
    };
  }
  return {
    code: undefined,
    message: i18n.t("errors.network"),
    field: undefined,
    source: undefined,
    network: true,
  };
}

export function serverErrors(error: unknown): ServerRefusal[] {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => {
      const ext = e.extensions ?? {};
      const refusal: Refusal = {
        code: typeof ext.code === "string" ? ext.code : undefined,
        field: typeof ext.field === "string" ? ext.field : undefined,
        source: typeof ext.source === "string" ? ext.source : undefined,
        params: withValue(paramsOf(ext.params), ext),
        retryAfterSeconds: typeof ext.retryAfterSeconds === "number" ? ext.retryAfterSeconds : undefined,
        limit: typeof ext.limit === "string" ? ext.limit : undefined,
      };
      return {
        code: refusal.code,
        message: translateRefusal(refusal),
        field: refusal.field,
        source: refusal.source,
        network: false,
      };
    });
  }
  if (error) return [transportError(error)];
  return [];
}

export function hasErrorCode(error: unknown, code: string): boolean {
  return serverErrors(error).some((e) => e.code === code);
}

export function isNetworkError(error: unknown): boolean {
  return serverErrors(error).some((e) => e.network);
}

export function errorMessage(error: unknown): string {
  return [...new Set(serverErrors(error).map((e) => e.message))].join(" ");
}

/**
 * The toast after a failed save: "check the marked fields" only when a field was marked, otherwise
 * what went wrong (e.g. the server could not be reached).
 */
export function saveFailedToast(error: unknown, markedAField: boolean): string {
  if (markedAField) return i18n.t("form.saveFailed");
  return i18n.t("form.notSaved", { message: errorMessage(error), interpolation: { escapeValue: false } });
}

/** `extensions.retryAfterSeconds` of a RATE_LIMITED refusal, if there is one. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const seconds = error.errors.find((e) => e.extensions?.code === "RATE_LIMITED")?.extensions
    ?.retryAfterSeconds;
  return typeof seconds === "number" ? seconds : undefined;
}
