import type { RuleMessages } from "@clientele/domain/rules";
import type { TFunction } from "i18next";

/** The field rules' messages (`@clientele/domain/rules`) in the admin's language. */
export const ruleMessages = (t: TFunction): RuleMessages => ({
  required: t("validation.required"),
  tooLong: (max) => t("validation.tooLong", { max }),
});
