import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ValidState } from "../gql/graphql";

export function ValidBadge({ valid }: { valid: ValidState }): ReactNode {
  const { t } = useTranslation();
  return <span className={`badge badge--${valid.toLowerCase()}`}>{t(`valid.${valid}`)}</span>;
}
