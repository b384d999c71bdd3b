import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, type ReactNode, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { toast } from "sonner";
import { usePageTitle } from "../../app/page-title";
import { downloadCsv, toCsv } from "../../components/csv";
import { CancelImportJobMutation, ImportJobQuery } from "./operations";
import "./csv.css";
import { FormError } from "../../components/form/save-refusal";

type Kind = "customer-users" | "customers";

interface ImportErrorRow {
  line: number;
  column?: string | null;
  code: string;
  message: string;
}

interface DryRun {
  rows: number;
  errors: ImportErrorRow[];
  errorCount: number;
}

async function refusal(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { errors?: Array<{ message?: string }> };
    return body.errors?.[0]?.message ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

function ErrorTable({ errors, caption }: { errors: ImportErrorRow[]; caption: string }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="csv-errors">
      <button
        type="button"
        className="button"
        onClick={() =>
          downloadCsv(
            "import-errors.csv",
            toCsv(
              ["line", "column", "code", "message"],
              errors.map((e) => [String(e.line), e.column ?? "", e.code, e.message]),
            ),
          )
        }
      >
        {t("csv.errorReport")}
      </button>
      <table className="csv-error-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("csv.line")}</th>
            <th scope="col">{t("csv.column")}</th>
            <th scope="col">{t("csv.message")}</th>
          </tr>
        </thead>
        <tbody>
          {errors.slice(0, 500).map((e) => (
            <tr key={`${e.line}-${e.column ?? ""}-${e.message}`}>
              <td>{e.line}</td>
              <td>{e.column ?? "—"}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Upload a CSV file, check it (dry run), import it as a job with progress, cancel, credentials once. */
export default function ImportPage(): ReactNode {
  const { t } = useTranslation();
  usePageTitle(t("csv.title"));
  const id = useId();
  const [params, setParams] = useSearchParams();
  const kind: Kind = params.get("kind") === "customers" ? "customers" : "customer-users";
  const jobId = params.get("job");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState<DryRun | null>(null);
  const [credentialsTaken, setCredentialsTaken] = useState(false);

  const job = useQuery(ImportJobQuery, { variables: { id: jobId ?? "" }, skip: !jobId });
  const current = job.data?.importJob;
  const active = current?.state === "QUEUED" || current?.state === "RUNNING";
  const { startPolling, stopPolling } = job;
  useEffect(() => {
    if (active) startPolling(1000);
    else stopPolling();
  }, [active, startPolling, stopPolling]);
  const [cancel] = useMutation(CancelImportJobMutation);

  const setKind = (next: Kind) => {
    setDryRun(null);
    setParams({ kind: next });
  };

  const send = async (dry: boolean): Promise<Response | null> => {
    if (!file) {
      setFormError(t("csv.chooseFile"));
      return null;
    }
    setFormError(null);
    setBusy(true);
    try {
      return await fetch(`/api/import/${kind}${dry ? "?dryRun=1" : ""}`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: file,
        credentials: "same-origin",
      });
    } catch {
      setFormError(t("csv.networkError"));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const check = async (event: FormEvent) => {
    event.preventDefault();
    const response = await send(true);
    if (!response) return;
    if (!response.ok) {
      setFormError(await refusal(response));
      toast.error(t("csv.checkFailed"));
      return;
    }
    const result = (await response.json()) as DryRun;
    setDryRun(result);
    if (result.errorCount === 0) toast.success(t("csv.checkOk", { rows: result.rows }));
    else toast.warning(t("csv.checkErrors", { count: result.errorCount }));
  };

  const start = async () => {
    const response = await send(false);
    if (!response) return;
    if (!response.ok) {
      setFormError(await refusal(response));
      toast.error(t("csv.startFailed"));
      return;
    }
    const { jobId: started } = (await response.json()) as { jobId: string };
    setCredentialsTaken(false);
    setParams({ kind, job: started });
    toast.success(t("csv.started"));
  };

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("csv.title")}</h1>
      </div>
      <p className="field-hint">{t("csv.intro")}</p>
      <form onSubmit={check} noValidate aria-label={t("csv.title")}>
        <FormError message={formError} />
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t("csv.kind")}</label>
            <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="customers">{t("nav.customers")}</option>
              <option value="customer-users">{t("nav.customerUsers")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-file`}>{t("csv.file")}</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setDryRun(null);
              }}
            />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !file}>
            {t("csv.check")}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={busy || !file || active}
            onClick={start}
          >
            {t("csv.start")}
          </button>
        </div>
      </form>
      {dryRun && (
        <section className="csv-result" aria-labelledby={`${id}-dry`}>
          <h2 id={`${id}-dry`}>{t("csv.checkResult")}</h2>
          <p role="status">{t("csv.checkSummary", { rows: dryRun.rows, count: dryRun.errorCount })}</p>
          {dryRun.errors.length > 0 && <ErrorTable errors={dryRun.errors} caption={t("csv.checkResult")} />}
        </section>
      )}
      {current && (
        <section className="csv-result" aria-labelledby={`${id}-job`}>
          <h2 id={`${id}-job`}>{t("csv.job", { id: current.id })}</h2>
          <p>
            <strong>{t(`backfill.state.${current.state}`)}</strong>
          </p>
          <progress
            className="csv-progress"
            max={Math.max(current.total ?? 1, 1)}
            value={current.processed}
            aria-label={t("csv.progress")}
          />
          <p role="status">
            {t("csv.counts", {
              processed: current.processed,
              total: current.total ?? "?",
              created: current.created,
              updated: current.updated,
              errors: current.errorCount,
            })}
          </p>
          {current.state === "CANCELLED" && <p>{t("csv.cancelledAt", { line: current.lastLine })}</p>}
          <FormError message={current.error} />
          {active && (
            <button
              type="button"
              className="button"
              onClick={async () => {
                await cancel({ variables: { id: current.id } });
                await job.refetch();
                toast.success(t("csv.cancelled"));
              }}
            >
              {t("csv.cancel")}
            </button>
          )}
          {!active && current.generatedPasswords > 0 && (
            <div className="notice">
              {credentialsTaken ? (
                <p>{t("csv.credentialsTaken")}</p>
              ) : (
                <>
                  <p>{t("csv.credentialsOnce", { count: current.generatedPasswords })}</p>
                  <a
                    className="button button--primary"
                    href={`/api/import/${current.id}/credentials.csv`}
                    download
                    onClick={() => setCredentialsTaken(true)}
                  >
                    {t("csv.credentials")}
                  </a>
                </>
              )}
            </div>
          )}
          {current.errors.length > 0 && <ErrorTable errors={current.errors} caption={t("csv.jobErrors")} />}
        </section>
      )}
    </div>
  );
}
