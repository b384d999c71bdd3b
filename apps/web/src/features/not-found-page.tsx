import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export default function NotFoundPage(): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t("errors.notFound")}</h1>
      <Link to="/">{t("errors.home")}</Link>
    </div>
  );
}
