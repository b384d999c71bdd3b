import { useMutation, useQuery } from "@apollo/client/react";
import { zodResolver } from "@hookform/resolvers/zod";
import type { TFunction } from "i18next";
import { type ReactNode, useMemo, useState } from "react";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { toast } from "sonner";
import { z } from "zod";
import { errorMessage, serverErrors } from "../../app/errors";
import { usePageTitle } from "../../app/page-title";
import { ErrorNotice } from "../../components/error-notice";
import { FormError } from "../../components/form/save-refusal";
import { CellError, RowsTable } from "../../components/rows-table";
import { useUnsavedChangesGuard } from "../../components/unsaved-changes";
import { getFragmentData, graphql } from "../../gql";
import type {
  SettingsFieldsFragment as Settings,
  SettingsPageQuery as SettingsPageResult,
} from "../../gql/graphql";
import { BackfillPanel } from "../tickets/backfill-panel";
import { SettingsPageQuery, UpdateSettingsMutation } from "./operations";
import "./settings.css";

/** The settings as the form edits them; the page's query and the save's answer both spread it. */
export const SettingsFields = graphql(`
  fragment SettingsFields on Settings {
    source
    customerPasswordCryptType
    customerGroupSupport
    customerGroupAlwaysGroups
    customerGroupCompanyAlwaysGroups
    customerGroupOtherCustomersContext
    defaultServicesMode
    dynamicFieldFromCustomerUser
    dynamicFieldFromCustomerUserMapping {
      attribute
      dynamicField
    }
  }
`);

function schema(t: TFunction) {
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

/** The settings as the form edits them (the mapping's rows under a shorter name). */
type Values = z.infer<ReturnType<typeof schema>>;

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

export default function SettingsPage(): ReactNode {
  const { t } = useTranslation();
  usePageTitle(t("settings.title"));
  const { data, error } = useQuery(SettingsPageQuery, { fetchPolicy: "cache-and-network" });
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("settings.title")}</h1>
      </div>
      <ErrorNotice error={error} />
      {!data && !error && <p role="status">{t("common.loading")}</p>}
      {data && (
        <SettingsForm
          key={JSON.stringify(data.settings)}
          settings={getFragmentData(SettingsFields, data.settings)}
          groups={data.groups}
          attributes={data.dynamicFieldMappableAttributes}
          fields={data.dynamicFields.filter((f) => f.objectType === "Ticket")}
        />
      )}
      {data && (
        <BackfillPanel
          mappingActive={getFragmentData(SettingsFields, data.settings).dynamicFieldFromCustomerUser}
        />
      )}
    </div>
  );
}

function SettingsForm({
  settings,
  groups,
  attributes,
  fields,
}: {
  settings: Settings;
  groups: SettingsPageResult["groups"];
  attributes: SettingsPageResult["dynamicFieldMappableAttributes"];
  fields: SettingsPageResult["dynamicFields"];
}): ReactNode {
  const { t, i18n } = useTranslation();
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
      if (result.data) reset(values(getFragmentData(SettingsFields, result.data.updateSettings)));
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
  const fromOtobo = settings.source === "OTOBO_SYSCONFIG";
  return (
    <form className="settings" onSubmit={handleSubmit(onSubmit)} noValidate aria-label={t("settings.title")}>
      <FormError message={formError} />
      {fromOtobo && (
        <div className="notice" role="note">
          <strong>{t("settings.source.otobo")}</strong> {t("settings.source.otoboHint")}
          {settings.customerPasswordCryptType && (
            <p>{t("settings.source.cryptType", { cryptType: settings.customerPasswordCryptType })}</p>
          )}
        </div>
      )}
      {/* Read-only when OTOBO owns the settings: every control below is disabled. */}
      <fieldset className="settings-fields" disabled={fromOtobo}>
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
          <RowsTable
            label={t("settings.dynamicFields.mapping")}
            headers={[t("settings.dynamicFields.attribute"), t("settings.dynamicFields.dynamicField")]}
            actionsHeader={t("settings.dynamicFields.actions")}
            none={t("settings.dynamicFields.none")}
            rows={mapping.fields}
            rowKey={(row) => row.id}
            cells={(row, index) => [
              <>
                <select
                  aria-label={t("settings.dynamicFields.attributeOfRow", { row: index + 1 })}
                  aria-invalid={errors.mapping?.[index]?.attribute ? true : undefined}
                  {...register(`mapping.${index}.attribute`)}
                >
                  <option value="">{t("settings.dynamicFields.choose")}</option>
                  {withCurrent(
                    attributes.map((a) => ({
                      value: a.attribute,
                      text: `${a.label} (${a.attribute})${a.origin === "CUSTOMER" ? ` — ${t("settings.dynamicFields.company")}` : ""}`,
                    })),
                    row.attribute,
                  ).map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.text}
                    </option>
                  ))}
                </select>
                <CellError message={errors.mapping?.[index]?.attribute?.message} />
              </>,
              <>
                <select
                  aria-label={t("settings.dynamicFields.dynamicFieldOfRow", { row: index + 1 })}
                  aria-invalid={errors.mapping?.[index]?.dynamicField ? true : undefined}
                  {...register(`mapping.${index}.dynamicField`)}
                >
                  <option value="">{t("settings.dynamicFields.choose")}</option>
                  {withCurrent(
                    fields.map((f) => ({
                      value: f.name,
                      text:
                        f.valid === "VALID"
                          ? `${f.label} (${f.name})`
                          : `${f.label} (${f.name}) — ${t("valid.INVALID")}`,
                    })),
                    row.dynamicField,
                  ).map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.text}
                    </option>
                  ))}
                </select>
                <CellError message={errors.mapping?.[index]?.dynamicField?.message} />
              </>,
            ]}
            remove={{
              text: t("settings.dynamicFields.remove"),
              label: (index) => t("settings.dynamicFields.removeRow", { row: index + 1 }),
              onClick: (index) => mapping.remove(index),
            }}
            add={{
              text: t("settings.dynamicFields.add"),
              onClick: () => mapping.append({ attribute: "", dynamicField: "" }),
            }}
          />
          <p className="field-hint">{t("settings.dynamicFields.hint")}</p>
          <p className="field-hint">{t("settings.dynamicFields.systemFilled")}</p>
          <p>
            <Link to="/dynamic-fields">{t("dynamicFields.manage")}</Link>
          </p>
        </fieldset>
      </fieldset>

      {guard.dialog}
      {!fromOtobo && (
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            {t("form.save")}
          </button>
          <button type="button" className="button button--link" disabled={!isDirty} onClick={() => reset()}>
            {t("matrix.discard")}
          </button>
          {isSubmitting && <span role="status">{t("form.saving")}</span>}
        </div>
      )}
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

/** The options, plus the saved value when it is no longer offered (so a save does not silently drop it). */
function withCurrent(
  options: { value: string; text: string }[],
  current: string,
): { value: string; text: string }[] {
  return !current || options.some((o) => o.value === current)
    ? options
    : [...options, { value: current, text: current }];
}
