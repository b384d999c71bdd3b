import { useMutation, useQuery } from "@apollo/client/react";
import { type ReactNode, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MatrixColumn } from "../../components/assignment-matrix/assignment-matrix";
import type { PermissionContext } from "../../gql/graphql";
import {
  AssignmentEditor,
  BIG_SIDE_FETCH_POLICY,
  grantMap,
  PickedItem,
  refetchAfterSave,
} from "./assignment-editor";
import { AssignmentScreen, customerSide, groupSide } from "./assignment-screen";
import { isPermission, permissionColumns } from "./columns";
import { InvalidGroupNote } from "./customer-users-groups-page";
import { GroupSupportGate } from "./group-support-gate";
import { customerRow, useCustomerRows, useGroupRows, useMutedLabel } from "./lists";
import {
  CustomerGroupsQuery,
  GroupCustomersQuery,
  GroupSupportQuery,
  SetCustomerGroupsMutation,
  SetGroupCustomersMutation,
} from "./operations";
import { CUSTOMERS_GROUPS_PATH } from "./paths";
import { directionHref } from "./route";

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
  const [filter, setFilter] = useState("");
  const { data, error } = useQuery(CustomerGroupsQuery, {
    variables: { customerId },
    fetchPolicy: "cache-and-network",
  });
  const [save] = useMutation(SetCustomerGroupsMutation, { refetchQueries: ["EffectivePermissions"] });
  const customer = data?.customer;
  const saved = useMemo(() => grantMap(customer?.groups, (g) => g.group.id, ticksOf), [customer]);
  const hasOther = (customer?.groups ?? []).some((g) => g.context === "OTHER_CUSTOMERS");
  const { columns, options } = useContextColumns(hasOther);
  const list = useGroupRows(filter);
  return (
    <PickedItem
      error={error}
      data={data}
      item={customer}
      notFound={() => t("customers.notFound", { customerId })}
    >
      {(customer) => (
        <AssignmentEditor
          heading={t("assignments.groupsOfCustomer", { name: `${customerId} (${customer.name})` })}
          itemName={customerId}
          rowHeader={t("groups.name")}
          columns={columns}
          saved={saved}
          list={list}
          filter={filter}
          onFilterChange={setFilter}
          filterLabel={t("matrix.filterGroups")}
          options={options}
          onSave={(result) =>
            save({
              variables: {
                customerId,
                grants: [...result].flatMap(([groupId, ticks]) =>
                  grantsOf(ticks).map((g) => ({ groupId, ...g })),
                ),
              },
            })
          }
          finishTo={PATH}
        />
      )}
    </PickedItem>
  );
}

function GroupCustomers({ groupId }: { groupId: string }): ReactNode {
  const { t } = useTranslation();
  const muted = useMutedLabel();
  const [filter, setFilter] = useState("");
  const { data, error } = useQuery(GroupCustomersQuery, {
    variables: { id: groupId },
    fetchPolicy: BIG_SIDE_FETCH_POLICY,
  });
  const [save] = useMutation(SetGroupCustomersMutation, refetchAfterSave("GroupCustomers"));
  const group = data?.group;
  const saved = useMemo(() => grantMap(group?.customers, (g) => g.customer.customerId, ticksOf), [group]);
  const pinned = useMemo(
    () => (group?.customers ?? []).map((g) => customerRow(g.customer, muted)),
    [group, muted],
  );
  const hasOther = (group?.customers ?? []).some((g) => g.context === "OTHER_CUSTOMERS");
  const { columns, options } = useContextColumns(hasOther);
  const list = useCustomerRows({ filter, pinned, skip: !group });
  return (
    <PickedItem error={error} data={data} item={group} notFound={() => t("groups.notFound")}>
      {(group) => (
        <AssignmentEditor
          heading={t("assignments.customersOfGroup", { name: group.name })}
          itemName={group.name}
          rowHeader={t("customer.customerId")}
          columns={columns}
          saved={saved}
          list={list}
          filter={filter}
          onFilterChange={setFilter}
          filterLabel={t("matrix.filterCustomers")}
          options={options}
          notice={group.valid !== "VALID" ? <InvalidGroupNote /> : null}
          onSave={(result) =>
            save({
              variables: {
                groupId,
                grants: [...result].flatMap(([customerId, ticks]) =>
                  grantsOf(ticks).map((g) => ({ customerId, ...g })),
                ),
              },
            })
          }
          finishTo={directionHref(PATH, "group")}
        />
      )}
    </PickedItem>
  );
}
