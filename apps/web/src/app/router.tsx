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
      { path: "sources", element: <SourcesPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
