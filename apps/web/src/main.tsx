import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { Toaster } from "sonner";
import { createApolloClient } from "./app/apollo";
import { i18nReady } from "./app/i18n";
import { router } from "./app/router";
import { signInPath } from "./app/session";
import "./styles.css";

const client = createApolloClient(() => {
  const { pathname, search } = router.state.location;
  if (pathname === "/sign-in") return;
  void client.clearStore();
  void router.navigate(signInPath(`${pathname}${search}`), { replace: true });
});

void i18nReady.then(() =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <ApolloProvider client={client}>
        <RouterProvider router={router} />
        <Toaster position="bottom-right" richColors closeButton />
      </ApolloProvider>
    </StrictMode>,
  ),
);
