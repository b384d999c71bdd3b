import { ApolloLink } from "@apollo/client";
import { canonicalStringify } from "@apollo/client/utilities";
import { type Observable, shareReplay } from "rxjs";

/** How long an answer asked for ahead waits for the screen that wants it. */
export const PREFETCH_WAIT_MS = 10_000;

/**
 * Lets the start screen's data be asked for before the screen renders. On a cold start the session
 * check, the frame and the screen's chunk come first; a request sent with `context: { prefetch: true }`
 * goes out at once instead, and the first identical operation (same name and variables) within
 * `PREFETCH_WAIT_MS` receives that answer (or waits for it) instead of sending its own. Each answer
 * is handed out once. An answer with errors is not kept (the screen then asks again and shows its
 * own), and any mutation drops everything fetched ahead: no screen sees data from before a write.
 */
export function createPrefetchLink(now: () => number = Date.now): ApolloLink {
  const ahead = new Map<string, { result: Observable<ApolloLink.Result>; until: number }>();
  return new ApolloLink((operation, forward) => {
    if (operation.operationType === "mutation") {
      ahead.clear();
      return forward(operation);
    }
    const key = `${operation.operationName}:${canonicalStringify(operation.variables)}`;
    if (operation.getContext().prefetch) {
      const entry = {
        result: forward(operation).pipe(
          shareReplay({ bufferSize: Number.POSITIVE_INFINITY, refCount: false }),
        ),
        until: now() + PREFETCH_WAIT_MS,
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
    const entry = ahead.get(key);
    if (entry) {
      ahead.delete(key);
      if (now() <= entry.until) return entry.result;
    }
    return forward(operation);
  });
}
