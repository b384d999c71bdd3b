import { lazy, Suspense } from "react";
import { createBrowserRouter, Navigate } from "react-router";
import { AppLayout } from "./layout";
import { RouteError } from "./route-error";
import { RequireSession } from "./session";

// One chunk per screen: the first paint only needs the frame and the current page.
const SignInPage = lazy(() => import("../features/auth/sign-in-page"));
const CustomerUsersListPage = lazy(() => import("../features/customer-users/list-page"));
const CustomerUserFormPage = lazy(() => import("../features/customer-users/form-page"));
const CustomersListPage = lazy(() => import("../features/customers/list-page"));
const CustomerFormPage = lazy(() => import("../features/customers/form-page"));
const SourcesPage = lazy(() => import("../features/sources/sources-page"));
const GroupsListPage = lazy(() => import("../features/groups/list-page"));
const GroupFormPage = lazy(() => import("../features/groups/form-page"));
const ServicesListPage = lazy(() => import("../features/services/list-page"));
const ServiceFormPage = lazy(() => import("../features/services/form-page"));
const DefaultServicesPage = lazy(() => import("../features/services/default-services-page"));
const CustomerUsersCustomersPage = lazy(
  () => import("../features/assignments/customer-users-customers-page"),
);
const CustomerUsersGroupsPage = lazy(() => import("../features/assignments/customer-users-groups-page"));
const CustomersGroupsPage = lazy(() => import("../features/assignments/customers-groups-page"));
const CustomerUsersServicesPage = lazy(() => import("../features/assignments/customer-users-services-page"));
const TicketsListPage = lazy(() => import("../features/tickets/list-page"));
const NewTicketPage = lazy(() => import("../features/tickets/new-page"));
const TicketPage = lazy(() => import("../features/tickets/ticket-page"));
const DynamicFieldsListPage = lazy(() => import("../features/dynamic-fields/list-page"));
const DynamicFieldFormPage = lazy(() => import("../features/dynamic-fields/form-page"));
const AgentsPage = lazy(() => import("../features/agents/list-page"));
const AgentFormPage = lazy(() => import("../features/agents/form-page"));
const SettingsPage = lazy(() => import("../features/settings/settings-page"));
const ImportPage = lazy(() => import("../features/csv/import-page"));
const NotFoundPage = lazy(() => import("../features/not-found-page"));

export const router = createBrowserRouter([
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
      { index: true, element: <Navigate to="/customer-users" replace /> },
      { path: "customer-users", element: <CustomerUsersListPage /> },
      { path: "customer-users/new", element: <CustomerUserFormPage /> },
      { path: "customer-users/:login", element: <CustomerUserFormPage /> },
      { path: "customers", element: <CustomersListPage /> },
      { path: "customers/new", element: <CustomerFormPage /> },
      { path: "customers/:customerId", element: <CustomerFormPage /> },
      { path: "import", element: <ImportPage /> },
      { path: "groups", element: <GroupsListPage /> },
      { path: "groups/new", element: <GroupFormPage /> },
      { path: "groups/:id", element: <GroupFormPage /> },
      { path: "services", element: <ServicesListPage /> },
      { path: "services/new", element: <ServiceFormPage /> },
      { path: "services/defaults", element: <DefaultServicesPage /> },
      { path: "services/:id", element: <ServiceFormPage /> },
      { path: "customer-users-customers", element: <CustomerUsersCustomersPage /> },
      { path: "customer-users-groups", element: <CustomerUsersGroupsPage /> },
      { path: "customers-groups", element: <CustomersGroupsPage /> },
      { path: "customer-users-services", element: <CustomerUsersServicesPage /> },
      { path: "tickets", element: <TicketsListPage /> },
      { path: "tickets/new", element: <NewTicketPage /> },
      { path: "tickets/:id", element: <TicketPage /> },
      { path: "dynamic-fields", element: <DynamicFieldsListPage /> },
      { path: "dynamic-fields/new", element: <DynamicFieldFormPage /> },
      { path: "dynamic-fields/:id", element: <DynamicFieldFormPage /> },
      { path: "agents", element: <AgentsPage /> },
      { path: "agents/new", element: <AgentFormPage /> },
      { path: "agents/:id", element: <AgentFormPage /> },
      { path: "settings", element: <SettingsPage /> },
      { path: "sources", element: <SourcesPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
