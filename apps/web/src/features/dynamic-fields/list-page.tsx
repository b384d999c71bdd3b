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
import type { DynamicFieldFieldsFragment as Row } from "../../gql/graphql";
import { DynamicFieldFields, DynamicFieldsListQuery } from "./operations";

/** OTOBO's dynamic field overview: name, label, type, object, order, valid; which are filled by the mapping. */
export default function DynamicFieldsListPage(): ReactNode {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  usePageTitle(t("dynamicFields.title"));
  const { data, loading, error } = useQuery(DynamicFieldsListQuery, { fetchPolicy: "cache-and-network" });
  const columns = useMemo(
    (): DataColumn<Row>[] => [
      {
        id: "name",
        header: t("dynamicFields.name"),
        value: (f) => f.name,
        cell: (f) => <Link to={`/dynamic-fields/${encodeURIComponent(f.id)}`}>{f.name}</Link>,
      },
      { id: "label", header: t("dynamicFields.label"), value: (f) => f.label },
      { id: "fieldType", header: t("dynamicFields.fieldType"), value: (f) => f.fieldType },
      { id: "objectType", header: t("dynamicFields.objectType"), value: (f) => f.objectType },
      { id: "fieldOrder", header: t("dynamicFields.fieldOrder"), value: (f) => f.fieldOrder },
      {
        id: "mapped",
        header: t("dynamicFields.filledBy"),
        value: (f) => (f.mapped ? 1 : 0),
        cell: (f) => (f.mapped ? t("dynamicFields.systemFilled") : t("dynamicFields.byHand")),
      },
      {
        id: "valid",
        header: t("field.valid"),
        value: (f) => f.valid,
        cell: (f) => <ValidBadge valid={f.valid} />,
      },
    ],
    [t],
  );
  const rows = getFragmentData(DynamicFieldFields, data?.dynamicFields);
  return (
    <div className="page">
      <ListPageHeader
        title={t("dynamicFields.title")}
        add={canWrite ? { to: "/dynamic-fields/new", label: t("dynamicFields.add") } : null}
        intro={t("dynamicFields.intro")}
        error={error}
        count={rows && t("dynamicFields.count", { count: rows.length })}
      />
      <DataTable
        label={t("dynamicFields.title")}
        data={rows ?? []}
        columns={columns}
        rowId={(f) => f.id}
        isMuted={(f) => f.valid !== "VALID"}
        loading={loading}
        initialSort={{ id: "fieldOrder" }}
        empty={t("dynamicFields.none")}
      />
    </div>
  );
}
