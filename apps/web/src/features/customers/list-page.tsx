import { useQuery } from "@apollo/client/react";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { type DataColumn, DataTable } from "../../components/data-table/data-table";
import { ErrorNotice } from "../../components/error-notice";
import { SearchBox } from "../../components/search-box";
import { SearchResultCount, useListSearch, useNextPage } from "../../components/search-results";
import { ValidBadge } from "../../components/valid-badge";
import { getFragmentData } from "../../gql";
import type { CustomerFieldsFragment } from "../../gql/graphql";
import { CsvActions } from "../csv/export-links";
import { CustomerFields, CustomersQuery } from "./operations";

type Row = CustomerFieldsFragment;

export default function CustomersListPage(): ReactNode {
  const { t } = useTranslation();
  const { search, onSearch, sort, onSortChange } = useListSearch(t("customers.title"));
  const navigate = useNavigate();
  const { data, loading, error, fetchMore } = useQuery(CustomersQuery, {
    variables: { search: search || null },
    fetchPolicy: "cache-and-network",
  });
  const { more, loadingMore } = useNextPage(data?.customers.pageInfo, fetchMore);
  const columns = useMemo(
    (): DataColumn<Row>[] => [
      {
        id: "customerId",
        header: t("customer.customerId"),
        value: (c) => c.customerId,
        cell: (c) => <Link to={`/customers/${encodeURIComponent(c.customerId)}`}>{c.customerId}</Link>,
      },
      { id: "name", header: t("customer.name"), value: (c) => c.name },
      { id: "city", header: t("customer.city"), value: (c) => c.city },
      { id: "country", header: t("customer.country"), value: (c) => c.country },
      {
        id: "valid",
        header: t("field.valid"),
        value: (c) => c.valid,
        cell: (c) => <ValidBadge valid={c.valid} />,
      },
    ],
    [t],
  );
  const result = data?.customers;
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("customers.title")}</h1>
        <Link to="/customers/new" className="button button--primary">
          {t("customers.add")}
        </Link>
      </div>
      <SearchBox label={t("customers.search")} value={search} onSearch={onSearch} />
      <CsvActions kind="customers" search={search} />
      <ErrorNotice error={error} />
      <SearchResultCount
        countKey="customers.count"
        result={result}
        onMore={more}
        loadingMore={loading || loadingMore}
      />
      <DataTable
        label={t("customers.title")}
        data={getFragmentData(CustomerFields, result?.nodes) ?? []}
        columns={columns}
        rowId={(c) => c.customerId}
        isMuted={(c) => c.valid !== "VALID"}
        loading={loading}
        initialSort={{ id: "customerId" }}
        sort={sort}
        onSortChange={onSortChange}
        onOpenRow={(c) => navigate(`/customers/${encodeURIComponent(c.customerId)}`)}
        empty={
          search ? (
            t("customers.noMatch", { search })
          ) : (
            <>
              {t("customers.none")} <Link to="/customers/new">{t("customers.add")}</Link>
            </>
          )
        }
      />
    </div>
  );
}
