import { useQuery } from "@apollo/client/react";
import { FIELD_OF_ATTRIBUTE } from "@clientele/domain/rules";
import { lazy, type ReactNode, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ColumnChooser, useHiddenColumns } from "../../components/column-chooser";
import { downloadCsv, toCsv } from "../../components/csv";
import { type DataColumn, DataTable } from "../../components/data-table/data-table";
import { ErrorNotice } from "../../components/error-notice";
import { SearchBox } from "../../components/search-box";
import { SearchResultCount, useListSearch, useNextPage } from "../../components/search-results";
import { ValidBadge } from "../../components/valid-badge";
import { CsvActions } from "../csv/export-links";
import { attributeLabel } from "./attribute-label";
import {
  AnyCustomerQuery,
  appendCustomerUsersPage,
  CustomerUserListSourcesQuery,
  type CustomerUserRow,
  CustomerUsersQuery,
  customerUsersVariables,
} from "./list-query";

type Row = CustomerUserRow;

// Only a selection shows the bulk actions; their dialogs, pickers and form code load with the first one.
const CustomerUserBulkActions = lazy(() =>
  import("./bulk-actions").then((m) => ({ default: m.CustomerUserBulkActions })),
);

/**
 * The value of a map attribute on a user: typed field for OTOBO's attributes, `attributes` otherwise
 * (the field comes from the shared rules, not the form model, whose zod rules would join the chunk).
 */
export function attributeValue(user: Row, attribute: string): string {
  const standard = FIELD_OF_ATTRIBUTE.get(attribute);
  if (standard) {
    const value = (user as Record<string, unknown>)[standard];
    return value == null ? "" : String(value);
  }
  return user.attributes.find((a) => a.attribute === attribute)?.value ?? "";
}

