import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCanWrite } from "../../app/session";

/** The CSV download of a list: the current search, or everything; and the way to the import. */
export function CsvActions({
  kind,
  search,
}: {
  kind: "customer-users" | "customers";
  search: string;
}): ReactNode {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const base = `/api/export/${kind}.csv`;
  return (
    <div className="csv-actions">
      {search && (
        <a className="button" href={`${base}?${new URLSearchParams({ search })}`} download>
          {t("csv.exportSearch")}
        </a>
      )}
      <a className="button" href={base} download>
        {t("csv.exportAll")}
      </a>
      {canWrite && (
        <Link className="button" to={`/import?kind=${kind}`}>
          {t("csv.import")}
        </Link>
      )}
    </div>
  );
}
