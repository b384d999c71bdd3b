import { useQuery } from "@apollo/client/react";
import type { TFunction } from "i18next";
import { type ReactNode, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../components/error-notice";
import { type FragmentType, getFragmentData, graphql } from "../../gql";
import { attributeLabel } from "../customer-users/attribute-label";
import { changesOf, validStateOf } from "./changes";
import {
  CustomerHistoryQuery,
  CustomerUserHistoryQuery,
  GroupHistoryQuery,
  ServiceHistoryQuery,
} from "./operations";

const PAGE = 20;

/** One entry as the panel shows it; spread into each subject's history query (./operations.ts). */
export const HistoryEntryFields = graphql(`
  fragment HistoryEntryFields on AuditEntry {
    id
    at
    actor
    action
    before
    after
  }
`);

export type HistorySubject =
  | { kind: "customerUser"; login: string }
  | { kind: "customer"; customerId: string }
  | { kind: "group"; id: string }
  | { kind: "service"; id: string };

interface Props {
  subject: HistorySubject;
  /** Changes whenever the record was saved (e.g. its changedAt), so the panel reads the new entry. */
  version?: string | null;
}

/** Who changed the record, when, and what: before → after, newest first, twenty a page. */
export function HistoryPanel({ subject, version }: Props): ReactNode {
  const [offset, setOffset] = useState(0);
  const variables = { limit: PAGE + 1, offset };
  const options = { fetchPolicy: "cache-and-network" as const, notifyOnNetworkStatusChange: true };
  const cu = useQuery(CustomerUserHistoryQuery, {
    ...options,
    variables: { ...variables, login: subject.kind === "customerUser" ? subject.login : "" },
    skip: subject.kind !== "customerUser",
  });
  const cust = useQuery(CustomerHistoryQuery, {
    ...options,
    variables: { ...variables, customerId: subject.kind === "customer" ? subject.customerId : "" },
    skip: subject.kind !== "customer",
  });
  const group = useQuery(GroupHistoryQuery, {
    ...options,
    variables: { ...variables, id: subject.kind === "group" ? subject.id : "" },
    skip: subject.kind !== "group",
  });
  const service = useQuery(ServiceHistoryQuery, {
    ...options,
    variables: { ...variables, id: subject.kind === "service" ? subject.id : "" },
    skip: subject.kind !== "service",
  });
  const active =
    subject.kind === "customerUser"
      ? cu
      : subject.kind === "customer"
        ? cust
        : subject.kind === "group"
          ? group
          : service;
  const entries =
    subject.kind === "customerUser"
      ? cu.data?.customerUser?.history
      : subject.kind === "customer"
        ? cust.data?.customer?.history
        : subject.kind === "group"
          ? group.data?.group?.history
          : service.data?.service?.history;
  const { refetch } = active;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a save (new version) brings the new entry
  useEffect(() => {
    if (version !== undefined) void refetch();
  }, [version]);
  return (
    <HistoryView
      entries={entries}
      loading={active.loading}
      error={active.error}
      offset={offset}
      onOffset={setOffset}
    />
  );
}

interface ViewProps {
  entries: readonly FragmentType<typeof HistoryEntryFields>[] | undefined;
  loading: boolean;
  error: unknown;
  offset: number;
  onOffset: (offset: number) => void;
}

function fieldLabel(t: TFunction, field: string): string {
  if (!field) return t("history.value");
  for (const key of [`customer.${field}`, `catalog.${field}`, `history.field.${field}`]) {
    const text = t(key, { defaultValue: "" });
    if (text && text !== key) return text;
  }
  return attributeLabel(t, field, field);
}

function shown(t: TFunction, field: string, value: string | null): string {
  const state = validStateOf(field, value);
  if (state) return t(`valid.${state}`);
  return value ?? t("history.none");
}

function HistoryView({ entries: masked, loading, error, offset, onOffset }: ViewProps): ReactNode {
  const { t, i18n } = useTranslation();
  const loaded = getFragmentData(HistoryEntryFields, masked);
  const titleId = useId();
  const all = loaded ?? [];
  const entries = all.slice(0, PAGE);
  const hasOlder = all.length > PAGE;
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <section className="history" aria-labelledby={titleId} aria-busy={loading}>
      <h2 id={titleId}>{t("history.title")}</h2>
      <ErrorNotice error={error} />
      {!loaded && !error ? (
        <ul className="history-skeleton" aria-hidden="true">
          <li />
          <li />
          <li />
        </ul>
      ) : null}
      {loaded && entries.length === 0 ? <p>{t("history.empty")}</p> : null}
      {entries.length > 0 && (
        <div className="data-table-scroll">
          <table className="data-table history-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">{t("history.when")}</th>
                <th scope="col">{t("history.who")}</th>
                <th scope="col">{t("history.what")}</th>
                <th scope="col">{t("history.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const changes = changesOf(entry.before, entry.after);
                return (
                  <tr key={entry.id}>
                    <td>
                      <time dateTime={String(entry.at)}>{format.format(new Date(String(entry.at)))}</time>
                    </td>
                    <td>{entry.actor}</td>
                    <td>{t(`history.action.${entry.action}`, { defaultValue: entry.action })}</td>
                    <td>
                      {changes.length === 0 ? (
                        t("history.noChange")
                      ) : (
                        <ul className="history-changes">
                          {changes.map((c) => (
                            <li key={c.field}>
                              <span className="history-field">{fieldLabel(t, c.field)}:</span>{" "}
                              <del>{shown(t, c.field, c.before)}</del>
                              <span aria-hidden="true"> → </span>
                              <span className="visually-hidden"> {t("history.becomes")} </span>
                              <ins>{shown(t, c.field, c.after)}</ins>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {(offset > 0 || hasOlder) && (
        <nav className="history-pager" aria-label={t("history.pages")}>
          <button
            type="button"
            className="button"
            disabled={offset === 0 || loading}
            onClick={() => onOffset(Math.max(0, offset - PAGE))}
          >
            {t("history.newer")}
          </button>
          <span>{t("history.range", { from: offset + 1, to: offset + entries.length })}</span>
          <button
            type="button"
            className="button"
            disabled={!hasOlder || loading}
            onClick={() => onOffset(offset + PAGE)}
          >
            {t("history.older")}
          </button>
        </nav>
      )}
    </section>
  );
}
