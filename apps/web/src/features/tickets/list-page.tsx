import { useQuery } from "@apollo/client/react";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCanWrite } from "../../app/session";
import { type DataColumn, DataTable } from "../../components/data-table/data-table";
import { ErrorNotice } from "../../components/error-notice";
import { SearchBox } from "../../components/search-box";
import { SearchResultCount, useListSearch } from "../../components/search-results";
import type { TicketsListQuery as Result } from "../../gql/graphql";
import { TicketsListQuery } from "./operations";

type Row = Result["ticketSearch"]["nodes"][number];

/** Tickets, newest first; one search box over number, title, customer user and customer. */
export default function TicketsListPage(): ReactNode {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const { search, onSearch } = useListSearch(t("tickets.title"));
  const { data, loading, error } = useQuery(TicketsListQuery, {
    variables: { search: search || null, limit: 1000 },
    fetchPolicy: "cache-and-network",
  });
  const columns = useMemo(
    (): DataColumn<Row>[] => [
      {
        id: "number",
        header: t("tickets.number"),
        value: (r) => r.number,
        cell: (r) => <Link to={`/tickets/${encodeURIComponent(r.id)}`}>{r.number}</Link>,
      },
      { id: "title", header: t("tickets.ticketTitle"), value: (r) => r.title },
      { id: "customerUser", header: t("tickets.customerUser"), value: (r) => r.customerUserLogin },
      { id: "customerId", header: t("customer.customerId"), value: (r) => r.customerId },
      {
        id: "open",
        header: t("tickets.state"),
        value: (r) => (r.open ? 0 : 1),
        cell: (r) => (r.open ? t("tickets.open") : t("tickets.closed")),
      },
    ],
    [t],
  );
  const result = data?.ticketSearch;
  // On an attached OTOBO database OTOBO creates tickets (and runs the mapping itself); Clientele
  // shows them and fills their dynamic fields with the backfill.
  const ownedByOtobo = data?.settings.source === "OTOBO_SYSCONFIG";
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("tickets.title")}</h1>
        {canWrite && data && !ownedByOtobo && (
          <Link to="/tickets/new" className="button button--primary">
            {t("tickets.add")}
          </Link>
        )}
      </div>
      {ownedByOtobo && <p className="field-hint">{t("tickets.ownedByOtobo")}</p>}
      <SearchBox label={t("tickets.search")} value={search} onSearch={onSearch} />
      <ErrorNotice error={error} />
      <SearchResultCount countKey="tickets.count" result={result} />
      <DataTable
        label={t("tickets.title")}
        data={result?.nodes ?? []}
        columns={columns}
        rowId={(r) => r.id}
        isMuted={(r) => !r.open}
        loading={loading}
        initialSort={{ id: "number", desc: true }}
        empty={search ? t("tickets.noMatch", { search }) : t("tickets.none")}
      />
    </div>
  );
}
