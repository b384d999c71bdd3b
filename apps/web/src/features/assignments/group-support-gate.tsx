import { useMutation, useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { toast } from "sonner";
import { errorMessage } from "../../app/errors";
import { usePageTitle } from "../../app/page-title";
import { ErrorNotice } from "../../components/error-notice";
import { EnableGroupSupportMutation, GroupSupportQuery } from "./operations";

/** Queries that show something depending on customer group support; refreshed when it is switched on. */
export const GROUP_SUPPORT_DEPENDENT = ["GroupSupport", "SettingsPage", "EffectivePermissions"];

/**
 * The group screens only mean something with customer group support on (OTOBO's CustomerGroupSupport).
 * While it is off every valid customer user is in every valid group, so instead of a matrix that has no
 * effect the screen says so and offers to switch it on.
 */
export function GroupSupportGate({ title, children }: { title: string; children: ReactNode }): ReactNode {
  const { t } = useTranslation();
  const { data, error } = useQuery(GroupSupportQuery, { fetchPolicy: "cache-and-network" });
  const [enable, { loading }] = useMutation(EnableGroupSupportMutation, {
    refetchQueries: GROUP_SUPPORT_DEPENDENT,
    awaitRefetchQueries: true,
  });
  if (error) {
    return (
      <div className="page">
        <h1>{title}</h1>
        <ErrorNotice error={error} />
      </div>
    );
  }
  if (!data) {
    return (
      <div className="page">
        <h1>{title}</h1>
        <p role="status">{t("common.loading")}</p>
      </div>
    );
  }
  if (data.settings.customerGroupSupport) return children;
  const turnOn = async (): Promise<void> => {
    try {
      await enable();
      toast.success(t("groupSupport.enabled"));
    } catch (e) {
      toast.error(t("groupSupport.enableFailed", { message: errorMessage(e) }));
    }
  };
  return (
    <div className="page">
      <PageTitle title={title} />
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      <section className="feature-disabled" aria-labelledby="feature-disabled-title">
        <h2 id="feature-disabled-title">{t("groupSupport.disabledTitle")}</h2>
        <p>{t("groupSupport.disabledText")}</p>
        <p>{t("groupSupport.enableEffect")}</p>
        <div className="form-actions">
          <button type="button" className="button button--primary" onClick={turnOn} disabled={loading}>
            {t("groupSupport.enable")}
          </button>
          <Link to="/settings">{t("groupSupport.toSettings")}</Link>
          {loading && <span role="status">{t("form.saving")}</span>}
        </div>
      </section>
    </div>
  );
}

/** Names the tab only while the gate shows its own page; the matrix screen names it otherwise. */
function PageTitle({ title }: { title: string }): null {
  usePageTitle(title);
  return null;
}
