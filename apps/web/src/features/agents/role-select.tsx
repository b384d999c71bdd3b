import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/form/field";
import type { AgentRole } from "../../gql/graphql";

export const AGENT_ROLES: AgentRole[] = ["ADMIN", "READ_ONLY"];

type Props = Omit<Parameters<typeof SelectField>[0], "label" | "required" | "hint" | "children">;

/** ADMIN (rw in the group admin) or READ_ONLY (ro). */
export function RoleSelect(props: Props): ReactNode {
  const { t } = useTranslation();
  return (
    <SelectField label={t("agents.role")} required hint={t("agents.roleHint")} {...props}>
      {AGENT_ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </SelectField>
  );
}
