import type { ReactNode } from "react";
import { Link } from "react-router";
import { getFragmentData } from "../../gql";
import type { GroupFieldsFragment as Group, GroupsListQuery as GroupsListResult } from "../../gql/graphql";
import { CUSTOMER_USERS_GROUPS_PATH, CUSTOMERS_GROUPS_PATH } from "../assignments/paths";
import { pickHref } from "../assignments/route";
import { type CatalogListEntity, CatalogListPage } from "./catalog-list-page";
import { GroupFields, GroupsListQuery } from "./operations";

const GROUPS: CatalogListEntity<Group, GroupsListResult> = {
  listPath: "/groups",
  text: {
    title: "groups.title",
    add: "groups.add",
    count: "groups.count",
    none: "groups.none",
    intro: "groups.intro",
  },
  query: GroupsListQuery,
  rows: (data) => getFragmentData(GroupFields, data.groups),
  assign: (g, t) => (
    <span className="row-links">
      <Link
        to={pickHref(CUSTOMER_USERS_GROUPS_PATH, "group", g.id)}
        aria-label={t("groups.customerUsersOf", { name: g.name })}
      >
        {t("nav.customerUsers")}
      </Link>
      {" · "}
      <Link
        to={pickHref(CUSTOMERS_GROUPS_PATH, "group", g.id)}
        aria-label={t("groups.customersOf", { name: g.name })}
      >
        {t("nav.customers")}
      </Link>
    </span>
  ),
};

export default function GroupsListPage(): ReactNode {
  return <CatalogListPage entity={GROUPS} />;
}
