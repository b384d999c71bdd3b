import type { ReactNode } from "react";
import { Link } from "react-router";
import { getFragmentData } from "../../gql";
import type {
  ServiceFieldsFragment as Service,
  ServicesListQuery as ServicesListResult,
} from "../../gql/graphql";
import { CUSTOMER_USERS_SERVICES_PATH } from "../assignments/paths";
import { pickHref } from "../assignments/route";
import { type CatalogListEntity, CatalogListPage } from "../groups/catalog-list-page";
import { ServiceFields, ServicesListQuery } from "./operations";

const SERVICES: CatalogListEntity<Service, ServicesListResult> = {
  listPath: "/services",
  text: { title: "services.title", add: "services.add", count: "services.count", none: "services.none" },
  query: ServicesListQuery,
  rows: (data) => getFragmentData(ServiceFields, data.services),
  columns: (t) => [
    {
      id: "default",
      header: t("services.isDefault"),
      value: (s) => (s.isDefault ? t("common.yes") : t("common.no")),
    },
  ],
  actions: (t) => (
    <Link to="/services/defaults" className="button">
      {t("defaultServices.edit")}
    </Link>
  ),
  assign: (s, t) => (
    <Link
      to={pickHref(CUSTOMER_USERS_SERVICES_PATH, "service", s.id)}
      aria-label={t("services.customerUsersOf", { name: s.name })}
    >
      {t("nav.customerUsers")}
    </Link>
  ),
};

export default function ServicesListPage(): ReactNode {
  return <CatalogListPage entity={SERVICES} />;
}
