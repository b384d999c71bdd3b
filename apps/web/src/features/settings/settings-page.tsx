import { useMutation, useQuery } from "@apollo/client/react";
import { zodResolver } from "@hookform/resolvers/zod";
import type { TFunction } from "i18next";
import { type ReactNode, useId, useMemo, useState } from "react";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { toast } from "sonner";
import { z } from "zod";
import { errorMessage, serverErrors } from "../../app/errors";
import { usePageTitle } from "../../app/page-title";
import { useUnsavedChangesGuard } from "../../components/unsaved-changes";
import type { DefaultServicesMode, SettingsPageQuery as SettingsPageResult } from "../../gql/graphql";
import { SourcesQuery } from "../sources/operations";
import { SettingsPageQuery, UpdateSettingsMutation } from "./operations";
import "./settings.css";

type Settings = SettingsPageResult["settings"];

interface Values {
  customerGroupSupport: boolean;
  customerGroupAlwaysGroups: string[];
  customerGroupCompanyAlwaysGroups: string[];
  customerGroupOtherCustomersContext: boolean;
  defaultServicesMode: DefaultServicesMode;
  dynamicFieldFromCustomerUser: boolean;
  mapping: { attribute: string; dynamicField: string }[];
}

function schema(t: TFunction): z.ZodType<Values, Values> {
  const required = z.string().refine((v) => v.trim() !== "", t("validation.required"));
  return z.object({
    customerGroupSupport: z.boolean(),
    customerGroupAlwaysGroups: z.array(z.string()),
    customerGroupCompanyAlwaysGroups: z.array(z.string()),
    customerGroupOtherCustomersContext: z.boolean(),
    defaultServicesMode: z.enum(["UNION", "FALLBACK"]),
    dynamicFieldFromCustomerUser: z.boolean(),
    mapping: z.array(z.object({ attribute: required, dynamicField: required })),
  });
}

function values(settings: Settings): Values {
  return {
    customerGroupSupport: settings.customerGroupSupport,
    customerGroupAlwaysGroups: [...settings.customerGroupAlwaysGroups],
    customerGroupCompanyAlwaysGroups: [...settings.customerGroupCompanyAlwaysGroups],
    customerGroupOtherCustomersContext: settings.customerGroupOtherCustomersContext,
    defaultServicesMode: settings.defaultServicesMode,
    dynamicFieldFromCustomerUser: settings.dynamicFieldFromCustomerUser,
    mapping: settings.dynamicFieldFromCustomerUserMapping.map((m) => ({ ...m })),
  };
}

// OTOBO's customer company attributes are merged into a customer user's attributes, so they can be mapped.
const COMPANY_ATTRIBUTES = [
  "CustomerCompanyName",
  "CustomerCompanyStreet",
  "CustomerCompanyZIP",
  "CustomerCompanyCity",
  "CustomerCompanyCountry",
  "CustomerCompanyURL",
  "CustomerCompanyComment",
];

export default function SettingsPage(): ReactNode {
  const { t } = useTranslation();
  usePageTitle(t("settings.title"));
  const { data, error } = useQuery(SettingsPageQuery, { fetchPolicy: "cache-and-network" });
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("settings.title")}</h1>
      </div>
      {error && (
        <div className="notice notice--error" role="alert">
          {errorMessage(error)}
        </div>
      )}
      {!data && !error && <p role="status">{t("common.loading")}</p>}
      {data && (
        <SettingsForm key={JSON.stringify(data.settings)} settings={data.settings} groups={data.groups} />
      )}
    </div>
  );
}

