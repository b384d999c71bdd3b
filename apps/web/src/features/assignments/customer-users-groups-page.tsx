import { useQuery } from "@apollo/client/react";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { getFragmentData, graphql } from "../../gql";
import { grantMap, SideEditor, useAssignmentSide } from "./assignment-editor";
import { AssignmentScreen, customerUserSide, groupSide } from "./assignment-screen";
import { isPermission, permissionColumns } from "./columns";
import { GroupSupportGate } from "./group-support-gate";
import {
  AssignmentUserFields,
  type RowList,
  useCustomerUserRows,
  useGroupRows,
  useMutedLabel,
  userRow,
} from "./lists";
import {
  CustomerUserGroupsQuery,
  GroupCustomerUsersQuery,
  GroupEffectiveMembersQuery,
  SetCustomerUserGroupsMutation,
  SetGroupCustomerUsersMutation,
} from "./operations";
import { CUSTOMER_USERS_GROUPS_PATH } from "./paths";
import { directionHref } from "./route";

/** A user's direct grant as the matrix ticks it; the query and the save's answer both spread it. */
export const UserGroupGrantFields = graphql(`
  fragment UserGroupGrantFields on GroupGrant {
    group {
      id
    }
    permissions
  }
`);

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

/**
 * Grants a row has anyway (always-groups, via a customer) are not boxes to tick, but the row says so: an
 * unticked box must not read as "no access".
 */
function useInheritedNotes(list: RowList, inherited: ReadonlyMap<string, readonly string[]>): RowList {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      ...list,
      rows: list.rows.map((row) => {
        const from = inherited.get(row.id);
        if (!from) return row;
        const note = t("matrix.inheritedNote", { grants: from.join(", ") });
        return { ...row, detail: row.detail ? `${row.detail} · ${note}` : note };
      }),
    }),
    [list, inherited, t],
  );
}

function UserGroups({ login }: { login: string }): ReactNode {
  const { t } = useTranslation();
  const side = useAssignmentSide({
    query: CustomerUserGroupsQuery,
    variables: { login },
    item: (data) => data.customerUser,
    mutation: SetCustomerUserGroupsMutation,
    saveVariables: (result) => ({
      login,
      grants: [...result].map(([groupId, ticks]) => ({
        groupId,
        permissions: [...ticks].filter(isPermission),
      })),
    }),
  });
  const user = side.item;
  const grants = getFragmentData(UserGroupGrantFields, user?.groups);
  const saved = useMemo(
    () =>
      grantMap(
        grants,
        (g) => g.group.id,
        (g) => g.permissions,
      ),
    [grants],
  );
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
  const list = useInheritedNotes(useGroupRows(side.filter), inherited);
  const columns = useMemo(() => permissionColumns(t), [t]);
  return (
    <SideEditor
      side={side}
      notFound={() => t("customerUsers.notFound", { login })}
      describe={() => ({ heading: t("assignments.groupsOf", { name: login }), itemName: login })}
      rowHeader={t("groups.name")}
      columns={columns}
      saved={saved}
      list={list}
      filterLabel={t("matrix.filterGroups")}
      finishTo={PATH}
    />
  );
}

function GroupUsers({ groupId }: { groupId: string }): ReactNode {
  const { t } = useTranslation();
  const muted = useMutedLabel();
  const side = useAssignmentSide({
    query: GroupCustomerUsersQuery,
    variables: { id: groupId },
    item: (data) => data.group,
    mutation: SetGroupCustomerUsersMutation,
    saveVariables: (result) => ({
      groupId,
      grants: [...result].map(([login, ticks]) => ({ login, permissions: [...ticks].filter(isPermission) })),
    }),
    big: true,
  });
  const group = side.item;
  const saved = useMemo(
    () =>
      grantMap(
        group?.customerUsers,
        (g) => getFragmentData(AssignmentUserFields, g.customerUser).login,
        (g) => g.permissions,
      ),
    [group],
  );
  const pinned = useMemo(
    () => (group?.customerUsers ?? []).map((g) => userRow(g.customerUser, muted)),
    [group, muted],
  );
  const serverRows = useCustomerUserRows({ filter: side.filter, pinned, skip: !group });
  // The same notes as in the other direction, from who has RO / RW on the group at all.
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
  const list = useInheritedNotes(serverRows, inherited);
  const columns = useMemo(() => permissionColumns(t), [t]);
  return (
    <SideEditor
      side={side}
      notFound={() => t("groups.notFound")}
      describe={(group) => ({
        heading: t("assignments.customerUsersOfGroup", { name: group.name }),
        itemName: group.name,
        notice:
          group.valid !== "VALID" ? (
            <InvalidGroupNote />
          ) : everyone.length > 0 ? (
            <p className="notice">{t("assignments.everyoneHas", { permissions: everyone.join(", ") })}</p>
          ) : null,
      })}
      rowHeader={t("attribute.UserLogin")}
      columns={columns}
      saved={saved}
      list={list}
      filterLabel={t("matrix.filterCustomerUsers")}
      finishTo={directionHref(PATH, "group")}
    />
  );
}

export function InvalidGroupNote(): ReactNode {
  const { t } = useTranslation();
  return <p className="notice notice--warning">{t("assignments.invalidGroup")}</p>;
}
