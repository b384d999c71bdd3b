import { type ReactNode, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCanWrite } from "../../app/session";

interface Props {
  cancelTo: string;
  saving: boolean;
  disabled?: boolean;
  onSaveAndFinish: () => void;
}

/** Save (stay on the page), Save and finish (back to the list), Cancel; OTOBO's three buttons. */
export function FormActions({ cancelTo, saving, disabled, onSaveAndFinish }: Props): ReactNode {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  if (!canWrite) {
    // READ_ONLY agents read the form; there is nothing for them to save.
    return (
      <div className="form-actions">
        <p className="read-only-note">{t("form.readOnlyRole")}</p>
        <Link to={cancelTo} className="button button--link">
          {t("form.back")}
        </Link>
      </div>
    );
  }
  return (
    <div className="form-actions">
      <button type="submit" className="button button--primary" disabled={saving || disabled}>
        {t("form.save")}
      </button>
      <button type="button" className="button" disabled={saving || disabled} onClick={onSaveAndFinish}>
        {t("form.saveAndFinish")}
      </button>
      <Link to={cancelTo} className="button button--link">
        {t("form.cancel")}
      </Link>
      {saving && <span role="status">{t("form.saving")}</span>}
    </div>
  );
}

/**
 * "Save and finish" submits the form as "Save" does, then goes back to the list: `submit` marks the
 * submission, and the submit handler asks `requested()` once, which reads and clears the mark.
 */
export function useSaveAndFinish(): {
  submit: (submitForm: () => Promise<void>) => void;
  requested: () => boolean;
} {
  const finish = useRef(false);
  return {
    submit: (submitForm) => {
      finish.current = true;
      void submitForm();
    },
    requested: () => {
      const goToList = finish.current;
      finish.current = false;
      return goToList;
    },
  };
}
