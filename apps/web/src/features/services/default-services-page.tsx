import { useMutation, useQuery } from "@apollo/client/react";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../app/page-title";
import { ASSIGNED, AssignmentEditor, LoadError, membershipMap } from "../assignments/assignment-editor";
import { useServiceRows } from "../assignments/lists";
import { DefaultServicesQuery, SetDefaultServicesMutation } from "./operations";

/** OTOBO's "Edit default services": the services every customer user gets (stored for login `<DEFAULT>`). */
export default function DefaultServicesPage(): ReactNode {
  const { t } = useTranslation();
  usePageTitle(t("defaultServices.title"));
  const [filter, setFilter] = useState("");
  const { data, error } = useQuery(DefaultServicesQuery, { fetchPolicy: "cache-and-network" });
  const [save] = useMutation(SetDefaultServicesMutation, {
    refetchQueries: ["DefaultServices", "ServicesList", "PickServices", "EffectivePermissions"],
  });
  const saved = useMemo(() => membershipMap(data?.defaultServices.map((s) => s.id)), [data]);
  const list = useServiceRows(filter);
  const mode = data?.settings.defaultServicesMode;
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
      {error ? (
        <LoadError error={error} />
      ) : !data ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <AssignmentEditor
          heading={t("defaultServices.heading")}
          itemName={t("defaultServices.title")}
          rowHeader={t("services.name")}
          columns={[{ id: ASSIGNED, label: t("defaultServices.column") }]}
          saved={saved}
          list={list}
          filter={filter}
          onFilterChange={setFilter}
          filterLabel={t("matrix.filterServices")}
          onSave={(result) => save({ variables: { serviceIds: [...result.keys()] } })}
          finishTo="/services"
        />
      )}
    </div>
  );
}
