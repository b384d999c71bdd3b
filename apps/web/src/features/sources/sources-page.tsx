import { useQuery } from "@apollo/client/react";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/errors";
import { usePageTitle } from "../../app/page-title";
import { type DataColumn, DataTable } from "../../components/data-table/data-table";
import { ErrorNotice } from "../../components/error-notice";
import type { SourcesQuery as SourcesQueryResult } from "../../gql/graphql";
import { attributeLabel } from "../customer-users/attribute-label";
import { SourcesHealthQuery, SourcesQuery } from "./operations";

type Field = SourcesQueryResult["customerUserSources"][number]["fields"][number];

export default function SourcesPage(): ReactNode {
  const { t } = useTranslation();
  const { data, error } = useQuery(SourcesQuery);
  usePageTitle(t("sources.title"));
  // Health is checked live on every visit (and every 30 s while the page is open).
  const health = useQuery(SourcesHealthQuery, { fetchPolicy: "network-only", pollInterval: 30_000 });
  const yes = t("common.yes");
  const no = t("common.no");
  const columns = useMemo(
    (): DataColumn<Field>[] => [
      { id: "attribute", header: t("sources.attribute"), value: (f) => f.attribute },
      { id: "label", header: t("sources.label"), value: (f) => attributeLabel(t, f.attribute, f.label) },
      { id: "storage", header: t("sources.storage"), value: (f) => f.storage },
      { id: "required", header: t("sources.required"), value: (f) => (f.required ? yes : no) },
      { id: "readOnly", header: t("sources.readOnly"), value: (f) => (f.readOnly ? yes : no) },
      { id: "shownInList", header: t("sources.shownInList"), value: (f) => (f.shownInList ? yes : no) },
      { id: "searchable", header: t("sources.searchable"), value: (f) => (f.searchable ? yes : no) },
    ],
    [t, yes, no],
  );
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("sources.title")}</h1>
      </div>
      <p>{t("sources.intro")}</p>
      <ErrorNotice error={error} />
      {!data && !error && <p role="status">{t("common.loading")}</p>}
      {data?.customerUserSources.map((source, index) => {
        const status = health.data?.customerUserSources.find((s) => s.id === source.id)?.status;
        return (
          <section key={source.id} className="source" aria-labelledby={`source-${source.id}`}>
            <h2 id={`source-${source.id}`}>
              {index + 1}. {source.name}
            </h2>
            <dl className="source-facts">
              <dt>{t("sources.id")}</dt>
              <dd>{source.id}</dd>
              <dt>{t("sources.module")}</dt>
              <dd>{source.module.toUpperCase()}</dd>
              {source.directoryType && (
                <>
                  <dt>{t("sources.directoryType")}</dt>
                  <dd>{t(`sources.directoryTypes.${source.directoryType}`)}</dd>
                </>
              )}
              <dt>{t("sources.readOnly")}</dt>
              <dd>{source.readOnly ? yes : no}</dd>
              <dt>{t("sources.listLimit")}</dt>
              <dd>{source.searchListLimit}</dd>
              {source.searchIndexes && (
                <>
                  <dt>{t("sources.searchIndexes")}</dt>
                  <dd>
                    {source.searchIndexes.complete ? (
                      t("sources.searchIndexesComplete")
                    ) : (
                      <span className="notice">
                        {t("sources.searchIndexesMissing", {
                          names: source.searchIndexes.missing.join(", "),
                        })}{" "}
                        <code>pnpm --filter @clientele/server cli search-indexes --apply</code>
                      </span>
                    )}
                  </dd>
                </>
              )}
              <dt>{t("sources.health")}</dt>
              <dd>
                {health.error ? (
                  <span className="health health--down">{errorMessage(health.error)}</span>
                ) : !status ? (
                  <span role="status">{t("sources.checking")}</span>
                ) : status.ok ? (
                  <span className="health health--ok">{t("sources.ok")}</span>
                ) : (
                  <span className="health health--down" role="alert">
                    {t("sources.down")}: {status.message}
                  </span>
                )}
              </dd>
            </dl>
            <h3>{t("sources.fieldMap")}</h3>
            <DataTable
              label={t("sources.fieldMapOf", { name: source.name })}
              data={source.fields}
              columns={columns}
              rowId={(f) => f.attribute}
            />
          </section>
        );
      })}
    </div>
  );
}
