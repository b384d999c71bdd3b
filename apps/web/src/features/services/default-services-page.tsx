import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../app/page-title";
import { ASSIGNED, membershipMap, SideEditor, useAssignmentSide } from "../assignments/assignment-editor";
import { useServiceRows } from "../assignments/lists";
import { DefaultServicesQuery, SetDefaultServicesMutation } from "./operations";

/** OTOBO's "Edit default services": the services every customer user gets (stored for login `<DEFAULT>`). */
export default function DefaultServicesPage(): ReactNode {
  const { t } = useTranslation();
  usePageTitle(t("defaultServices.title"));
  const side = useAssignmentSide({
    query: DefaultServicesQuery,
    variables: {},
    item: (data) => data,
    mutation: SetDefaultServicesMutation,
    saveVariables: (result) => ({ serviceIds: [...result.keys()] }),
    refetch: ["DefaultServices", "ServicesList", "PickServices"],
  });
  const saved = useMemo(() => membershipMap(side.item?.defaultServices.map((s) => s.id)), [side.item]);
  const list = useServiceRows(side.filter);
  const mode = side.item?.settings.defaultServicesMode;
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("defaultServices.title")}</h1>
      </div>
      <p className="page-intro">{t("defaultServices.intro")}</p>
      {mode && (
        <p className="notice notice--info">
          {t(`settings.mode.${mode}.effect`)} <Link to="/settings">{t("defaultServices.changeMode")}</Link>
        </p>
      )}
      <SideEditor
        side={side}
        describe={() => ({ heading: t("defaultServices.heading"), itemName: t("defaultServices.title") })}
        rowHeader={t("services.name")}
        columns={[{ id: ASSIGNED, label: t("defaultServices.column") }]}
        saved={saved}
        list={list}
        filterLabel={t("matrix.filterServices")}
        finishTo="/services"
      />
    </div>
  );
}