export default function CustomerUsersListPage(): ReactNode {
  const { t } = useTranslation();
  const { search, onSearch, sort, onSortChange } = useListSearch(t("customerUsers.title"));
  const navigate = useNavigate();
  const sources = useQuery(CustomerUserListSourcesQuery);
  const anyCustomer = useQuery(AnyCustomerQuery, { fetchPolicy: "cache-and-network" });
  // errorPolicy "all": a backend that is down arrives as an error beside the other backends' users,
  // which must still be listed (the banner below names the missing backend).
  // "no-cache": the list is asked for on every visit and its pages stay with this query, outside the
  // normalised cache; see `appendCustomerUsersPage`. A user's form reads and saves through the cache.
  const { data, loading, error, fetchMore } = useQuery(CustomerUsersQuery, {
    variables: customerUsersVariables(search),
    fetchPolicy: "no-cache",
    errorPolicy: "all",
  });
  const { more, loadingMore } = useNextPage(data?.customerUsers.pageInfo, (options) =>
    fetchMore({ ...options, updateQuery: appendCustomerUsersPage }),
  );

  const backends = sources.data?.customerUserSources ?? [];
  const columns = useMemo((): DataColumn<Row>[] => {
    const listed: { attribute: string; label: string }[] = [];
    for (const backend of backends) {
      for (const field of backend.fields) {
        // Login and customer id have columns of their own; a password is never listed.
        if (!field.shownInList || ["UserLogin", "UserPassword", "UserCustomerID"].includes(field.attribute))
          continue;
        if (!listed.some((l) => l.attribute === field.attribute)) listed.push(field);
      }
    }
    const nameById = new Map(backends.map((b) => [b.id, b.name]));
    return [
      {
        id: "login",
        header: t("attribute.UserLogin"),
        value: (u) => u.login,
        cell: (u) => <Link to={`/customer-users/${encodeURIComponent(u.login)}`}>{u.login}</Link>,
        width: "18%",
      },
      ...listed.map(
        (field): DataColumn<Row> => ({
          id: field.attribute,
          header: attributeLabel(t, field.attribute, field.label),
          value: (u) => attributeValue(u, field.attribute),
          ...(field.attribute === "UserEmail" ? { width: "24%" } : {}),
        }),
      ),
      {
        id: "customerId",
        header: t("attribute.UserCustomerID"),
        value: (u) => u.customerId,
        cell: (u) =>
          u.customerId ? (
            <Link to={`/customers/${encodeURIComponent(u.customerId)}`}>{u.customerId}</Link>
          ) : null,
      },
      ...(backends.length > 1
        ? [
            {
              id: "source",
              header: t("customerUsers.source"),
              value: (u: Row) => nameById.get(u.source) ?? u.source,
            },
          ]
        : []),
      {
        id: "valid",
        header: t("field.valid"),
        value: (u) => u.valid,
        cell: (u) => <ValidBadge valid={u.valid} />,
        width: "11rem",
      },
    ];
  }, [backends, t]);

  const { hidden, toggle } = useHiddenColumns("customer-users");
  const shownColumns = useMemo(() => columns.filter((c) => !hidden.has(c.id)), [columns, hidden]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const result = data?.customerUsers;
  // The columns come from the backends: rows shown before them would get their columns a moment later.
  const columnsPending = sources.loading && !sources.data;
  const rows = columnsPending ? [] : (result?.nodes ?? []);
  // A selection only ever holds rows of the current list.
  const selectedLogins = rows.filter((u) => selected.has(u.login)).map((u) => u.login);
  const exportRows = (only: ReadonlySet<string> | null): void => {
    const chosen = only ? rows.filter((u) => only.has(u.login)) : rows;
    const csv = toCsv(
      shownColumns.map((c) => c.header),
      chosen.map((u) => shownColumns.map((c) => String(c.value(u) ?? ""))),
    );
    downloadCsv(`customer-users${search ? `-${search.replace(/[^\w.-]+/g, "_")}` : ""}.csv`, csv);
  };
  const noCustomer = anyCustomer.data !== undefined && anyCustomer.data.customers.nodes.length === 0;
  const writable = backends.some((b) => !b.readOnly);

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("customerUsers.title")}</h1>
        {noCustomer ? (
          <div className="disabled-action">
            <button
              type="button"
              className="button button--primary"
              disabled
              aria-describedby="add-user-reason"
            >
              {t("customerUsers.add")}
            </button>
            <p id="add-user-reason" className="field-hint">
              {t("customerUsers.addNeedsCustomer")} <Link to="/customers/new">{t("customers.add")}</Link>
            </p>
          </div>
        ) : writable ? (
          <Link to="/customer-users/new" className="button button--primary">
            {t("customerUsers.add")}
          </Link>
        ) : null}
      </div>
      <SearchBox label={t("customerUsers.search")} value={search} onSearch={onSearch} />
      <CsvActions kind="customer-users" search={search} />
      {result && result.unavailableSources.length > 0 && (
        <div className="notice notice--warning" role="alert">
          {t("customerUsers.unavailable", { sources: result.unavailableSources.join(", ") })}
        </div>
      )}
      {error && !result && <ErrorNotice error={error} />}
      <SearchResultCount
        countKey="customerUsers.count"
        result={columnsPending ? undefined : result}
        onMore={more}
        loadingMore={loading || loadingMore}
      />
      <div className="list-tools">
        <button
          type="button"
          className="button"
          disabled={rows.length === 0}
          onClick={() => exportRows(null)}
        >
          {t("bulk.exportAll", { count: rows.length })}
        </button>
        <ColumnChooser columns={columns} hidden={hidden} onToggle={toggle} fixed={["login"]} />
      </div>
      {selectedLogins.length > 0 && (
        <Suspense fallback={null}>
          <CustomerUserBulkActions
            selected={selectedLogins}
            onClear={() => setSelected(new Set())}
            onExport={() => exportRows(new Set(selectedLogins))}
          />
        </Suspense>
      )}
      <DataTable
        label={t("customerUsers.title")}
        data={rows}
        columns={shownColumns}
        selection={{
          selected,
          onChange: (ids, on) =>
            setSelected((current) => {
              const next = new Set(current);
              for (const id of ids) {
                if (on) next.add(id);
                else next.delete(id);
              }
              return next;
            }),
          rowLabel: (u) => t("bulk.selectRow", { login: u.login }),
          allLabel: t("bulk.selectAll"),
        }}
        rowId={(u) => u.login}
        isMuted={(u) => u.valid !== "VALID"}
        loading={loading || columnsPending}
        initialSort={{ id: "login" }}
        sort={sort}
        onSortChange={onSortChange}
        onOpenRow={(u) => navigate(`/customer-users/${encodeURIComponent(u.login)}`)}
        empty={search ? t("customerUsers.noMatch", { search }) : t("customerUsers.none")}
      />
    </div>
  );
}
