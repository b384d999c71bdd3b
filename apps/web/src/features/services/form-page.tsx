import { useMutation, useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { errorMessage } from "../../app/errors";
import { usePageTitle } from "../../app/page-title";
import { CUSTOMER_USERS_SERVICES_PATH } from "../assignments/paths";
import { pickHref } from "../assignments/route";
import "../groups/catalog.css";
import { CatalogForm, catalogValues, toCatalogInput } from "../groups/catalog-form";
import { CreateServiceMutation, ServiceQuery, UpdateServiceMutation } from "./operations";

const LIST = "/services";

export default function ServiceFormPage(): ReactNode {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const { data, error } = useQuery(ServiceQuery, { variables: { id: id ?? "" }, skip: !id });
  const [create] = useMutation(CreateServiceMutation, { refetchQueries: ["ServicesList", "PickServices"] });
  const [update] = useMutation(UpdateServiceMutation);
  const service = data?.service;
  const title = id ? t("services.editTitle", { name: service?.name ?? id }) : t("services.addTitle");
  usePageTitle(title);

  let body: ReactNode;
  if (error) {
    body = (
      <div className="notice notice--error" role="alert">
        {errorMessage(error)}
      </div>
    );
  } else if (id && !data) {
    body = <p role="status">{t("common.loading")}</p>;
  } else if (id && !service) {
    body = (
      <div className="notice notice--error" role="alert">
        {t("services.notFound")} <Link to={LIST}>{t("customers.backToList")}</Link>
      </div>
    );
  } else {
    body = (
      <>
        <CatalogForm
          key={service?.id ?? "new"}
          formLabel={t("services.formLabel")}
          initial={catalogValues(service ?? undefined)}
          listPath={LIST}
          onSave={async (values, finish) => {
            const input = toCatalogInput(values);
            if (!service) {
              const result = await create({ variables: { input } });
              const created = result.data?.createService;
              if (!created) return null;
              navigate(finish ? LIST : `${LIST}/${encodeURIComponent(created.id)}`);
              return t("services.created", { name: created.name });
            }
            const result = await update({ variables: { id: service.id, input } });
            if (finish) navigate(LIST);
            return t("services.saved", { name: result.data?.updateService.name ?? values.name });
          }}
        />
        {service && (
          <nav className="related-links" aria-label={t("groups.assignments")}>
            <Link to={pickHref(CUSTOMER_USERS_SERVICES_PATH, "service", service.id)}>
              {t("services.customerUsersOf", { name: service.name })}
            </Link>
            {service.isDefault && <span className="field-hint">{t("services.isDefaultNote")}</span>}
          </nav>
        )}
      </>
    );
  }
  return (
    <div className="page">
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      {body}
    </div>
  );
}
