import { useMutation, useQuery } from "@apollo/client/react";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  AssignmentEditor,
  BIG_SIDE_FETCH_POLICY,
  grantMap,
  PickedItem,
  refetchAfterSave,
} from "./assignment-editor";
import { AssignmentScreen, customerUserSide, groupSide } from "./assignment-screen";
import { isPermission, permissionColumns } from "./columns";
import { GroupSupportGate } from "./group-support-gate";
import { useCustomerUserRows, useGroupRows, useMutedLabel, userRow } from "./lists";
import {
  CustomerUserGroupsQuery,
  GroupCustomerUsersQuery,
  GroupEffectiveMembersQuery,
  SetCustomerUserGroupsMutation,
  SetGroupCustomerUsersMutation,
} from "./operations";
import { CUSTOMER_USERS_GROUPS_PATH } from "./paths";
import { directionHref } from "./route";

const PATH = CUSTOMER_USERS_GROUPS_PATH;
const SIDES = [
  customerUserSide((login) => <UserGroups key={login} login={login} />),
  groupSide((groupId) => <GroupUsers key={groupId} groupId={groupId} />),
] as const;

/** OTOBO's "Customer Users ↔ Groups": direct RO / RW grants of customer users. */
export default function CustomerUsersGroupsPage(): ReactNode {
  const { t } = useTranslation();
  const title = t("assignments.customerUsersGroups.title");
  return (
    <GroupSupportGate title={title}>
      <AssignmentScreen
        path={PATH}
        title={title}
        intro={t("assignments.customerUsersGroups.intro")}
        sides={SIDES}
      />
    </GroupSupportGate>
  );
}

function UserGroups({ login }: { login: string }): ReactNode {
  const { t } = useTranslation();
  const [filter, setFilter] = useState("");
  const { data, error } = useQuery(CustomerUserGroupsQuery, {
    variables: { login },
    fetchPolicy: "cache-and-network",
  });
  const [save] = useMutation(SetCustomerUserGroupsMutation, { refetchQueries: ["EffectivePermissions"] });
  const user = data?.customerUser;
  const saved = useMemo(
    () =>
      grantMap(
        user?.groups,
        (g) => g.group.id,
        (g) => g.permissions,
      ),
    [user],
  );
  const groupRows = useGroupRows(filter);
  // Grants the user has anyway (always-groups, via a customer) are not boxes to tick here, but the row
  // says so: an unticked box must not read as "no access".
  const inherited = useMemo(() => {
    const byGroup = new Map<string, string[]>();
    for (const p of user?.effectivePermissions ?? []) {
      const from = p.via
        .filter((v) => v.via !== "DIRECT")
        .map((v) =>
          t("matrix.inheritedGrant", {
            permission: v.permission,
            via:
              v.via === "COMPANY_ALWAYS" && v.customerId
                ? t("permissions.via.COMPANY_ALWAYS_OF", { customerId: v.customerId })
                : t(`permissions.via.${v.via}`, { customerId: v.customerId ?? "" }),
          }),
        );
      if (from.length > 0) byGroup.set(p.group.id, from);
    }
    return byGroup;
  }, [user, t]);
  const list = useMemo(
    () => ({
      ...groupRows,
      rows: groupRows.rows.map((row) => {
        const from = inherited.get(row.id);
        if (!from) return row;
        const note = t("matrix.inheritedNote", { grants: from.join(", ") });
        return { ...row, detail: row.detail ? `${row.detail} · ${note}` : note };
      }),
    }),
    [groupRows, inherited, t],
  );
  const columns = useMemo(() => permissionColumns(t), [t]);
  return (
    <PickedItem error={error} data={data} item={user} notFound={() => t("customerUsers.notFound", { login })}>
      {() => (
        <AssignmentEditor
          heading={t("assignments.groupsOf", { name: login })}
          itemName={login}
          rowHeader={t("groups.name")}
          columns={columns}
          saved={saved}
          list={list}
          filter={filter}
          onFilterChange={setFilter}
          filterLabel={t("matrix.filterGroups")}
          onSave={(result) =>
            save({
              variables: {
                login,
                grants: [...result].map(([groupId, ticks]) => ({
                  groupId,
                  permissions: [...ticks].filter(isPermission),
                })),
              },
            })
          }
          finishTo={PATH}
        />
      )}
    </PickedItem>
  );
}

