import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

interface Props {
  cancelTo: string;
  saving: boolean;
  disabled?: boolean;
  onSaveAndFinish: () => void;
}

/** Save (stay on the page), Save and finish (back to the list), Cancel; OTOBO's three buttons. */
export function FormActions({ cancelTo, saving, disabled, onSaveAndFinish }: Props): ReactNode {
  const { t } = useTranslation();
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
