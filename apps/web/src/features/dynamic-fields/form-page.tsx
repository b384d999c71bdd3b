import { useMutation, useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { toast } from "sonner";
import { usePageTitle } from "../../app/page-title";
import { fieldProps, SelectField, selectProps, TextField } from "../../components/form/field";
import { FormActions } from "../../components/form/form-actions";
import { useFormSave } from "../../components/form/form-save";
import { FormError, fieldIn } from "../../components/form/save-refusal";
import { ValidSelect } from "../../components/form/valid-select";
import { RecordPage } from "../../components/record-page";
import { getFragmentData } from "../../gql";
import type { DynamicFieldFieldsFragment as Field, ValidState } from "../../gql/graphql";
import {
  CreateDynamicFieldMutation,
  DynamicFieldFields,
  DynamicFieldsListQuery,
  UpdateDynamicFieldMutation,
} from "./operations";

interface Values {
  name: string;
  label: string;
  fieldType: string;
  objectType: string;
  valid: ValidState;
}

const FIELDS = ["name", "label", "fieldType", "objectType", "valid"] as const;

/** Add (`/dynamic-fields/new`) or edit (`/dynamic-fields/:id`) a dynamic field. There is no delete. */
export default function DynamicFieldFormPage(): ReactNode {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data, error } = useQuery(DynamicFieldsListQuery, { skip: !id });
  const field = id
    ? getFragmentData(DynamicFieldFields, data?.dynamicFields)?.find((f) => f.id === id)
    : undefined;
  const title = id ? t("dynamicFields.editTitle", { name: field?.name ?? id }) : t("dynamicFields.addTitle");
  usePageTitle(title);
  return (
    <RecordPage
      title={title}
      error={error}
      loading={Boolean(id && !data)}
      missing={Boolean(id && !field)}
      notFound={t("dynamicFields.notFound")}
      listPath="/dynamic-fields"
    >
      <DynamicFieldForm key={field?.id ?? "new"} field={field} />
    </RecordPage>
  );
}

function DynamicFieldForm({ field }: { field: Field | undefined }): ReactNode {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [create] = useMutation(CreateDynamicFieldMutation, {
    refetchQueries: ["DynamicFieldsList", "SettingsPage"],
  });
  const [update] = useMutation(UpdateDynamicFieldMutation);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    defaultValues: {
      name: field?.name ?? "",
      label: field?.label ?? "",
      fieldType: field?.fieldType ?? "Text",
      objectType: field?.objectType ?? "Ticket",
      valid: field?.valid ?? "VALID",
    },
  });
  const { onSubmit, saveAndFinish, formError } = useFormSave(
    setError,
    fieldIn(FIELDS),
    async (values: Values, finish) => {
      const input = { ...values, name: values.name.trim(), label: values.label.trim() };
      if (field) {
        await update({ variables: { id: field.id, input } });
        toast.success(t("dynamicFields.saved", { name: input.name }));
        if (finish) navigate("/dynamic-fields");
        else reset(values);
      } else {
        const result = await create({ variables: { input } });
        const created = getFragmentData(DynamicFieldFields, result.data?.createDynamicField);
        if (!created) return;
        toast.success(t("dynamicFields.created", { name: created.name }));
        navigate(finish ? "/dynamic-fields" : `/dynamic-fields/${encodeURIComponent(created.id)}`);
      }
    },
  );
  const submit = handleSubmit(onSubmit);
  const required = { required: t("validation.required") };
  return (
    <form onSubmit={submit} noValidate aria-label={t("dynamicFields.formLabel")}>
      <FormError message={formError} />
      {field?.mapped && <p className="notice">{t("dynamicFields.mappedNote")}</p>}
      <div className="form-grid">
        <TextField
          label={t("dynamicFields.name")}
          required
          hint={t("dynamicFields.nameHint")}
          autoComplete="off"
          {...fieldProps(register, errors, "name", required)}
        />
        <TextField
          label={t("dynamicFields.label")}
          required
          autoComplete="off"
          {...fieldProps(register, errors, "label", required)}
        />
        <SelectField label={t("dynamicFields.fieldType")} {...selectProps(register, errors, "fieldType")}>
          <option value="Text">{t("dynamicFields.type.Text")}</option>
          <option value="TextArea">{t("dynamicFields.type.TextArea")}</option>
        </SelectField>
        <SelectField label={t("dynamicFields.objectType")} {...selectProps(register, errors, "objectType")}>
          <option value="Ticket">{t("dynamicFields.object.Ticket")}</option>
          <option value="Article">{t("dynamicFields.object.Article")}</option>
        </SelectField>
        <ValidSelect {...selectProps(register, errors, "valid")} />
      </div>
      <FormActions
        cancelTo="/dynamic-fields"
        saving={isSubmitting}
        onSaveAndFinish={() => saveAndFinish.submit(submit)}
      />
    </form>
  );
}
