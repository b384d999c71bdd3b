import { useQuery } from "@apollo/client/react";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../app/errors";
import { usePageTitle } from "../../app/page-title";
import { type DataColumn, DataTable } from "../../components/data-table/data-table";
import { ValidBadge } from "../../components/valid-badge";
import type { GroupsListQuery as GroupsListResult } from "../../gql/graphql";
import { CUSTOMER_USERS_GROUPS_PATH, CUSTOMERS_GROUPS_PATH } from "../assignments/paths";
import { pickHref } from "../assignments/route";
import "./catalog.css";
import { GroupsListQuery } from "./operations";

type Row = GroupsListResult["groups"][number];

export default function GroupsListPage(): ReactNode {
  const { t } = useTranslation();
  usePageTitle(t("groups.title"));
  const { data, loading, error } = useQuery(GroupsListQuery, { fetchPolicy: "cache-and-network" });
  const columns = useMemo(
    (): DataColumn<Row>[] => [
      {
        id: "name",
        header: t("catalog.name"),
        value: (g) => g.name,
        cell: (g) => <Link to={`/groups/${encodeURIComponent(g.id)}`}>{g.name}</Link>,
      },
      { id: "comment", header: t("catalog.comment"), value: (g) => g.comment },
      {
        id: "valid",
        header: t("field.valid"),
        value: (g) => g.valid,
        cell: (g) => <ValidBadge valid={g.valid} />,
      },
      {
        id: "assign",
        header: t("groups.assignments"),
        value: () => null,
        sortable: false,
        cell: (g) => (
          <span className="row-links">
            <Link
              to={pickHref(CUSTOMER_USERS_GROUPS_PATH, "group", g.id)}
              aria-label={t("groups.customerUsersOf", { name: g.name })}
            >
              {t("nav.customerUsers")}
            </Link>
            {" · "}
            <Link
              to={pickHref(CUSTOMERS_GROUPS_PATH, "group", g.id)}
              aria-label={t("groups.customersOf", { name: g.name })}
            >
              {t("nav.customers")}
            </Link>
          </span>
        ),
      },
    ],
    [t],
  );
  const groups = data?.groups;
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("groups.title")}</h1>
        <Link to="/groups/new" className="button button--primary">
          {t("groups.add")}
        </Link>
      </div>
      <p className="page-intro">{t("groups.intro")}</p>
      {error && (
        <div className="notice notice--error" role="alert">
          {errorMessage(error)}
        </div>
      )}
      {groups && (
        <p className="result-count" role="status">
          {t("groups.count", { count: groups.length })}
        </p>
      )}
      <DataTable
        label={t("groups.title")}
        data={groups ?? []}
        columns={columns}
        rowId={(g) => g.id}
        isMuted={(g) => g.valid !== "VALID"}
        loading={loading}
        initialSort={{ id: "name" }}
        empty={t("groups.none")}
      />
    </div>
  );
}
