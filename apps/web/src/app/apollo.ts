import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { ErrorLink } from "@apollo/client/link/error";

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
    link: ApolloLink.from([unauthenticated, http]),
    cache: new InMemoryCache({
      typePolicies: {
        CustomerUser: { keyFields: ["login"] },
        Customer: { keyFields: ["customerId"] },
        CustomerUserSource: { keyFields: ["id"] },
        Agent: { keyFields: ["id"] },
        // Search results have no identity of their own; each query keeps its own copy.
        CustomerUserSearchResult: { keyFields: false },
        CustomerSearchResult: { keyFields: false },
      },
    }),
  });
}
