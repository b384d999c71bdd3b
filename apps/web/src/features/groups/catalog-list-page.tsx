import type { TypedDocumentNode } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import type { TFunction } from "i18next";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { type DataColumn, DataTable } from "../../components/data-table/data-table";
import { ListPageHeader } from "../../components/list-page-header";
import { useListSearch } from "../../components/search-results";
import { ValidBadge } from "../../components/valid-badge";
import type { ValidState } from "../../gql/graphql";
import "./catalog.css";

interface CatalogRow {
  id: string;
  name: string;
  comment?: string | null;
  valid: ValidState;
}

/** What tells the group list from the service list: its query, routes, texts and extra columns. */
export interface CatalogListEntity<Row extends CatalogRow, Result> {
  /** The list's route; an item's page is `${listPath}/${id}`, a new one's `${listPath}/new`. */
  listPath: string;
  /** Translation keys; `intro` is a paragraph below the heading. */
  text: { title: string; add: string; count: string; none: string; intro?: string };
  query: TypedDocumentNode<Result, Record<string, never>>;
  rows: (data: Result) => Row[];
  /** Columns between the comment and the valid state. */
  columns?: (t: TFunction) => DataColumn<Row>[];
  /** Header links before "Add". */
  actions?: (t: TFunction) => ReactNode;
  /** The assignment links in a row's last column. */
  assign: (row: Row, t: TFunction) => ReactNode;
}

/** All groups or all services: name, comment, valid, links to their assignment screens. */
export function CatalogListPage<Row extends CatalogRow, Result>({
  entity,
}: {
  entity: CatalogListEntity<Row, Result>;
}): ReactNode {
  const { t } = useTranslation();
  const { listPath, text } = entity;
  const { sort, onSortChange } = useListSearch(t(text.title));
  const navigate = useNavigate();
  const { data, loading, error } = useQuery(entity.query, { fetchPolicy: "cache-and-network" });
  const columns = useMemo(
    (): DataColumn<Row>[] => [
      {
        id: "name",
        header: t("catalog.name"),
        value: (r) => r.name,
        cell: (r) => <Link to={`${listPath}/${encodeURIComponent(r.id)}`}>{r.name}</Link>,
      },
      { id: "comment", header: t("catalog.comment"), value: (r) => r.comment },
      ...(entity.columns?.(t) ?? []),
      {
        id: "valid",
        header: t("field.valid"),
        value: (r) => r.valid,
        cell: (r) => <ValidBadge valid={r.valid} />,
      },
      {
        id: "assign",
        header: t("groups.assignments"),
        value: () => null,
        sortable: false,
        cell: (r) => entity.assign(r, t),
      },
    ],
    [t, entity, listPath],
  );
  const rows = data ? entity.rows(data) : undefined;
  return (
    <div className="page">
      <ListPageHeader
        title={t(text.title)}
        add={{ to: `${listPath}/new`, label: t(text.add) }}
        actions={entity.actions?.(t)}
        intro={text.intro && t(text.intro)}
        error={error}
        count={rows && t(text.count, { count: rows.length })}
      />
      <DataTable
        label={t(text.title)}
        data={rows ?? []}
        columns={columns}
        rowId={(r) => r.id}
        isMuted={(r) => r.valid !== "VALID"}
        loading={loading}
        initialSort={{ id: "name" }}
        sort={sort}
        onSortChange={onSortChange}
        onOpenRow={(r) => navigate(`${listPath}/${encodeURIComponent(r.id)}`)}
        empty={t(text.none)}
      />
    </div>
  );
}
