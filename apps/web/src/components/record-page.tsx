import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorNotice } from "./error-notice";

interface RecordPageProps {
  title: string;
  /** The record's load error, if any. */
  error?: unknown;
  /** An existing record is asked for and has not arrived yet. */
  loading: boolean;
  /** An existing record was asked for and the server has none. */
  missing: boolean;
  /** What to say when it is missing, with a link back to `listPath`. */
  notFound: string;
  listPath: string;
  /** The add or edit form, shown once the record (or nothing, for a new one) is there. */
  children: ReactNode;
}

/** The frame of an add/edit page: title (`#page-title`, which labels the form), then the load error, loading note, "not found" or the form. */
export function RecordPage({
  title,
  error,
  loading,
  missing,
  notFound,
  listPath,
  children,
}: RecordPageProps): ReactNode {
  const { t } = useTranslation();
  let body: ReactNode = children;
  if (error) {
    body = <ErrorNotice error={error} />;
  } else if (loading) {
    body = <p role="status">{t("common.loading")}</p>;
  } else if (missing) {
    body = (
      <div className="notice notice--error" role="alert">
        {notFound} <Link to={listPath}>{t("customers.backToList")}</Link>
      </div>
    );
  }
  return (
    <div className="page">
      <div className="page-header">
        <h1 id="page-title">{title}</h1>
      </div>
      {body}
    </div>
  );
}
