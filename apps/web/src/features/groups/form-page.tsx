import type { ReactNode } from "react";
import { Link } from "react-router";
import { getFragmentData } from "../../gql";
import type {
  CreateGroupMutation as CreatedGroup,
  GroupFieldsFragment as Group,
  GroupQuery as LoadedGroup,
  UpdateGroupMutation as UpdatedGroup,
} from "../../gql/graphql";
import { CUSTOMER_USERS_GROUPS_PATH, CUSTOMERS_GROUPS_PATH } from "../assignments/paths";
import { pickHref } from "../assignments/route";
import { type CatalogEntity, CatalogFormPage } from "./catalog-form-page";
import { CreateGroupMutation, GroupFields, GroupQuery, UpdateGroupMutation } from "./operations";

const GROUP: CatalogEntity<Group, LoadedGroup, CreatedGroup, UpdatedGroup> = {
  listPath: "/groups",
  historyKind: "group",
  text: {
    addTitle: "groups.addTitle",
    editTitle: "groups.editTitle",
    formLabel: "groups.formLabel",
    notFound: "groups.notFound",
    created: "groups.created",
    saved: "groups.saved",
  },
  query: GroupQuery,
  item: (data) => getFragmentData(GroupFields, data.group),
  create: CreateGroupMutation,
  created: (data) => getFragmentData(GroupFields, data.createGroup),
  update: UpdateGroupMutation,
  updated: (data) => getFragmentData(GroupFields, data.updateGroup),
  refetchOnCreate: ["GroupsList", "PickGroups"],
  related: (group, t) => (
    <>
      <Link to={pickHref(CUSTOMER_USERS_GROUPS_PATH, "group", group.id)}>
        {t("groups.customerUsersOf", { name: group.name })}
      </Link>
      <Link to={pickHref(CUSTOMERS_GROUPS_PATH, "group", group.id)}>
        {t("groups.customersOf", { name: group.name })}
      </Link>
    </>
  ),
};

export default function GroupFormPage(): ReactNode {
  return <CatalogFormPage entity={GROUP} />;
}
