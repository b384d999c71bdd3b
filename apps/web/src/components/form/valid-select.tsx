import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ValidState } from "../../gql/graphql";
import { SelectField } from "./field";

export const VALID_STATES: ValidState[] = ["VALID", "INVALID", "INVALID_TEMPORARILY"];

type Props = Omit<Parameters<typeof SelectField>[0], "label" | "required" | "children">;

/** OTOBO's valid / invalid / invalid-temporarily. */
export function ValidSelect(props: Props): ReactNode {
  const { t } = useTranslation();
  return (
    <SelectField label={t("field.valid")} required {...props}>
      {VALID_STATES.map((state) => (
        <option key={state} value={state}>
          {t(`valid.${state}`)}
        </option>
      ))}
    </SelectField>
  );
}
