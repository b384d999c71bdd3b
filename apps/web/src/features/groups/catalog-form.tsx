import { CATALOG_FIELDS, textSchema } from "@clientele/domain/rules";
import { zodResolver } from "@hookform/resolvers/zod";
import type { TFunction } from "i18next";
import { type ReactNode, useMemo } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { z } from "zod";
import { fieldProps, selectProps, TextField } from "../../components/form/field";
import { FormActions } from "../../components/form/form-actions";
import { type FormLeave, useFormLeave } from "../../components/form/form-leave";
import { useFormSave } from "../../components/form/form-save";
import { ruleMessages } from "../../components/form/rule-messages";
import { FormError, fieldIn } from "../../components/form/save-refusal";
import { ValidSelect } from "../../components/form/valid-select";
import type { ValidState } from "../../gql/graphql";

/** Groups and services share OTOBO's shape: name (unique), comment, valid (rules: CATALOG_FIELDS). */
export interface CatalogValues {
  name: string;
  comment: string;
  valid: ValidState;
}

export function catalogSchema(t: TFunction): z.ZodType<CatalogValues, CatalogValues> {
  const messages = ruleMessages(t);
  return z.object({
    name: textSchema(CATALOG_FIELDS.name, messages),
    comment: textSchema(CATALOG_FIELDS.comment, messages),
    valid: z.enum(["VALID", "INVALID", "INVALID_TEMPORARILY"]),
  });
}

export function catalogValues(item?: {
  name: string;
  comment?: string | null;
  valid: ValidState;
}): CatalogValues {
  return { name: item?.name ?? "", comment: item?.comment ?? "", valid: item?.valid ?? "VALID" };
}

export function toCatalogInput(values: CatalogValues): {
  name: string;
  comment: string | null;
  valid: ValidState;
} {
  return { name: values.name.trim(), comment: values.comment.trim() || null, valid: values.valid };
}

interface Props {
  formLabel: string;
  initial: CatalogValues;
  listPath: string;
  /**
   * Creates or updates; resolves to a success message, throws the server's refusal. Navigates with
   * `leave.go` (past the unsaved-changes guard), back to `leave.listUrl` when finishing.
   */
  onSave: (values: CatalogValues, finish: boolean, leave: FormLeave) => Promise<string | null>;
}

/** Name, comment, valid; Save / Save and finish / Cancel. There is no delete: set it invalid. */
export function CatalogForm({ formLabel, initial, listPath, onSave }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: messages follow the language
  const schema = useMemo(() => catalogSchema(t), [t, i18n.language]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<CatalogValues>({ resolver: zodResolver(schema), defaultValues: initial });
  const leave = useFormLeave(isDirty, listPath);

  const { onSubmit, saveAndFinish, formError } = useFormSave(
    setError,
    fieldIn(["name", "comment", "valid"] as const),
    async (values: CatalogValues, goToList) => {
      const message = await onSave(values, goToList, leave);
      if (message) toast.success(message);
      if (!goToList) reset(values);
    },
  );
  const submit = handleSubmit(onSubmit);
  return (
    <form onSubmit={submit} noValidate aria-label={formLabel}>
      <FormError message={formError} />
      <div className="form-grid">
        <TextField
          label={t("catalog.name")}
          required
          autoComplete="off"
          {...fieldProps(register, errors, "name")}
        />
        <TextField
          label={t("catalog.comment")}
          autoComplete="off"
          {...fieldProps(register, errors, "comment")}
        />
        <ValidSelect {...selectProps(register, errors, "valid")} />
      </div>
      {leave.dialog}
      <FormActions
        cancelTo={leave.listUrl}
        saving={isSubmitting}
        onSaveAndFinish={() => saveAndFinish.submit(submit)}
      />
    </form>
  );
}
