import { GraphiQL } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "graphiql/style.css";

type Params = { query: string; operationName?: string | null; variables?: unknown };

/**
 * Same origin, same session cookie as the admin app. The preflight header satisfies Apollo Server's
 * CSRF prevention; a signed-out browser gets UNAUTHENTICATED except for `login`, which can be run here.
 */
async function fetcher(params: Params): Promise<unknown> {
  const response = await fetch("/graphql", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", "apollo-require-preflight": "true" },
    body: JSON.stringify(params),
  });
  return response.json();
}

const defaultQuery = `# Clientele GraphQL API. Sign in first (the session cookie is shared with the admin app):
# mutation { login(login: "root@localhost", password: "…") { login } }

query CustomerUsers {
  customerUsers(search: "*") {
    nodes { login fullName email customerId valid }
    limit
    limitReached
  }
}
`;

createRoot(document.getElementById("playground")!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher as never} defaultQuery={defaultQuery} />
  </StrictMode>,
);
