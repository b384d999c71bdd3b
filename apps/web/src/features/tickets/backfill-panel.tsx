import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, type ReactNode, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { errorMessage } from "../../app/errors";
import { useCanWrite } from "../../app/session";
import { getFragmentData, graphql } from "../../gql";
import type { BackfillScopeKind } from "../../gql/graphql";
import {
  BackfillJobsQuery,
  CancelBackfillMutation,
  ResumeBackfillMutation,
  StartBackfillMutation,
} from "./operations";
import "./tickets.css";
import { FormError } from "../../components/form/save-refusal";

/** Applies the mapping to existing tickets as a job, with a progress bar; the job survives a reload. */
/** A backfill job as the panel shows it; the job list and the start's answer both spread it. */
export const BackfillJobFields = graphql(`
  fragment BackfillJobFields on BackfillJob {
    id
    state
    total
    processed
    updated
    skipped
    error
    scope {
      kind
      value
      openOnly
    }
  }
`);

export function BackfillPanel({ mappingActive }: { mappingActive: boolean }): ReactNode {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const id = useId();
  const [kind, setKind] = useState<BackfillScopeKind>("ALL");
  const [value, setValue] = useState("");
  const [openOnly, setOpenOnly] = useState(true);
  const [formError, setFormError] = useState<string | null>(null);
  const jobs = useQuery(BackfillJobsQuery, { fetchPolicy: "cache-and-network" });
  const job = getFragmentData(BackfillJobFields, jobs.data?.dynamicFieldBackfillJobs[0]);
  const active = job?.state === "QUEUED" || job?.state === "RUNNING";
  const { startPolling, stopPolling } = jobs;
  // Poll while a job runs; stop when it ends.
  useEffect(() => {
    if (active) startPolling(1000);
    else stopPolling();
  }, [active, startPolling, stopPolling]);
  const [start, starting] = useMutation(StartBackfillMutation, { refetchQueries: ["BackfillJobs"] });
  const [cancel] = useMutation(CancelBackfillMutation, { refetchQueries: ["BackfillJobs"] });
  const [resume] = useMutation(ResumeBackfillMutation, { refetchQueries: ["BackfillJobs"] });
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setFormError(null);
    try {
      await start({ variables: { scope: { kind, value: kind === "ALL" ? null : value, openOnly } } });
      toast.success(t("backfill.started"));
    } catch (error) {
      setFormError(errorMessage(error));
      toast.error(t("backfill.startFailed"));
    }
  };
  return (
    <section className="settings-section ticket-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("backfill.title")}</h2>
      <p className="field-hint">{t("backfill.intro")}</p>
      {!mappingActive && <p className="notice">{t("backfill.mappingOff")}</p>}
      {canWrite && (
        <form onSubmit={submit} noValidate aria-label={t("backfill.title")}>
          <FormError message={formError} />
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-kind`}>{t("backfill.scope")}</label>
              <select
                id={`${id}-kind`}
                value={kind}
                onChange={(e) => setKind(e.target.value as BackfillScopeKind)}
              >
                <option value="ALL">{t("backfill.scopeAll")}</option>
                <option value="CUSTOMER_USER">{t("backfill.scopeCustomerUser")}</option>
                <option value="CUSTOMER">{t("backfill.scopeCustomer")}</option>
              </select>
            </div>
            {kind !== "ALL" && (
              <div className="field">
                <label htmlFor={`${id}-value`}>
                  {kind === "CUSTOMER" ? t("customer.customerId") : t("tickets.customerUser")}
                </label>
                <input id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)} />
              </div>
            )}
            <label className="switch">
              <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
              <span>{t("backfill.openOnly")}</span>
            </label>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={starting.loading || active}>
              {t("backfill.start")}
            </button>
          </div>
        </form>
      )}
      {job && (
        <div className="backfill-job" aria-live="polite">
          <p>
            {t("backfill.job", { id: job.id })}: <strong>{t(`backfill.state.${job.state}`)}</strong>
          </p>
          <progress
            className="backfill-progress"
            max={Math.max(job.total, 1)}
            value={job.processed}
            aria-label={t("backfill.progress")}
          />
          <p role="status">
            {t("backfill.counts", {
              processed: job.processed,
              total: job.total,
              updated: job.updated,
              skipped: job.skipped,
            })}
          </p>
          <FormError message={job.error} />
          {canWrite && active && (
            <button type="button" className="button" onClick={() => cancel({ variables: { id: job.id } })}>
              {t("backfill.cancel")}
            </button>
          )}
          {canWrite && (job.state === "CANCELLED" || job.state === "FAILED") && (
            <button type="button" className="button" onClick={() => resume({ variables: { id: job.id } })}>
              {t("backfill.resume")}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
