import { useMutation, useQuery } from "@apollo/client/react";
import { type ReactNode, useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ASSIGNED,
  AssignmentEditor,
  BIG_SIDE_FETCH_POLICY,
  membershipMap,
  PickedItem,
  refetchAfterSave,
} from "./assignment-editor";
import { AssignmentScreen, customerSide, customerUserSide } from "./assignment-screen";
import { customerRow, type Row, useCustomerRows, useCustomerUserRows, useMutedLabel, userRow } from "./lists";
import {
  CustomerCustomerUsersQuery,
  CustomerUserCustomersQuery,
  SetCustomerCustomerUsersMutation,
  SetCustomerUserCustomersMutation,
} from "./operations";
import { CUSTOMER_USERS_CUSTOMERS_PATH } from "./paths";
import { directionHref } from "./route";

const PATH = CUSTOMER_USERS_CUSTOMERS_PATH;
const SIDES = [
  customerUserSide((login) => <UserCustomers key={login} login={login} />),
  customerSide((customerId) => <CustomerUsers key={customerId} customerId={customerId} />),
] as const;

/** OTOBO's "Customer Users ↔ Customers": the extra customers a customer user may act for. */
export default function CustomerUsersCustomersPage(): ReactNode {
  const { t } = useTranslation();
  return (
    <AssignmentScreen
      path={PATH}
      title={t("assignments.customerUsersCustomers.title")}
      intro={t("assignments.customerUsersCustomers.intro")}
      sides={SIDES}
    />
  );
}

function UserCustomers({ login }: { login: string }): ReactNode {
  const { t } = useTranslation();
  const muted = useMutedLabel();
  const [filter, setFilter] = useState("");
  const { data, error } = useQuery(CustomerUserCustomersQuery, {
    variables: { login },
    fetchPolicy: "cache-and-network",
  });
  const [save] = useMutation(SetCustomerUserCustomersMutation, { refetchQueries: ["EffectivePermissions"] });
  const user = data?.customerUser;
  const primary = user?.customerId;
  const saved = useMemo(() => membershipMap(user?.customers.map((c) => c.customerId)), [user]);
  const pinned = useMemo(() => (user?.customers ?? []).map((c) => customerRow(c, muted)), [user, muted]);
  // The primary customer is the user's own; it is never offered as an extra one.
  const exclude = useCallback((row: Row) => row.id === primary, [primary]);
  const list = useCustomerRows({ filter, pinned, exclude, skip: !user });
  return (
    <PickedItem error={error} data={data} item={user} notFound={() => t("customerUsers.notFound", { login })}>
      {() => (
        <AssignmentEditor
          heading={t("assignments.customersOf", { name: login })}
          itemName={login}
          rowHeader={t("customer.customerId")}
          columns={[{ id: ASSIGNED, label: t("assignments.assigned") }]}
          saved={saved}
          list={list}
          filter={filter}
          onFilterChange={setFilter}
          filterLabel={t("matrix.filterCustomers")}
          notice={
            <p className="field-hint">{t("assignments.primaryCustomerNote", { customerId: primary })}</p>
          }
          onSave={(result) => save({ variables: { login, customerIds: [...result.keys()] } })}
          finishTo={PATH}
        />
      )}
    </PickedItem>
  );
}

function CustomerUsers({ customerId }: { customerId: string }): ReactNode {
  const { t } = useTranslation();
  const muted = useMutedLabel();
  const [filter, setFilter] = useState("");
  const { data, error } = useQuery(CustomerCustomerUsersQuery, {
    variables: { customerId },
    fetchPolicy: BIG_SIDE_FETCH_POLICY,
  });
  const [save] = useMutation(SetCustomerCustomerUsersMutation, refetchAfterSave("CustomerCustomerUsers"));
  const customer = data?.customer;
  // customerUsers lists primary and assigned users; only the assigned ones are this screen's business.
  const assigned = useMemo(
    () => (customer?.customerUsers ?? []).filter((u) => u.customerId !== customerId),
    [customer, customerId],
  );
  const primaryLogins = useMemo(
    () =>
      new Set((customer?.customerUsers ?? []).filter((u) => u.customerId === customerId).map((u) => u.login)),
    [customer, customerId],
  );
  const saved = useMemo(() => membershipMap(assigned.map((u) => u.login)), [assigned]);
  const pinned = useMemo(() => assigned.map((u) => userRow(u, muted)), [assigned, muted]);
  // Users whose primary customer this is belong to it anyway; they are not offered.
  const exclude = useCallback((row: Row) => primaryLogins.has(row.id), [primaryLogins]);
  const list = useCustomerUserRows({ filter, pinned, exclude, skip: !customer });
  return (
    <PickedItem
      error={error}
      data={data}
      item={customer}
      notFound={() => t("customers.notFound", { customerId })}
    >
      {(customer) => (
        <AssignmentEditor
          heading={t("assignments.customerUsersOf", { name: `${customerId} (${customer.name})` })}
          itemName={customerId}
          rowHeader={t("attribute.UserLogin")}
          columns={[{ id: ASSIGNED, label: t("assignments.assigned") }]}
          saved={saved}
          list={list}
          filter={filter}
          onFilterChange={setFilter}
          filterLabel={t("matrix.filterCustomerUsers")}
          notice={
            primaryLogins.size > 0 ? (
              <p className="field-hint">{t("assignments.primaryUsersNote", { count: primaryLogins.size })}</p>
            ) : null
          }
          onSave={(result) => save({ variables: { customerId, logins: [...result.keys()] } })}
          finishTo={directionHref(PATH, "customer")}
        />
      )}
    </PickedItem>
  );
}
