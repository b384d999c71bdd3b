import { type ReactNode, useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { getFragmentData } from "../../gql";
import { membershipMap, SideEditor, useAssignmentSide } from "./assignment-editor";
import { AssignmentScreen, customerSide, customerUserSide } from "./assignment-screen";
import {
  AssignmentUserFields,
  customerRow,
  type Row,
  useCustomerRows,
  useCustomerUserRows,
  useMutedLabel,
  userRow,
} from "./lists";
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
  const side = useAssignmentSide({
    query: CustomerUserCustomersQuery,
    variables: { login },
    item: (data) => data.customerUser,
    mutation: SetCustomerUserCustomersMutation,
    saveVariables: (result) => ({ login, customerIds: [...result.keys()] }),
  });
  const user = side.item;
  const primary = user?.customerId;
  const pinned = useMemo(() => (user?.customers ?? []).map((c) => customerRow(c, muted)), [user, muted]);
  const saved = useMemo(() => membershipMap(pinned.map((r) => r.id)), [pinned]);
  // The primary customer is the user's own; it is never offered as an extra one.
  const exclude = useCallback((row: Row) => row.id === primary, [primary]);
  const list = useCustomerRows({ filter: side.filter, pinned, exclude, skip: !user });
  return (
    <SideEditor
      side={side}
      notFound={() => t("customerUsers.notFound", { login })}
      describe={() => ({
        heading: t("assignments.customersOf", { name: login }),
        itemName: login,
        notice: <p className="field-hint">{t("assignments.primaryCustomerNote", { customerId: primary })}</p>,
      })}
      rowHeader={t("customer.customerId")}
      saved={saved}
      list={list}
      filterLabel={t("matrix.filterCustomers")}
      finishTo={PATH}
    />
  );
}

function CustomerUsers({ customerId }: { customerId: string }): ReactNode {
  const { t } = useTranslation();
  const muted = useMutedLabel();
  const side = useAssignmentSide({
    query: CustomerCustomerUsersQuery,
    variables: { customerId },
    item: (data) => data.customer,
    mutation: SetCustomerCustomerUsersMutation,
    saveVariables: (result) => ({ customerId, logins: [...result.keys()] }),
    big: true,
  });
  const customer = side.item;
  // customerUsers lists primary and assigned users; only the assigned ones are this screen's business.
  const primaryLogins = useMemo(
    () =>
      new Set(
        getFragmentData(AssignmentUserFields, customer?.customerUsers ?? [])
          .filter((u) => u.customerId === customerId)
          .map((u) => u.login),
      ),
    [customer, customerId],
  );
  const assigned = useMemo(
    () =>
      (customer?.customerUsers ?? []).map((u) => userRow(u, muted)).filter((r) => !primaryLogins.has(r.id)),
    [customer, muted, primaryLogins],
  );
  const saved = useMemo(() => membershipMap(assigned.map((r) => r.id)), [assigned]);
  // Users whose primary customer this is belong to it anyway; they are not offered.
  const exclude = useCallback((row: Row) => primaryLogins.has(row.id), [primaryLogins]);
  const list = useCustomerUserRows({ filter: side.filter, pinned: assigned, exclude, skip: !customer });
  return (
    <SideEditor
      side={side}
      notFound={() => t("customers.notFound", { customerId })}
      describe={(customer) => ({
        heading: t("assignments.customerUsersOf", { name: `${customerId} (${customer.name})` }),
        itemName: customerId,
        notice:
          primaryLogins.size > 0 ? (
            <p className="field-hint">{t("assignments.primaryUsersNote", { count: primaryLogins.size })}</p>
          ) : null,
      })}
      rowHeader={t("attribute.UserLogin")}
      saved={saved}
      list={list}
      filterLabel={t("matrix.filterCustomerUsers")}
      finishTo={directionHref(PATH, "customer")}
    />
  );
}
