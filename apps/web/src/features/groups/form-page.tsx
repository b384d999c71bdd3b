import { useMutation, useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { errorMessage } from "../../app/errors";
import { usePageTitle } from "../../app/page-title";
import { CUSTOMER_USERS_GROUPS_PATH, CUSTOMERS_GROUPS_PATH } from "../assignments/paths";
import { pickHref } from "../assignments/route";
import "./catalog.css";
import { CatalogForm, catalogValues, toCatalogInput } from "./catalog-form";
import { CreateGroupMutation, GroupQuery, UpdateGroupMutation } from "./operations";

const LIST = "/groups";

export default function GroupFormPage(): ReactNode {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const { data, error } = useQuery(GroupQuery, { variables: { id: id ?? "" }, skip: !id });
  const [create] = useMutation(CreateGroupMutation, { refetchQueries: ["GroupsList", "PickGroups"] });
  const [update] = useMutation(UpdateGroupMutation);
  const group = data?.group;
  const title = id ? t("groups.editTitle", { name: group?.name ?? id }) : t("groups.addTitle");
  usePageTitle(title);

  let body: ReactNode;
  if (error) {
    body = (
      <div className="notice notice--error" role="alert">
        {errorMessage(error)}
      </div>
    );
  } else if (id && !data) {
    body = <p role="status">{t("common.loading")}</p>;
  } else if (id && !group) {
    body = (
      <div className="notice notice--error" role="alert">
        {t("groups.notFound")} <Link to={LIST}>{t("customers.backToList")}</Link>
      </div>
    );
  } else {
    body = (
      <>
        <CatalogForm
          key={group?.id ?? "new"}
          formLabel={t("groups.formLabel")}
          initial={catalogValues(group ?? undefined)}
          listPath={LIST}
          onSave={async (values, finish) => {
            const input = toCatalogInput(values);
            if (!group) {
              const result = await create({ variables: { input } });
              const created = result.data?.createGroup;
              if (!created) return null;
              navigate(finish ? LIST : `${LIST}/${encodeURIComponent(created.id)}`);
              return t("groups.created", { name: created.name });
            }
            const result = await update({ variables: { id: group.id, input } });
            if (finish) navigate(LIST);
            return t("groups.saved", { name: result.data?.updateGroup.name ?? values.name });
          }}
        />
        {group && (
          <nav className="related-links" aria-label={t("groups.assignments")}>
            <Link to={pickHref(CUSTOMER_USERS_GROUPS_PATH, "group", group.id)}>
              {t("groups.customerUsersOf", { name: group.name })}
            </Link>
            <Link to={pickHref(CUSTOMERS_GROUPS_PATH, "group", group.id)}>
              {t("groups.customersOf", { name: group.name })}
            </Link>
          </nav>
        )}
      </>
    );
  }
  return (
    <div className="page">
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      {body}
    </div>
  );
}
