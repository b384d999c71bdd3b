import { useQuery } from "@apollo/client/react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorNotice } from "../../components/error-notice";
import type { GroupPermission, EffectivePermissionsQuery as Result } from "../../gql/graphql";
import {
  CUSTOMER_USERS_CUSTOMERS_PATH,
  CUSTOMER_USERS_GROUPS_PATH,
  CUSTOMER_USERS_SERVICES_PATH,
} from "../assignments/paths";
import { pickHref } from "../assignments/route";
import { EffectivePermissionsQuery } from "./operations";
import "./permissions.css";

type Source = NonNullable<Result["customerUser"]>["effectivePermissions"][number]["via"][number];
const PERMISSIONS: GroupPermission[] = ["RO", "RW"];

function describe(t: TFunction, source: Source): string {
  switch (source.via) {
    case "DIRECT":
      return t("permissions.via.DIRECT");
    case "CUSTOMER":
      return t("permissions.via.CUSTOMER", { customerId: source.customerId ?? "" });
    case "ALWAYS":
      return t("permissions.via.ALWAYS");
    case "COMPANY_ALWAYS":
      return source.customerId
        ? t("permissions.via.COMPANY_ALWAYS_OF", { customerId: source.customerId })
        : t("permissions.via.COMPANY_ALWAYS");
    default:
      return source.via;
  }
}

/**
 * The bottom of a customer user's edit page: every group the user effectively has, RO and RW, and for
 * each tick where it comes from; then the user's effective services, and links to the assignment screens.
 */
export function EffectivePermissions({ login }: { login: string }): ReactNode {
  const { t } = useTranslation();
  const { data, error } = useQuery(EffectivePermissionsQuery, {
    variables: { login },
    fetchPolicy: "cache-and-network",
  });
  const back = { returnTo: `/customer-users/${encodeURIComponent(login)}` };
  const user = data?.customerUser;
  const settings = data?.settings;
  return (
    <section className="effective" aria-labelledby="effective-title">
      <h2 id="effective-title">{t("permissions.title")}</h2>
      <nav className="related-links" aria-label={t("permissions.assignmentsOf", { login })}>
        <Link to={pickHref(CUSTOMER_USERS_CUSTOMERS_PATH, "customerUser", login)} state={back}>
          {t("permissions.linkCustomers")}
        </Link>
        <Link to={pickHref(CUSTOMER_USERS_GROUPS_PATH, "customerUser", login)} state={back}>
          {t("permissions.linkGroups")}
        </Link>
        <Link to={pickHref(CUSTOMER_USERS_SERVICES_PATH, "customerUser", login)} state={back}>
          {t("permissions.linkServices")}
        </Link>
      </nav>
      <ErrorNotice error={error} />
      {!data && !error && <p role="status">{t("common.loading")}</p>}
      {user && settings && (
        <>
          {user.valid !== "VALID" && <p className="notice notice--warning">{t("permissions.invalidUser")}</p>}
          {settings.customerGroupSupport ? (
            <PermissionTable user={user} />
          ) : (
            <p className="notice notice--info">
              {t("permissions.supportOff")} <Link to="/settings">{t("permissions.toSettings")}</Link>
            </p>
          )}
          <h3 id="effective-services">{t("permissions.servicesTitle")}</h3>
          <p className="field-hint">{t(`settings.mode.${settings.defaultServicesMode}.effect`)}</p>
          {user.effectiveServices.length === 0 ? (
            <p>{t("permissions.noServices")}</p>
          ) : (
            <ul className="effective-services" aria-labelledby="effective-services">
              {user.effectiveServices.map((service) => {
                const explicit = user.services.some((s) => s.id === service.id);
                return (
                  <li key={service.id}>
                    <strong>{service.name}</strong>{" "}
                    <span className="via">
                      {explicit ? t("permissions.serviceAssigned") : t("permissions.serviceDefault")}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function PermissionTable({ user }: { user: NonNullable<Result["customerUser"]> }): ReactNode {
  const { t } = useTranslation();
  if (user.effectivePermissions.length === 0) return <p>{t("permissions.none")}</p>;
  const rows = [...user.effectivePermissions].sort((a, b) => a.group.name.localeCompare(b.group.name));
  return (
    <table className="data-table effective-table" aria-label={t("permissions.title")}>
      <thead>
        <tr>
          <th scope="col">{t("groups.name")}</th>
          {PERMISSIONS.map((p) => (
            <th key={p} scope="col" title={t(p === "RO" ? "permissions.roLong" : "permissions.rwLong")}>
              {t(`permissions.${p}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.group.id}>
            <th scope="row">{row.group.name}</th>
            {PERMISSIONS.map((p) => {
              const has = row.permissions.includes(p);
              const sources = row.via.filter((v) => v.permission === p);
              // RW implies RO: when RO has no source of its own it comes with RW.
              const implied = has && sources.length === 0 && p === "RO";
              return (
                <td key={p}>
                  {has ? (
                    <span className="tick">
                      <span aria-hidden="true">✓</span>
                      <span className="visually-hidden">{t("common.yes")}</span>
                    </span>
                  ) : (
                    <span className="no-tick">
                      <span aria-hidden="true">–</span>
                      <span className="visually-hidden">{t("common.no")}</span>
                    </span>
                  )}{" "}
                  {has && (
                    <span className="via">
                      {implied
                        ? t("permissions.impliedByRw")
                        : [...new Set(sources.map((s) => describe(t, s)))].join(", ")}
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
