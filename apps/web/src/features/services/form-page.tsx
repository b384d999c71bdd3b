import type { ReactNode } from "react";
import { Link } from "react-router";
import { getFragmentData } from "../../gql";
import type {
  CreateServiceMutation as CreatedService,
  ServiceQuery as LoadedService,
  ServiceFieldsFragment as Service,
  UpdateServiceMutation as UpdatedService,
} from "../../gql/graphql";
import { CUSTOMER_USERS_SERVICES_PATH } from "../assignments/paths";
import { pickHref } from "../assignments/route";
import { type CatalogEntity, CatalogFormPage } from "../groups/catalog-form-page";
import { CreateServiceMutation, ServiceFields, ServiceQuery, UpdateServiceMutation } from "./operations";

const SERVICE: CatalogEntity<Service, LoadedService, CreatedService, UpdatedService> = {
  listPath: "/services",
  historyKind: "service",
  text: {
    addTitle: "services.addTitle",
    editTitle: "services.editTitle",
    formLabel: "services.formLabel",
    notFound: "services.notFound",
    created: "services.created",
    saved: "services.saved",
  },
  query: ServiceQuery,
  item: (data) => getFragmentData(ServiceFields, data.service),
  create: CreateServiceMutation,
  created: (data) => getFragmentData(ServiceFields, data.createService),
  update: UpdateServiceMutation,
  updated: (data) => getFragmentData(ServiceFields, data.updateService),
  refetchOnCreate: ["ServicesList", "PickServices"],
  related: (service, t) => (
    <>
      <Link to={pickHref(CUSTOMER_USERS_SERVICES_PATH, "service", service.id)}>
        {t("services.customerUsersOf", { name: service.name })}
      </Link>
      {service.isDefault && <span className="field-hint">{t("services.isDefaultNote")}</span>}
    </>
  ),
};

export default function ServiceFormPage(): ReactNode {
  return <CatalogFormPage entity={SERVICE} />;
}
