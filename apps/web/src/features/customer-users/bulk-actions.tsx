import { useMutation } from "@apollo/client/react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { errorMessage } from "../../app/errors";
import { useCanWrite } from "../../app/session";
import { ConfirmDialog } from "../../components/confirm-dialog";
import type { ValidState } from "../../gql/graphql";
import { SetCustomerUsersValidMutation } from "./operations";

interface Props {
  /** The ticked rows' logins. */
  selected: readonly string[];
  onClear: () => void;
  onExport: () => void;
}

/**
 * What can be done with the ticked rows: set them valid or invalid (one transaction on the server,
 * after a confirmation that says how many records change), export them, or clear the selection.
 */
export function CustomerUserBulkActions({ selected, onClear, onExport }: Props): ReactNode {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const [asked, setAsked] = useState<ValidState | null>(null);
  const [setValid, { loading }] = useMutation(SetCustomerUsersValidMutation, {
    refetchQueries: ["CustomerUsers"],
    awaitRefetchQueries: true,
  });
  if (selected.length === 0) return null;
  const count = selected.length;
  const run = async (): Promise<void> => {
    if (!asked) return;
    try {
      const result = await setValid({ variables: { logins: [...selected], valid: asked } });
      const changed = result.data?.setCustomerUsersValid.changed ?? 0;
      toast.success(t("bulk.done", { count: changed, unchanged: count - changed }));
      onClear();
    } catch (error) {
      toast.error(t("bulk.failed", { message: errorMessage(error) }));
    } finally {
      setAsked(null);
    }
  };
  const stateLabel = (v: ValidState) => t(`valid.${v}`);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of actions, not a form group
    <div className="bulk-bar" role="group" aria-label={t("bulk.label")}>
      <span role="status">{t("bulk.selected", { count })}</span>
      {canWrite && (
        <>
          <button type="button" className="button" onClick={() => setAsked("VALID")}>
            {t("bulk.setValid")}
          </button>
          <button type="button" className="button" onClick={() => setAsked("INVALID")}>
            {t("bulk.setInvalid")}
          </button>
        </>
      )}
      <button type="button" className="button" onClick={onExport}>
        {t("bulk.exportSelected")}
      </button>
      <button type="button" className="button button--link" onClick={onClear}>
        {t("bulk.clear")}
      </button>
      <ConfirmDialog
        open={asked !== null}
        title={t("bulk.confirmTitle", { count, state: asked ? stateLabel(asked) : "" })}
        confirmLabel={t("bulk.confirm", { count })}
        cancelLabel={t("form.cancel")}
        busy={loading}
        onConfirm={() => void run()}
        onCancel={() => setAsked(null)}
      >
        <p>{t("bulk.confirmText", { count, state: asked ? stateLabel(asked) : "" })}</p>
        {loading && (
          <p role="status" className="bulk-progress">
            <progress aria-label={t("bulk.working", { count })} /> {t("bulk.working", { count })}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
