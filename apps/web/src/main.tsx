import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { Toaster } from "sonner";
import { createApolloClient } from "./app/apollo";
import { i18nReady } from "./app/i18n";
import { preloadScreen, router } from "./app/router";
import { signInPath } from "./app/session";
import { MeQuery } from "./features/auth/operations";
import "./styles.css";

const client = createApolloClient(() => {
  const { pathname, search } = router.state.location;
  if (pathname === "/sign-in") return;
  void client.clearStore();
  void router.navigate(signInPath(`${pathname}${search}`), { replace: true });
});

// The session check goes out first (the server answers it before a long list), then the screen's
// chunk and data: none of them waits for React's first render or for another. On the start screen
// the start script in index.html has sent them already, and these take its answers (see
// `app/prefetch.ts`). The first render waits for the screen's chunk, so that the screen does not
// suspend (see `screen` in the router).
client.query({ query: MeQuery }).catch(() => {});
const startScreen = preloadScreen(client, new URL(window.location.href));

void Promise.all([i18nReady, startScreen]).then(() =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <ApolloProvider client={client}>
        <RouterProvider router={router} />
        <Toaster position="bottom-right" richColors closeButton />
      </ApolloProvider>
    </StrictMode>,
  ),
);
