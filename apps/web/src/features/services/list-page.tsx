import { useQuery } from "@apollo/client/react";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../app/errors";
import { usePageTitle } from "../../app/page-title";
import { type DataColumn, DataTable } from "../../components/data-table/data-table";
import { ValidBadge } from "../../components/valid-badge";
import type { ServicesListQuery as ServicesListResult } from "../../gql/graphql";
import { CUSTOMER_USERS_SERVICES_PATH } from "../assignments/paths";
import { pickHref } from "../assignments/route";
import "../groups/catalog.css";
import { ServicesListQuery } from "./operations";

type Row = ServicesListResult["services"][number];

export default function ServicesListPage(): ReactNode {
  const { t } = useTranslation();
  usePageTitle(t("services.title"));
  const { data, loading, error } = useQuery(ServicesListQuery, { fetchPolicy: "cache-and-network" });
  const yes = t("common.yes");
  const no = t("common.no");
  const columns = useMemo(
    (): DataColumn<Row>[] => [
      {
        id: "name",
        header: t("catalog.name"),
        value: (s) => s.name,
        cell: (s) => <Link to={`/services/${encodeURIComponent(s.id)}`}>{s.name}</Link>,
      },
      { id: "comment", header: t("catalog.comment"), value: (s) => s.comment },
      { id: "default", header: t("services.isDefault"), value: (s) => (s.isDefault ? yes : no) },
      {
        id: "valid",
        header: t("field.valid"),
        value: (s) => s.valid,
        cell: (s) => <ValidBadge valid={s.valid} />,
      },
      {
        id: "assign",
        header: t("groups.assignments"),
        value: () => null,
        sortable: false,
        cell: (s) => (
          <Link
            to={pickHref(CUSTOMER_USERS_SERVICES_PATH, "service", s.id)}
            aria-label={t("services.customerUsersOf", { name: s.name })}
          >
            {t("nav.customerUsers")}
          </Link>
        ),
      },
    ],
    [t, yes, no],
  );
  const services = data?.services;
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("services.title")}</h1>
        <div className="page-header-actions">
          <Link to="/services/defaults" className="button">
            {t("defaultServices.edit")}
          </Link>
          <Link to="/services/new" className="button button--primary">
            {t("services.add")}
          </Link>
        </div>
      </div>
      {error && (
        <div className="notice notice--error" role="alert">
          {errorMessage(error)}
        </div>
      )}
      {services && (
        <p className="result-count" role="status">
          {t("services.count", { count: services.length })}
        </p>
      )}
      <DataTable
        label={t("services.title")}
        data={services ?? []}
        columns={columns}
        rowId={(s) => s.id}
        isMuted={(s) => s.valid !== "VALID"}
        loading={loading}
        initialSort={{ id: "name" }}
        empty={t("services.none")}
      />
    </div>
  );
}
