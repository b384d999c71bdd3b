import type { ReactNode } from "react";
import { Link } from "react-router";
import type {
  CreateGroupMutation as CreatedGroup,
  GroupQuery as LoadedGroup,
  UpdateGroupMutation as UpdatedGroup,
} from "../../gql/graphql";
import { CUSTOMER_USERS_GROUPS_PATH, CUSTOMERS_GROUPS_PATH } from "../assignments/paths";
import { pickHref } from "../assignments/route";
import { type CatalogEntity, CatalogFormPage } from "./catalog-form-page";
import { CreateGroupMutation, GroupQuery, UpdateGroupMutation } from "./operations";

const GROUP: CatalogEntity<NonNullable<LoadedGroup["group"]>, LoadedGroup, CreatedGroup, UpdatedGroup> = {
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
  item: (data) => data.group,
  create: CreateGroupMutation,
  created: (data) => data.createGroup,
  update: UpdateGroupMutation,
  updated: (data) => data.updateGroup,
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