function SettingsForm({
  settings,
  groups,
}: {
  settings: Settings;
  groups: SettingsPageResult["groups"];
}): ReactNode {
  const { t, i18n } = useTranslation();
  const id = useId();
  const sources = useQuery(SourcesQuery);
  const [formError, setFormError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: messages follow the language
  const resolver = useMemo(() => zodResolver(schema(t)), [t, i18n.language]);
  const {
    register,
    control,
    handleSubmit,
    watch,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<Values>({ resolver, defaultValues: values(settings) });
  const guard = useUnsavedChangesGuard(isDirty, "form.unsavedText");
  const mapping = useFieldArray({ control, name: "mapping" });
  const [update] = useMutation(UpdateSettingsMutation, {
    refetchQueries: ["GroupSupport", "EffectivePermissions", "DefaultServices"],
  });
  const groupSupport = watch("customerGroupSupport");
  const mappingOn = watch("dynamicFieldFromCustomerUser");

  const attributes = useMemo(() => {
    const names = new Set<string>();
    for (const source of sources.data?.customerUserSources ?? []) {
      for (const field of source.fields) if (field.attribute !== "UserPassword") names.add(field.attribute);
    }
    for (const a of COMPANY_ATTRIBUTES) names.add(a);
    return [...names];
  }, [sources.data]);

  const onSubmit = async (v: Values): Promise<void> => {
    setFormError(null);
    try {
      const result = await update({
        variables: {
          input: {
            customerGroupSupport: v.customerGroupSupport,
            customerGroupAlwaysGroups: v.customerGroupAlwaysGroups,
            customerGroupCompanyAlwaysGroups: v.customerGroupCompanyAlwaysGroups,
            customerGroupOtherCustomersContext: v.customerGroupOtherCustomersContext,
            defaultServicesMode: v.defaultServicesMode,
            dynamicFieldFromCustomerUser: v.dynamicFieldFromCustomerUser,
            dynamicFieldFromCustomerUserMapping: v.mapping.map((m) => ({
              attribute: m.attribute.trim(),
              dynamicField: m.dynamicField.trim(),
            })),
          },
        },
      });
      if (result.data) reset(values(result.data.updateSettings));
      toast.success(t("settings.saved"));
    } catch (e) {
      const messages: string[] = [];
      for (const err of serverErrors(e)) {
        const field = err.field?.replace(/^input\./, "");
        const row = field?.match(/^dynamicFieldFromCustomerUserMapping\.(\d+)\.(attribute|dynamicField)$/);
        if (row) setError(`mapping.${Number(row[1])}.${row[2] as "attribute"}`, { message: err.message });
        messages.push(err.message);
      }
      setFormError(messages.join(" "));
      toast.error(t("settings.saveFailed", { message: messages.join(" ") || errorMessage(e) }));
    }
  };

  const groupNames = groups.map((g) => g.name);
  return (
    <form className="settings" onSubmit={handleSubmit(onSubmit)} noValidate aria-label={t("settings.title")}>
      {formError && (
        <div className="notice notice--error" role="alert">
          {formError}
        </div>
      )}
      <fieldset className="settings-section">
        <legend>{t("settings.groups.title")}</legend>
        <label className="switch">
          <input type="checkbox" {...register("customerGroupSupport")} />
          <span>{t("settings.groups.support")}</span>
        </label>
        <p className="field-hint">
          {groupSupport ? t("settings.groups.supportOn") : t("settings.groups.supportOff")}
        </p>

        <Controller
          control={control}
          name="customerGroupAlwaysGroups"
          render={({ field }) => (
            <GroupChoice
              legend={t("settings.groups.always")}
              hint={t("settings.groups.alwaysHint")}
              groups={groupNames}
              value={field.value}
              onChange={field.onChange}
            />
          )}
        />
        <Controller
          control={control}
          name="customerGroupCompanyAlwaysGroups"
          render={({ field }) => (
            <GroupChoice
              legend={t("settings.groups.companyAlways")}
              hint={t("settings.groups.companyAlwaysHint")}
              groups={groupNames}
              value={field.value}
              onChange={field.onChange}
            />
          )}
        />
        <label className="switch">
          <input type="checkbox" {...register("customerGroupOtherCustomersContext")} />
          <span>{t("settings.groups.otherContext")}</span>
        </label>
        <p className="field-hint">{t("settings.groups.otherContextHint")}</p>
        <p>
          <Link to="/customer-users-groups">{t("nav.customerUsersGroups")}</Link>
          {" · "}
          <Link to="/customers-groups">{t("nav.customersGroups")}</Link>
        </p>
      </fieldset>

      <fieldset className="settings-section">
        <legend>{t("settings.services.title")}</legend>
        {(["UNION", "FALLBACK"] as const).map((mode) => (
          <label key={mode} className="radio-choice">
            <input type="radio" value={mode} {...register("defaultServicesMode")} />
            <span>
              <strong>{t(`settings.mode.${mode}.label`)}</strong>
              <span className="field-hint">{t(`settings.mode.${mode}.effect`)}</span>
            </span>
          </label>
        ))}
        <p>
          <Link to="/services/defaults">{t("defaultServices.edit")}</Link>
        </p>
      </fieldset>

      <fieldset className="settings-section">
        <legend>{t("settings.dynamicFields.title")}</legend>
        <label className="switch">
          <input type="checkbox" {...register("dynamicFieldFromCustomerUser")} />
          <span>{t("settings.dynamicFields.switch")}</span>
        </label>
        <p className="field-hint">
          {mappingOn ? t("settings.dynamicFields.on") : t("settings.dynamicFields.off")}
        </p>
        <datalist id={`${id}-attributes`}>
          {attributes.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <table className="mapping-table" aria-label={t("settings.dynamicFields.mapping")}>
          <thead>
            <tr>
              <th scope="col">{t("settings.dynamicFields.attribute")}</th>
              <th scope="col">{t("settings.dynamicFields.dynamicField")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("settings.dynamicFields.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {mapping.fields.length === 0 && (
              <tr>
                <td colSpan={3} className="mapping-none">
                  {t("settings.dynamicFields.none")}
                </td>
              </tr>
            )}
            {mapping.fields.map((row, index) => {
              const attributeError = errors.mapping?.[index]?.attribute?.message;
              const fieldError = errors.mapping?.[index]?.dynamicField?.message;
              return (
                <tr key={row.id}>
                  <td>
                    <input
                      list={`${id}-attributes`}
                      aria-label={t("settings.dynamicFields.attributeOfRow", { row: index + 1 })}
                      aria-invalid={attributeError ? true : undefined}
                      {...register(`mapping.${index}.attribute`)}
                    />
                    {attributeError && <p className="field-error">{attributeError}</p>}
                  </td>
                  <td>
                    <input
                      aria-label={t("settings.dynamicFields.dynamicFieldOfRow", { row: index + 1 })}
                      aria-invalid={fieldError ? true : undefined}
                      {...register(`mapping.${index}.dynamicField`)}
                    />
                    {fieldError && <p className="field-error">{fieldError}</p>}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--link"
                      onClick={() => mapping.remove(index)}
                      aria-label={t("settings.dynamicFields.removeRow", { row: index + 1 })}
                    >
                      {t("settings.dynamicFields.remove")}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button
          type="button"
          className="button"
          onClick={() => mapping.append({ attribute: "", dynamicField: "" })}
        >
          {t("settings.dynamicFields.add")}
        </button>
        <p className="field-hint">{t("settings.dynamicFields.hint")}</p>
      </fieldset>

      {guard.dialog}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {t("form.save")}
        </button>
        <button type="button" className="button button--link" disabled={!isDirty} onClick={() => reset()}>
          {t("matrix.discard")}
        </button>
        {isSubmitting && <span role="status">{t("form.saving")}</span>}
      </div>
    </form>
  );
}

interface GroupChoiceProps {
  legend: string;
  hint: string;
  groups: readonly string[];
  value: string[];
  onChange: (value: string[]) => void;
}

/** A set of group names as checkboxes; a configured name that no group has any more still shows. */
function GroupChoice({ legend, hint, groups, value, onChange }: GroupChoiceProps): ReactNode {
  const all = [...groups, ...value.filter((v) => !groups.includes(v))];
  return (
    <fieldset className="group-choice">
      <legend>{legend}</legend>
      <p className="field-hint">{hint}</p>
      <div className="group-choice-options">
        {all.map((name) => (
          <label key={name}>
            <input
              type="checkbox"
              checked={value.includes(name)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, name] : value.filter((v) => v !== name))
              }
            />
            {name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
