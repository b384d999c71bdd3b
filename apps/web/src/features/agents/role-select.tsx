import { type ReactNode, type Ref, type SelectHTMLAttributes, useId } from "react";
import { useTranslation } from "react-i18next";
import { describedBy, FieldShell } from "../../components/form/field";
import type { AgentRole } from "../../gql/graphql";

export const AGENT_ROLES: AgentRole[] = ["ADMIN", "READ_ONLY"];

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  error?: string | undefined;
  selectRef?: Ref<HTMLSelectElement>;
};

/** ADMIN (rw in the group admin) or READ_ONLY (ro). */
export function RoleSelect({ error, selectRef, ...select }: Props): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  return (
    <FieldShell id={id} label={t("agents.role")} required error={error} hint={t("agents.roleHint")}>
      <select
        id={id}
        ref={selectRef}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, t("agents.roleHint"), error)}
        {...select}
      >
        {AGENT_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
