import { useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { MeQuery } from "../features/auth/operations";
import { errorMessage, hasErrorCode } from "./errors";

export function signInPath(next: string): string {
  return next && next !== "/" ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";
}

/** Signed-out users see only the sign-in page. */
export function RequireSession({ children }: { children: ReactNode }): ReactNode {
  const { t } = useTranslation();
  const location = useLocation();
  const { data, loading, error } = useQuery(MeQuery);
  const here = `${location.pathname}${location.search}`;
  if (loading && !data) {
    return (
      <div className="page-state" role="status">
        {t("common.loading")}
      </div>
    );
  }
  if (error && !hasErrorCode(error, "UNAUTHENTICATED")) {
    return (
      <div className="page-state" role="alert">
        {errorMessage(error)}
      </div>
    );
  }
  if (!data?.me) return <Navigate to={signInPath(here)} replace />;
  return children;
}

/**
 * Whether the signed-in agent may change data (role ADMIN). READ_ONLY agents see every screen
 * without its write controls; the server refuses their writes in any case.
 */
export function useCanWrite(): boolean {
  const { data } = useQuery(MeQuery, { fetchPolicy: "cache-first" });
  return data?.me?.role !== "READ_ONLY";
}
