import { useQuery } from "@apollo/client/react";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { getFragmentData } from "../../gql";
import { ServiceFields } from "../services/operations";
import { membershipMap, SideEditor, useAssignmentSide } from "./assignment-editor";
import { AssignmentScreen, customerUserSide, serviceSide } from "./assignment-screen";
import { useCustomerUserRows, useMutedLabel, userRow, useServiceRows } from "./lists";
import {
  CustomerUserServicesQuery,
  PickServicesQuery,
  ServiceCustomerUsersQuery,
  SetCustomerUserServicesMutation,
  SetServiceCustomerUsersMutation,
} from "./operations";
import { CUSTOMER_USERS_SERVICES_PATH } from "./paths";
import { directionHref } from "./route";

const PATH = CUSTOMER_USERS_SERVICES_PATH;
const SIDES = [
  customerUserSide((login) => <UserServices key={login} login={login} />),
  serviceSide((serviceId) => <ServiceUsers key={serviceId} serviceId={serviceId} />),
] as const;

/** OTOBO's "Customer Users ↔ Services": explicit service assignments, next to the default services. */
export default function CustomerUsersServicesPage(): ReactNode {
  const { t } = useTranslation();
  return (
    <AssignmentScreen
      path={PATH}
      title={t("assignments.customerUsersServices.title")}
      intro={
        <>
          {t("assignments.customerUsersServices.intro")}{" "}
          <Link to="/services/defaults">{t("defaultServices.title")}</Link>
        </>
      }
      sides={SIDES}
    />
  );
}

function DefaultServicesNote(): ReactNode {
  const { t } = useTranslation();
  const { data } = useQuery(PickServicesQuery);
  const defaults = (getFragmentData(ServiceFields, data?.services) ?? [])
    .filter((s) => s.isDefault)
    .map((s) => s.name);
  if (!data) return null;
  return (
    <p className="field-hint">
      {defaults.length > 0
        ? t("assignments.defaultServicesNote", { services: defaults.join(", ") })
        : t("assignments.noDefaultServices")}
    </p>
  );
}

function UserServices({ login }: { login: string }): ReactNode {
  const { t } = useTranslation();
  const side = useAssignmentSide({
    query: CustomerUserServicesQuery,
    variables: { login },
    item: (data) => data.customerUser,
    mutation: SetCustomerUserServicesMutation,
    saveVariables: (result) => ({ login, serviceIds: [...result.keys()] }),
  });
  const saved = useMemo(() => membershipMap(side.item?.services.map((s) => s.id)), [side.item]);
  const list = useServiceRows(side.filter);
  return (
    <SideEditor
      side={side}
      notFound={() => t("customerUsers.notFound", { login })}
      describe={() => ({
        heading: t("assignments.servicesOf", { name: login }),
        itemName: login,
        notice: <DefaultServicesNote />,
      })}
      rowHeader={t("services.name")}
      saved={saved}
      list={list}
      filterLabel={t("matrix.filterServices")}
      finishTo={PATH}
    />
  );
}

function ServiceUsers({ serviceId }: { serviceId: string }): ReactNode {
  const { t } = useTranslation();
  const muted = useMutedLabel();
  const side = useAssignmentSide({
    query: ServiceCustomerUsersQuery,
    variables: { id: serviceId },
    item: (data) => data.service,
    mutation: SetServiceCustomerUsersMutation,
    saveVariables: (result) => ({ serviceId, logins: [...result.keys()] }),
    big: true,
  });
  const service = side.item;
  const pinned = useMemo(
    () => (service?.customerUsers ?? []).map((u) => userRow(u, muted)),
    [service, muted],
  );
  const saved = useMemo(() => membershipMap(pinned.map((r) => r.id)), [pinned]);
  const list = useCustomerUserRows({ filter: side.filter, pinned, skip: !service });
  return (
    <SideEditor
      side={side}
      notFound={() => t("services.notFound")}
      describe={(service) => ({
        heading: t("assignments.customerUsersOfService", { name: service.name }),
        itemName: service.name,
      })}
      rowHeader={t("attribute.UserLogin")}
      saved={saved}
      list={list}
      filterLabel={t("matrix.filterCustomerUsers")}
      finishTo={directionHref(PATH, "service")}
    />
  );
}
