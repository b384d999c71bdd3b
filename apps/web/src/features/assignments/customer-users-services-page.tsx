import { useMutation, useQuery } from "@apollo/client/react";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  ASSIGNED,
  AssignmentEditor,
  BIG_SIDE_FETCH_POLICY,
  membershipMap,
  PickedItem,
  refetchAfterSave,
} from "./assignment-editor";
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
  const defaults = (data?.services ?? []).filter((s) => s.isDefault).map((s) => s.name);
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
  const [filter, setFilter] = useState("");
  const { data, error } = useQuery(CustomerUserServicesQuery, {
    variables: { login },
    fetchPolicy: "cache-and-network",
  });
  const [save] = useMutation(SetCustomerUserServicesMutation, { refetchQueries: ["EffectivePermissions"] });
  const user = data?.customerUser;
  const saved = useMemo(() => membershipMap(user?.services.map((s) => s.id)), [user]);
  const list = useServiceRows(filter);
  return (
    <PickedItem error={error} data={data} item={user} notFound={() => t("customerUsers.notFound", { login })}>
      {() => (
        <AssignmentEditor
          heading={t("assignments.servicesOf", { name: login })}
          itemName={login}
          rowHeader={t("services.name")}
          columns={[{ id: ASSIGNED, label: t("assignments.assigned") }]}
          saved={saved}
          list={list}
          filter={filter}
          onFilterChange={setFilter}
          filterLabel={t("matrix.filterServices")}
          notice={<DefaultServicesNote />}
          onSave={(result) => save({ variables: { login, serviceIds: [...result.keys()] } })}
          finishTo={PATH}
        />
      )}
    </PickedItem>
  );
}

function ServiceUsers({ serviceId }: { serviceId: string }): ReactNode {
  const { t } = useTranslation();
  const muted = useMutedLabel();
  const [filter, setFilter] = useState("");
  const { data, error } = useQuery(ServiceCustomerUsersQuery, {
    variables: { id: serviceId },
    fetchPolicy: BIG_SIDE_FETCH_POLICY,
  });
  const [save] = useMutation(SetServiceCustomerUsersMutation, refetchAfterSave("ServiceCustomerUsers"));
  const service = data?.service;
  const saved = useMemo(() => membershipMap(service?.customerUsers.map((u) => u.login)), [service]);
  const pinned = useMemo(
    () => (service?.customerUsers ?? []).map((u) => userRow(u, muted)),
    [service, muted],
  );
  const list = useCustomerUserRows({ filter, pinned, skip: !service });
  return (
    <PickedItem error={error} data={data} item={service} notFound={() => t("services.notFound")}>
      {(service) => (
        <AssignmentEditor
          heading={t("assignments.customerUsersOfService", { name: service.name })}
          itemName={service.name}
          rowHeader={t("attribute.UserLogin")}
          columns={[{ id: ASSIGNED, label: t("assignments.assigned") }]}
          saved={saved}
          list={list}
          filter={filter}
          onFilterChange={setFilter}
          filterLabel={t("matrix.filterCustomerUsers")}
          onSave={(result) => save({ variables: { serviceId, logins: [...result.keys()] } })}
          finishTo={directionHref(PATH, "service")}
        />
      )}
    </PickedItem>
  );
}
