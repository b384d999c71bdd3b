import { useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DynamicFieldPreviewQuery } from "./operations";
import "./tickets.css";

/** On the customer-user page: what the mapping would put into a new ticket for this user. */
export function DynamicFieldPreview({ login }: { login: string }): ReactNode {
  const { t } = useTranslation();
  const { data } = useQuery(DynamicFieldPreviewQuery, {
    variables: { login },
    fetchPolicy: "cache-and-network",
  });
  if (!data || data.dynamicFieldValues.length === 0) return null;
  return (
    <section className="ticket-section" aria-labelledby="df-preview">
      <h2 id="df-preview">{t("preview.title")}</h2>
      <p className="field-hint">
        {data.settings.dynamicFieldFromCustomerUser ? t("preview.on") : t("preview.off")}{" "}
        <Link to="/settings">{t("nav.settings")}</Link>
      </p>
      <table className="ticket-values" aria-label={t("preview.title")}>
        <thead>
          <tr>
            <th scope="col">{t("settings.dynamicFields.dynamicField")}</th>
            <th scope="col">{t("tickets.value")}</th>
          </tr>
        </thead>
        <tbody>
          {data.dynamicFieldValues.map((v) => (
            <tr key={v.name}>
              <th scope="row">{v.name}</th>
              <td>{v.value ?? <span className="muted">{t("tickets.empty")}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
