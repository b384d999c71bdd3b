import { useApolloClient, useMutation } from "@apollo/client/react";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { toast } from "sonner";
import { errorMessage } from "../../app/errors";
import { useCanWrite } from "../../app/session";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { downloadFile } from "../../components/download";
import { FormError } from "../../components/form/save-refusal";
import { AnonymiseCustomerUserMutation, ExportCustomerUserDataQuery } from "./operations";

/**
 * A customer user's data-protection requests (docs/ui.md): the export of everything held about the
 * person as JSON, and irreversible anonymisation after typing the login. ADMIN agents only; users of
 * a read-only backend (LDAP) are anonymised in the directory, so the button says why it is disabled.
 */
export function DataProtectionSection({
  login,
  readOnly,
  sourceName,
}: {
  login: string;
  readOnly: boolean;
  sourceName: string;
}): ReactNode {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [exporting, setExporting] = useState(false);
  const [asking, setAsking] = useState(false);
  const reasonId = useId();
  if (!canWrite) return null;

  const onExport = async (): Promise<void> => {
    setExporting(true);
    try {
      const { data } = await client.query({
        query: ExportCustomerUserDataQuery,
        variables: { login },
        fetchPolicy: "no-cache",
      });
      downloadFile(
        `customer-user-${login}.json`,
        [JSON.stringify(data?.exportCustomerUserData, null, 2)],
        "application/json",
      );
      toast.success(t("dataProtection.exported", { login }));
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="data-protection" aria-labelledby="data-protection-title">
      <h2 id="data-protection-title">{t("dataProtection.title")}</h2>
      <p>{t("dataProtection.hint")}</p>
      <div className="form-actions">
        <button type="button" className="button" disabled={exporting} onClick={onExport}>
          {t("dataProtection.export")}
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={readOnly}
          aria-describedby={readOnly ? reasonId : undefined}
          onClick={() => setAsking(true)}
        >
          {t("dataProtection.anonymise")}
        </button>
      </div>
      {readOnly && (
        <p id={reasonId} className="field-hint">
          {t("dataProtection.readOnly", { source: sourceName })}
        </p>
      )}
      <AnonymiseDialog
        open={asking}
        login={login}
        onCancel={() => setAsking(false)}
        onDone={(newLogin) => {
          setAsking(false);
          toast.success(t("dataProtection.anonymised", { login: newLogin }));
          navigate(`/customer-users/${encodeURIComponent(newLogin)}`, { replace: true });
        }}
      />
    </section>
  );
}

function AnonymiseDialog({
  open,
  login,
  onCancel,
  onDone,
}: {
  open: boolean;
  login: string;
  onCancel: () => void;
  onDone: (newLogin: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [anonymise, { loading }] = useMutation(AnonymiseCustomerUserMutation);
  const close = () => {
    setTyped("");
    setError(null);
    onCancel();
  };
  const onConfirm = async (): Promise<void> => {
    setError(null);
    try {
      const { data } = await anonymise({ variables: { login } });
      const newLogin = data?.anonymiseCustomerUser.login;
      if (!newLogin) return;
      setTyped("");
      onDone(newLogin);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <ConfirmDialog
      open={open}
      title={t("dataProtection.confirmTitle", { login })}
      confirmLabel={t("dataProtection.confirm")}
      cancelLabel={t("dataProtection.cancel")}
      busy={loading}
      confirmDisabled={typed !== login}
      danger
      onConfirm={onConfirm}
      onCancel={close}
      controls={
        <>
          <FormError message={error} />
          <div className="field">
            <label htmlFor={inputId}>{t("dataProtection.typeLogin", { login })}</label>
            <input
              id={inputId}
              value={typed}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setTyped(e.target.value)}
            />
          </div>
        </>
      }
    >
      <p>{t("dataProtection.confirmText")}</p>
    </ConfirmDialog>
  );
}