function GroupUsers({ groupId }: { groupId: string }): ReactNode {
  const { t } = useTranslation();
  const muted = useMutedLabel();
  const [filter, setFilter] = useState("");
  const { data, error } = useQuery(GroupCustomerUsersQuery, {
    variables: { id: groupId },
    fetchPolicy: BIG_SIDE_FETCH_POLICY,
  });
  const [save] = useMutation(SetGroupCustomerUsersMutation, refetchAfterSave("GroupCustomerUsers"));
  const group = data?.group;
  const saved = useMemo(
    () =>
      grantMap(
        group?.customerUsers,
        (g) => g.customerUser.login,
        (g) => g.permissions,
      ),
    [group],
  );
  const pinned = useMemo(
    () => (group?.customerUsers ?? []).map((g) => userRow(g.customerUser, muted)),
    [group, muted],
  );
  const serverRows = useCustomerUserRows({ filter, pinned, skip: !group });
  // Grants users have anyway (via a customer, always-groups) are not boxes to tick here, but the row
  // says so, as in the other direction: an unticked box must not read as "no access".
  const effective = useQuery(GroupEffectiveMembersQuery, {
    variables: { id: groupId },
    fetchPolicy: "cache-and-network",
    skip: !group,
  });
  const members = effective.data?.group;
  const inherited = useMemo(() => {
    const byLogin = new Map<string, string[]>();
    if (!members) return byLogin;
    for (const [permission, holders] of [
      ["RO", members.ro],
      ["RW", members.rw],
    ] as const) {
      if (holders.everyone) continue;
      for (const { login } of holders.customerUsers) {
        const direct = saved.get(login);
        // A direct RW gives RO too; only what the boxes do not already show is noted.
        if (direct?.has(permission) || (permission === "RO" && direct?.has("RW"))) continue;
        byLogin.set(login, [...(byLogin.get(login) ?? []), t("matrix.inheritedIndirect", { permission })]);
      }
    }
    return byLogin;
  }, [members, saved, t]);
  const everyone = members
    ? (["RO", "RW"] as const).filter((p) => members[p === "RO" ? "ro" : "rw"].everyone)
    : [];
  const list = useMemo(
    () => ({
      ...serverRows,
      rows: serverRows.rows.map((row) => {
        const from = inherited.get(row.id);
        if (!from) return row;
        const note = t("matrix.inheritedNote", { grants: from.join(", ") });
        return { ...row, detail: row.detail ? `${row.detail} · ${note}` : note };
      }),
    }),
    [serverRows, inherited, t],
  );
  const columns = useMemo(() => permissionColumns(t), [t]);
  return (
    <PickedItem error={error} data={data} item={group} notFound={() => t("groups.notFound")}>
      {(group) => (
        <AssignmentEditor
          heading={t("assignments.customerUsersOfGroup", { name: group.name })}
          itemName={group.name}
          rowHeader={t("attribute.UserLogin")}
          columns={columns}
          saved={saved}
          list={list}
          filter={filter}
          onFilterChange={setFilter}
          filterLabel={t("matrix.filterCustomerUsers")}
          notice={
            group.valid !== "VALID" ? (
              <InvalidGroupNote />
            ) : everyone.length > 0 ? (
              <p className="notice">{t("assignments.everyoneHas", { permissions: everyone.join(", ") })}</p>
            ) : null
          }
          onSave={(result) =>
            save({
              variables: {
                groupId,
                grants: [...result].map(([login, ticks]) => ({
                  login,
                  permissions: [...ticks].filter(isPermission),
                })),
              },
            })
          }
          finishTo={directionHref(PATH, "group")}
        />
      )}
    </PickedItem>
  );
}

export function InvalidGroupNote(): ReactNode {
  const { t } = useTranslation();
  return <p className="notice notice--warning">{t("assignments.invalidGroup")}</p>;
}
