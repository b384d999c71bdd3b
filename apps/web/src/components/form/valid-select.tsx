import { type ReactNode, type Ref, type SelectHTMLAttributes, useId } from "react";
import { useTranslation } from "react-i18next";
import type { ValidState } from "../../gql/graphql";
import { describedBy, FieldShell } from "./field";

export const VALID_STATES: ValidState[] = ["VALID", "INVALID", "INVALID_TEMPORARILY"];

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  error?: string | undefined;
  selectRef?: Ref<HTMLSelectElement>;
};

/** OTOBO's valid / invalid / invalid-temporarily. */
export function ValidSelect({ error, selectRef, ...select }: Props): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  return (
    <FieldShell id={id} label={t("field.valid")} required error={error}>
      <select
        id={id}
        ref={selectRef}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, null, error)}
        {...select}
      >
        {VALID_STATES.map((state) => (
          <option key={state} value={state}>
            {t(`valid.${state}`)}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
