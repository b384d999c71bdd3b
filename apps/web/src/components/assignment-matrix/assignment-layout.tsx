import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../app/page-title";

export interface Direction {
  /** The URL of this direction, e.g. `?by=group`. */
  to: string;
  label: string;
  active: boolean;
}

interface LayoutProps {
  title: string;
  /** The picked item, named in the browser tab next to the screen. */
  picked?: string | null;
  intro?: ReactNode;
  directions?: readonly Direction[];
  picker: ReactNode;
  children: ReactNode;
}

/** An assignment screen: title, the two directions, the picker on the left and the matrix on the right. */
export function AssignmentLayout({
  title,
  picked,
  intro,
  directions,
  picker,
  children,
}: LayoutProps): ReactNode {
  const { t } = useTranslation();
  usePageTitle(picked ? `${picked} · ${title}` : title);
  return (
    <div className="page page--wide">
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      {intro && <p className="page-intro">{intro}</p>}
      {directions && (
        <nav className="direction-switch" aria-label={t("matrix.direction")}>
          {directions.map((d) => (
            // Both directions share one path, so the current one is marked by hand (NavLink ignores the query).
            <Link key={d.to} to={d.to} aria-current={d.active ? "page" : undefined}>
              {d.label}
            </Link>
          ))}
        </nav>
      )}
      <div className="assignment-layout">
        <aside className="assignment-picker">{picker}</aside>
        <div className="assignment-detail">{children}</div>
      </div>
    </div>
  );
}

interface ActionsProps {
  dirty: boolean;
  saving: boolean;
  /** The list is still arriving: nothing may be saved from a half-shown set. */
  loading?: boolean;
  onSave: () => void;
  onSaveAndFinish: () => void;
  onDiscard: () => void;
}

/** Save (stay), Save and finish (leave the item), and the unsaved-changes flag. */
export function MatrixActions({
  dirty,
  saving,
  loading = false,
  onSave,
  onSaveAndFinish,
  onDiscard,
}: ActionsProps): ReactNode {
  const { t } = useTranslation();
  // "Save" has nothing to do while nothing changed; "Save and finish" then simply leaves.
  return (
    <div className="form-actions matrix-actions">
      <button
        type="button"
        className="button button--primary"
        disabled={saving || loading || !dirty}
        onClick={onSave}
      >
        {t("form.save")}
      </button>
      <button type="button" className="button" disabled={saving || loading} onClick={onSaveAndFinish}>
        {t("form.saveAndFinish")}
      </button>
      <button type="button" className="button button--link" disabled={saving || !dirty} onClick={onDiscard}>
        {t("matrix.discard")}
      </button>
      {saving ? (
        <span role="status">{t("form.saving")}</span>
      ) : loading ? (
        <span role="status">{t("matrix.stillLoading")}</span>
      ) : (
        <span role="status" className={dirty ? "unsaved-flag" : "saved-flag"}>
          {dirty ? t("matrix.unsaved") : t("matrix.noChanges")}
        </span>
      )}
    </div>
  );
}
