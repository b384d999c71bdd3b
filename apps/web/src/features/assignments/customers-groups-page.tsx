import { useQuery } from "@apollo/client/react";
import { type ReactNode, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MatrixColumn } from "../../components/assignment-matrix/assignment-matrix";
import { getFragmentData, graphql } from "../../gql";
import type { PermissionContext } from "../../gql/graphql";
import { grantMap, SideEditor, useAssignmentSide } from "./assignment-editor";
import { AssignmentScreen, customerSide, groupSide } from "./assignment-screen";
import { isPermission, permissionColumns } from "./columns";
import { InvalidGroupNote } from "./customer-users-groups-page";
import { GroupSupportGate } from "./group-support-gate";
import { AssignmentCustomerFields, customerRow, useCustomerRows, useGroupRows, useMutedLabel } from "./lists";
import {
  CustomerGroupsQuery,
  GroupCustomersQuery,
  GroupSupportQuery,
  SetCustomerGroupsMutation,
  SetGroupCustomersMutation,
} from "./operations";
import { CUSTOMERS_GROUPS_PATH } from "./paths";
import { directionHref } from "./route";

/** A customer's grant as the matrix ticks it; the query and the save's answer both spread it. */
export const CustomerGroupGrantFields = graphql(`
  fragment CustomerGroupGrantFields on GroupGrant {
    group {
      id
    }
    permissions
    context
  }
`);

const PATH = CUSTOMERS_GROUPS_PATH;
const SIDES = [
  customerSide((customerId) => <CustomerGroups key={customerId} customerId={customerId} />),
  groupSide((groupId) => <GroupCustomers key={groupId} groupId={groupId} />),
] as const;

const CONTEXTS: PermissionContext[] = ["SAME_CUSTOMER", "OTHER_CUSTOMERS"];
const SEP = ":";

/** Column ids carry the context: `SAME_CUSTOMER:RO`, `OTHER_CUSTOMERS:RW`. */
function ticksOf(grant: { permissions: readonly string[]; context?: PermissionContext | null }): string[] {
  const context = grant.context ?? "SAME_CUSTOMER";
  return grant.permissions.map((p) => `${context}${SEP}${p}`);
}

/** One grant input per context that has a tick. */
function grantsOf(
  ticks: ReadonlySet<string>,
): { context: PermissionContext; permissions: ("RO" | "RW")[] }[] {
  return CONTEXTS.flatMap((context) => {
    const permissions = [...ticks]
      .filter((tick) => tick.startsWith(`${context}${SEP}`))
      .map((tick) => tick.slice(context.length + 1))
      .filter(isPermission);
    return permissions.length > 0 ? [{ context, permissions }] : [];
  });
}

/**
 * OTOBO's "Customers ↔ Groups": grants a customer (company) gives to all its customer users. The usual
 * context is "same customer"; "other customers" (OTOBO's Ticket::CustomerID::Other) is an option.
 */
export default function CustomersGroupsPage(): ReactNode {
  const { t } = useTranslation();
  const title = t("assignments.customersGroups.title");
  return (
    <GroupSupportGate title={title}>
      <AssignmentScreen
        path={PATH}
        title={title}
        intro={t("assignments.customersGroups.intro")}
        sides={SIDES}
      />
    </GroupSupportGate>
  );
}

