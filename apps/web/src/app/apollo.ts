import {
  ApolloClient,
  ApolloLink,
  type FieldFunctionOptions,
  HttpLink,
  InMemoryCache,
  type Reference,
} from "@apollo/client";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { ErrorLink } from "@apollo/client/link/error";
import { createPrefetchLink } from "./prefetch";

/**
 * A next page appended to the list it continues: `existing`'s nodes, then those of `incoming` not
 * already listed (the same page twice, e.g. a second click while the first was on its way, adds
 * nothing); everything else (cursor, limit, notices) is `incoming`'s.
 */
export function appendNodes<T extends { nodes: readonly unknown[] }>(
  existing: T | null | undefined,
  incoming: T,
  key: (node: T["nodes"][number]) => string,
): T {
  if (!existing) return incoming;
  const seen = new Set(existing.nodes.map(key));
  return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes.filter((n) => !seen.has(key(n)))] };
}

/**
 * The next page of a cursor walk (`after`, fetched with `fetchMore`) is appended to the list it
 * continues; a request without `after` starts the list again. Users already listed are not repeated.
 */
export function appendPage<T extends { nodes: readonly Reference[] }>(
  existing: T | undefined,
  incoming: T,
  { args }: Pick<FieldFunctionOptions, "args">,
): T {
  if (!existing || !args?.after) return incoming;
  return appendNodes(existing, incoming, (n) => n.__ref);
}

export function createApolloClient(onUnauthenticated: () => void): ApolloClient {
  const http = new HttpLink({
    uri: "/graphql",
    credentials: "same-origin",
    // Apollo Server's CSRF prevention refuses "simple" requests; this header makes every request preflighted.
    headers: { "apollo-require-preflight": "true" },
  });
  const unauthenticated = new ErrorLink(({ error, operation }) => {
    if (operation.operationName === "Login") return;
    if (
      CombinedGraphQLErrors.is(error) &&
      error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")
    ) {
      onUnauthenticated();
    }
  });
  return new ApolloClient({
    link: ApolloLink.from([createPrefetchLink(), unauthenticated, http]),
    cache: new InMemoryCache({
      typePolicies: {
        CustomerUser: { keyFields: ["login"] },
        Customer: { keyFields: ["customerId"] },
        CustomerUserSource: { keyFields: ["id"] },
        Agent: { keyFields: ["id"] },
        // Search results have no identity of their own; each query keeps its own copy.
        CustomerUserSearchResult: { keyFields: false },
        CustomerSearchResult: { keyFields: false },
        Query: {
          fields: {
            // Every argument but the cursor names the list; its pages are merged into one.
            customerUsers: {
              keyArgs: ["search", "customerId", "valid", "source", "limit", "first"],
              merge: appendPage,
            },
            customers: { keyArgs: ["search", "valid", "limit", "first"], merge: appendPage },
          },
        },
      },
    }),
  });
}
