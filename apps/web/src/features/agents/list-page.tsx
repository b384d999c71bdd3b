import { useQuery } from "@apollo/client/react";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../app/page-title";
import { useCanWrite } from "../../app/session";
import { type DataColumn, DataTable } from "../../components/data-table/data-table";
import { ListPageHeader } from "../../components/list-page-header";
import { ValidBadge } from "../../components/valid-badge";
import { getFragmentData } from "../../gql";
import type { AgentFieldsFragment as Row } from "../../gql/graphql";
import { ApiTokensSection } from "./api-tokens-section";
import { formatDateTime } from "./format";
import { AgentFields, AgentsListQuery } from "./operations";
import "./agents.css";

/** Agents (login, name, role, valid, last login) and, below, the API tokens. */
export default function AgentsPage(): ReactNode {
  const { t, i18n } = useTranslation();
  usePageTitle(t("agents.title"));
  const canWrite = useCanWrite();
  const { data, loading, error } = useQuery(AgentsListQuery, { fetchPolicy: "cache-and-network" });
  const columns = useMemo(
    (): DataColumn<Row>[] => [
      {
        id: "login",
        header: t("agents.login"),
        value: (r) => r.login,
        cell: (r) => <Link to={`/agents/${encodeURIComponent(r.id)}`}>{r.login}</Link>,
      },
      { id: "name", header: t("agents.name"), value: (r) => `${r.firstName} ${r.lastName}` },
      { id: "role", header: t("agents.role"), value: (r) => t(`role.${r.role}`) },
      {
        id: "valid",
        header: t("field.valid"),
        value: (r) => r.valid,
        cell: (r) => <ValidBadge valid={r.valid} />,
      },
      {
        id: "lastLogin",
        header: t("agents.lastLogin"),
        value: (r) => r.lastLoginAt ?? "",
        cell: (r) => formatDateTime(r.lastLoginAt, i18n.language),
      },
    ],
    [t, i18n.language],
  );
  const rows = getFragmentData(AgentFields, data?.agents);
  return (
    <div className="page">
      <ListPageHeader
        title={t("agents.title")}
        add={canWrite ? { to: "/agents/new", label: t("agents.add") } : null}
        intro={t("agents.intro")}
        error={error}
        count={rows && t("agents.count", { count: rows.length })}
      />
      <DataTable
        label={t("agents.title")}
        data={rows ?? []}
        columns={columns}
        rowId={(r) => r.id}
        isMuted={(r) => r.valid !== "VALID"}
        loading={loading}
        initialSort={{ id: "login" }}
      />
      <ApiTokensSection canWrite={canWrite} />
    </div>
  );
}