/** The columns for the contexts shown, and the switch that shows "other customers". */
function useContextColumns(hasOtherGrants: boolean): { columns: MatrixColumn[]; options: ReactNode } {
  const { t } = useTranslation();
  const id = useId();
  const settings = useQuery(GroupSupportQuery);
  const otherEnabled = settings.data?.settings.customerGroupOtherCustomersContext ?? false;
  const [showOther, setShowOther] = useState<boolean | null>(null);
  const other = showOther ?? (hasOtherGrants || otherEnabled);
  const columns = useMemo(() => {
    const same = permissionColumns(t, `SAME_CUSTOMER${SEP}`);
    if (!other) return same;
    const label = (c: MatrixColumn, context: string): MatrixColumn => ({
      ...c,
      label: t("assignments.contextColumn", { permission: c.label, context }),
    });
    return [
      ...same.map((c) => label(c, t("assignments.context.SAME_CUSTOMER"))),
      ...permissionColumns(t, `OTHER_CUSTOMERS${SEP}`).map((c) =>
        label(c, t("assignments.context.OTHER_CUSTOMERS")),
      ),
    ];
  }, [t, other]);
  const options = (
    <div className="matrix-options">
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={other} onChange={(e) => setShowOther(e.target.checked)} />
        {t("assignments.showOtherContext")}
      </label>
      <span className="field-hint">
        {otherEnabled ? t("assignments.otherContextOn") : t("assignments.otherContextOff")}
      </span>
    </div>
  );
  return { columns, options };
}

function CustomerGroups({ customerId }: { customerId: string }): ReactNode {
  const { t } = useTranslation();
  const side = useAssignmentSide({
    query: CustomerGroupsQuery,
    variables: { customerId },
    item: (data) => data.customer,
    mutation: SetCustomerGroupsMutation,
    saveVariables: (result) => ({
      customerId,
      grants: [...result].flatMap(([groupId, ticks]) => grantsOf(ticks).map((g) => ({ groupId, ...g }))),
    }),
  });
  const grants = getFragmentData(CustomerGroupGrantFields, side.item?.groups);
  const saved = useMemo(() => grantMap(grants, (g) => g.group.id, ticksOf), [grants]);
  const { columns, options } = useContextColumns((grants ?? []).some((g) => g.context === "OTHER_CUSTOMERS"));
  const list = useGroupRows(side.filter);
  return (
    <SideEditor
      side={side}
      notFound={() => t("customers.notFound", { customerId })}
      describe={(customer) => ({
        heading: t("assignments.groupsOfCustomer", { name: `${customerId} (${customer.name})` }),
        itemName: customerId,
      })}
      rowHeader={t("groups.name")}
      columns={columns}
      saved={saved}
      list={list}
      filterLabel={t("matrix.filterGroups")}
      options={options}
      finishTo={PATH}
    />
  );
}

function GroupCustomers({ groupId }: { groupId: string }): ReactNode {
  const { t } = useTranslation();
  const muted = useMutedLabel();
  const side = useAssignmentSide({
    query: GroupCustomersQuery,
    variables: { id: groupId },
    item: (data) => data.group,
    mutation: SetGroupCustomersMutation,
    saveVariables: (result) => ({
      groupId,
      grants: [...result].flatMap(([customerId, ticks]) =>
        grantsOf(ticks).map((g) => ({ customerId, ...g })),
      ),
    }),
    big: true,
  });
  const group = side.item;
  const saved = useMemo(
    () =>
      grantMap(
        group?.customers,
        (g) => getFragmentData(AssignmentCustomerFields, g.customer).customerId,
        ticksOf,
      ),
    [group],
  );
  const pinned = useMemo(
    () => (group?.customers ?? []).map((g) => customerRow(g.customer, muted)),
    [group, muted],
  );
  const { columns, options } = useContextColumns(
    (group?.customers ?? []).some((g) => g.context === "OTHER_CUSTOMERS"),
  );
  const list = useCustomerRows({ filter: side.filter, pinned, skip: !group });
  return (
    <SideEditor
      side={side}
      notFound={() => t("groups.notFound")}
      describe={(group) => ({
        heading: t("assignments.customersOfGroup", { name: group.name }),
        itemName: group.name,
        notice: group.valid !== "VALID" ? <InvalidGroupNote /> : null,
      })}
      rowHeader={t("customer.customerId")}
      columns={columns}
      saved={saved}
      list={list}
      filterLabel={t("matrix.filterCustomers")}
      options={options}
      finishTo={directionHref(PATH, "group")}
    />
  );
}
