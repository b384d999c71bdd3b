import { ApolloLink } from "@apollo/client";
import { canonicalStringify } from "@apollo/client/utilities";
import { Observable, shareReplay } from "rxjs";

/** How long an answer asked for ahead waits for the screen that wants it. */
export const PREFETCH_WAIT_MS = 10_000;

/**
 * A request the start script in index.html sent before any module of the app had loaded (see
 * `plugins/start-screen.ts`): `answer` is the parsed body of a successful HTTP answer, else null.
 */
export interface StartedRequest {
  operationName: string;
  variables: Record<string, unknown>;
  answer: Promise<unknown>;
}

declare global {
  interface Window {
    __clienteleStart?: { at: number; requests: StartedRequest[] };
  }
}

/** The start script's requests, handed over once (a second client starts without them). */
export function takeStartedRequests(): { at: number; requests: StartedRequest[] } {
  const started = typeof window === "undefined" ? undefined : window.__clienteleStart;
  if (started) delete window.__clienteleStart;
  return started ?? { at: 0, requests: [] };
}

type Entry =
  | { result: Observable<ApolloLink.Result>; until: number }
  | { started: Promise<unknown>; until: number };

/** A GraphQL answer the screen can use as if it had asked itself: data and no errors. */
function usable(answer: unknown): answer is ApolloLink.Result {
  if (typeof answer !== "object" || answer === null || !("data" in answer)) return false;
  const errors = (answer as { errors?: unknown[] }).errors;
  return !errors?.length;
}

/**
 * Lets the start screen's data be asked for before the screen renders. On a cold start the session
 * check, the frame and the screen's chunk come first; a request sent with `context: { prefetch: true }`
 * goes out at once instead, and the first identical operation (same name and variables) within
 * `PREFETCH_WAIT_MS` receives that answer (or waits for it) instead of sending its own. The start
 * script's requests (`started`) are taken the same way, and a prefetch of one of them sends nothing
 * more. Each answer is handed out once. An answer with errors, or a failed HTTP request, is not
 * kept (the screen then asks again and shows its own), and any mutation drops everything fetched
 * ahead: no screen sees data from before a write.
 */
export function createPrefetchLink(
  now: () => number = Date.now,
  started: { at: number; requests: StartedRequest[] } = takeStartedRequests(),
): ApolloLink {
  const ahead = new Map<string, Entry>();
  const keyOf = (name: string | undefined, variables: unknown) => `${name}:${canonicalStringify(variables)}`;
  for (const request of started.requests) {
    const key = keyOf(request.operationName, request.variables);
    const entry: Entry = { started: request.answer, until: started.at + PREFETCH_WAIT_MS };
    ahead.set(key, entry);
    void request.answer.then((answer) => {
      if (!usable(answer) && ahead.get(key) === entry) ahead.delete(key);
    });
  }

  /** The answer of `entry` for `operation`; a started request that failed is sent again. */
  const answerOf = (
    entry: Entry,
    operation: ApolloLink.Operation,
    forward: ApolloLink.ForwardFunction,
  ): Observable<ApolloLink.Result> => {
    if ("result" in entry) return entry.result;
    const answer = entry.started;
    return new Observable<ApolloLink.Result>((observer) => {
      let sent: { unsubscribe(): void } | undefined;
      let closed = false;
      void answer.then((body) => {
        if (closed) return;
        if (!usable(body)) {
          sent = forward(operation).subscribe(observer);
          return;
        }
        observer.next(body);
        observer.complete();
      });
      return () => {
        closed = true;
        sent?.unsubscribe();
      };
    });
  };

  return new ApolloLink((operation, forward) => {
    if (operation.operationType === "mutation") {
      ahead.clear();
      return forward(operation);
    }
    const key = keyOf(operation.operationName, operation.variables);
    const found = ahead.get(key);
    const waiting = found && now() <= found.until ? found : undefined;
    if (operation.getContext().prefetch) {
      const entry = {
        result: (waiting ? answerOf(waiting, operation, forward) : forward(operation)).pipe(
          shareReplay({ bufferSize: Number.POSITIVE_INFINITY, refCount: false }),
        ),
        until: waiting?.until ?? now() + PREFETCH_WAIT_MS,
      };
      const drop = () => {
        if (ahead.get(key) === entry) ahead.delete(key);
      };
      ahead.set(key, entry);
      entry.result.subscribe({
        next: (result) => {
          if ("errors" in result && result.errors?.length) drop();
        },
        error: drop,
      });
      return entry.result;
    }
    if (found) {
      ahead.delete(key);
      if (waiting) return answerOf(waiting, operation, forward);
    }
    return forward(operation);
  });
}
