import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, Link, Navigate, useLocation, useRouteError } from "react-router";
import { errorMessage, hasErrorCode } from "./errors";
import { signInPath } from "./session";

/** The router's error boundary: an expired session goes to sign-in, anything else is explained. */
export function RouteError(): ReactNode {
  const error = useRouteError();
  const location = useLocation();
  const { t } = useTranslation();
  if (hasErrorCode(error, "UNAUTHENTICATED")) {
    return <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />;
  }
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <div className="page-state" role="alert">
      <h1>{t("errors.title")}</h1>
      <p>{message}</p>
      <Link to="/">{t("errors.home")}</Link>
    </div>
  );
}
