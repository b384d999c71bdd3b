import type { ApolloClient } from "@apollo/client";
import { Suspense } from "react";
import { createBrowserRouter, matchRoutes, Navigate, type RouteObject } from "react-router";
import { prefetchCustomerUsers } from "../features/customer-users/list-query";
import { AppLayout } from "./layout";
import { RouteError } from "./route-error";
import { screen } from "./screen";
import { RequireSession } from "./session";

// One chunk per screen: the first paint only needs the frame and the current page.
const SignInPage = screen(() => import("../features/auth/sign-in-page"));
const CustomerUsersListPage = screen(() => import("../features/customer-users/list-page"));
const CustomerUserFormPage = screen(() => import("../features/customer-users/form-page"));
const CustomersListPage = screen(() => import("../features/customers/list-page"));
const CustomerFormPage = screen(() => import("../features/customers/form-page"));
const SourcesPage = screen(() => import("../features/sources/sources-page"));
const GroupsListPage = screen(() => import("../features/groups/list-page"));
const GroupFormPage = screen(() => import("../features/groups/form-page"));
const ServicesListPage = screen(() => import("../features/services/list-page"));
const ServiceFormPage = screen(() => import("../features/services/form-page"));
const DefaultServicesPage = screen(() => import("../features/services/default-services-page"));
const CustomerUsersCustomersPage = screen(
  () => import("../features/assignments/customer-users-customers-page"),
);
const CustomerUsersGroupsPage = screen(() => import("../features/assignments/customer-users-groups-page"));
const CustomersGroupsPage = screen(() => import("../features/assignments/customers-groups-page"));
const CustomerUsersServicesPage = screen(
  () => import("../features/assignments/customer-users-services-page"),
);
const TicketsListPage = screen(() => import("../features/tickets/list-page"));
const NewTicketPage = screen(() => import("../features/tickets/new-page"));
const TicketPage = screen(() => import("../features/tickets/ticket-page"));
const DynamicFieldsListPage = screen(() => import("../features/dynamic-fields/list-page"));
const DynamicFieldFormPage = screen(() => import("../features/dynamic-fields/form-page"));
const AgentsPage = screen(() => import("../features/agents/list-page"));
const AgentFormPage = screen(() => import("../features/agents/form-page"));
const SettingsPage = screen(() => import("../features/settings/settings-page"));
const ImportPage = screen(() => import("../features/csv/import-page"));
const NotFoundPage = screen(() => import("../features/not-found-page"));

type Screen = ReturnType<typeof screen>;

interface ScreenHandle {
  /** Fetches the screen's chunk. */
  preload: () => Promise<unknown>;
  /** Asks for the screen's data, for a start on this screen (see `app/prefetch.ts`). */
  prefetch?: (client: ApolloClient, url: URL) => void;
}

function page(path: string, Screen: Screen, prefetch?: ScreenHandle["prefetch"]): RouteObject {
  const handle: ScreenHandle = { preload: Screen.preload, prefetch };
  return { path, element: <Screen />, handle };
}

const routes: RouteObject[] = [
  {
    path: "/sign-in",
    element: (
      <Suspense fallback={null}>
        <SignInPage />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <RouteError />,
    children: [
      {
        index: true,
        element: <Navigate to="/customer-users" replace />,
        // The start page is the customer-user list: its chunk and data are fetched alongside the redirect.
        handle: {
          preload: CustomerUsersListPage.preload,
          prefetch: (client, url) => prefetchCustomerUsers(client, new URL("/customer-users", url)),
        } satisfies ScreenHandle,
      },
      page("customer-users", CustomerUsersListPage, prefetchCustomerUsers),
      page("customer-users/new", CustomerUserFormPage),
      page("customer-users/:login", CustomerUserFormPage),
      page("customers", CustomersListPage),
      page("customers/new", CustomerFormPage),
      page("customers/:customerId", CustomerFormPage),
      page("import", ImportPage),
      page("groups", GroupsListPage),
      page("groups/new", GroupFormPage),
      page("groups/:id", GroupFormPage),
      page("services", ServicesListPage),
      page("services/new", ServiceFormPage),
      page("services/defaults", DefaultServicesPage),
      page("services/:id", ServiceFormPage),
      page("customer-users-customers", CustomerUsersCustomersPage),
      page("customer-users-groups", CustomerUsersGroupsPage),
      page("customers-groups", CustomersGroupsPage),
      page("customer-users-services", CustomerUsersServicesPage),
      page("tickets", TicketsListPage),
      page("tickets/new", NewTicketPage),
      page("tickets/:id", TicketPage),
      page("dynamic-fields", DynamicFieldsListPage),
      page("dynamic-fields/new", DynamicFieldFormPage),
      page("dynamic-fields/:id", DynamicFieldFormPage),
      page("agents", AgentsPage),
      page("agents/new", AgentFormPage),
      page("agents/:id", AgentFormPage),
      page("settings", SettingsPage),
      page("sources", SourcesPage),
      page("*", NotFoundPage),
    ],
  },
];

export const router = createBrowserRouter(routes);

/**
 * Starts fetching the chunk (and, where the screen says how, the data) of the screen at `url` while
 * the session is still being checked: otherwise the chunk is only asked for once the session answer
 * has arrived and the frame has rendered, and the data once the chunk has arrived. A failed fetch is
 * left to the screen's own load to report. Resolves once the chunk is there (or failed).
 */
export function preloadScreen(client: ApolloClient, url: URL): Promise<void> {
  const handle = matchRoutes(routes, url.pathname)?.at(-1)?.route.handle as ScreenHandle | undefined;
  handle?.prefetch?.(client, url);
  return Promise.resolve(handle?.preload()).then(
    () => {},
    () => {},
  );
}
