import { useMutation, useQuery } from "@apollo/client/react";
import { PREFERENCE_KEY_MAX } from "@clientele/domain/rules";
import { type ReactNode, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { serverErrors } from "../../app/errors";
import { ErrorNotice } from "../../components/error-notice";
import { FormError } from "../../components/form/save-refusal";
import { CellError, RowsTable } from "../../components/rows-table";
import { getFragmentData } from "../../gql";
import {
  CustomerUserPreferencesFields,
  CustomerUserPreferencesQuery,
  SetCustomerUserPreferencesMutation,
} from "./operations";

/** OTOBO's frontend languages most desks use; a stored code that is not listed still shows. */
const LANGUAGES = [
  "en",
  "de",
  "nl",
  "fr",
  "es",
  "it",
  "pt",
  "pt_BR",
  "da",
  "sv",
  "nb_NO",
  "fi",
  "pl",
  "cs",
  "hu",
  "ro",
  "ru",
  "uk",
  "tr",
  "el",
  "zh_CN",
  "zh_TW",
  "ja",
];

export const LANGUAGE_KEY = "UserLanguage";
export const TIME_ZONE_KEY = "UserTimeZone";

interface Row {
  id: number;
  key: string;
  value: string;
}

export interface PreferenceDraft {
  language: string;
  timeZone: string;
  others: Row[];
}

/** Splits stored preferences into the two known selects and the generic rows. */
export function draftFromPreferences(
  preferences: readonly { key: string; value?: string | null }[],
): PreferenceDraft {
  let id = 0;
  const value = (key: string) => preferences.find((p) => p.key === key)?.value ?? "";
  return {
    language: value(LANGUAGE_KEY),
    timeZone: value(TIME_ZONE_KEY),
    others: preferences
      .filter((p) => p.key !== LANGUAGE_KEY && p.key !== TIME_ZONE_KEY)
      .map((p) => ({ id: id++, key: p.key, value: p.value ?? "" })),
  };
}

/** The set to save; an empty select leaves the preference out (OTOBO's default applies). */
export function preferencesFromDraft(draft: PreferenceDraft): { key: string; value: string }[] {
  return [
    ...(draft.language ? [{ key: LANGUAGE_KEY, value: draft.language }] : []),
    ...(draft.timeZone ? [{ key: TIME_ZONE_KEY, value: draft.timeZone }] : []),
    ...draft.others.map((r) => ({ key: r.key.trim(), value: r.value })),
  ];
}

function timeZones(): string[] {
  const zones =
    typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ([] as string[]);
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

function languageName(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: "language" }).of(code.replace("_", "-"));
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** The customer user's preferences (OTOBO's customer_preferences), saved as one set. */
export function PreferencesSection({ login }: { login: string }): ReactNode {
  const { t } = useTranslation();
  const { data, error } = useQuery(CustomerUserPreferencesQuery, {
    variables: { login },
    fetchPolicy: "cache-and-network",
  });
  const preferences = getFragmentData(CustomerUserPreferencesFields, data?.customerUser)?.preferences;
  return (
    <section className="preferences" aria-labelledby="preferences-title">
      <h2 id="preferences-title">{t("preferences.title")}</h2>
      <ErrorNotice error={error} />
      {!preferences && !error && <p role="status">{t("common.loading")}</p>}
      {preferences && (
        <PreferencesForm key={JSON.stringify(preferences)} login={login} preferences={preferences} />
      )}
    </section>
  );
}

function PreferencesForm({
  login,
  preferences,
}: {
  login: string;
  preferences: readonly { key: string; value?: string | null }[];
}): ReactNode {
  const { t, i18n } = useTranslation();
  const id = useId();
  const initial = useMemo(() => draftFromPreferences(preferences), [preferences]);
  const [draft, setDraft] = useState<PreferenceDraft>(initial);
  const [nextId, setNextId] = useState(initial.others.length);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [save, { loading }] = useMutation(SetCustomerUserPreferencesMutation);
  const zones = useMemo(timeZones, []);
  const languages =
    draft.language && !LANGUAGES.includes(draft.language) ? [draft.language, ...LANGUAGES] : LANGUAGES;
  const zoneOptions = draft.timeZone && !zones.includes(draft.timeZone) ? [draft.timeZone, ...zones] : zones;

  const setRow = (rowId: number, change: Partial<Row>) =>
    setDraft((d) => ({ ...d, others: d.others.map((r) => (r.id === rowId ? { ...r, ...change } : r)) }));

  const onSubmit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    const empty = draft.others.findIndex((r) => r.key.trim() === "");
    if (empty >= 0) {
      setErrors({ [`row.${draft.others[empty]!.id}.key`]: t("validation.required") });
      return;
    }
    const list = preferencesFromDraft(draft);
    // Which control each server index belongs to, to show its message beside it.
    const targets = [
      ...(draft.language ? ["language"] : []),
      ...(draft.timeZone ? ["timeZone"] : []),
      ...draft.others.map((r) => `row.${r.id}`),
    ];
    try {
      await save({ variables: { login, preferences: list } });
      toast.success(t("preferences.saved"));
    } catch (e) {
      const next: Record<string, string> = {};
      const unplaced: string[] = [];
      for (const err of serverErrors(e)) {
        const m = err.field?.match(/^preferences\.(\d+)\.(key|value)$/);
        const target = m ? targets[Number(m[1])] : undefined;
        if (target && m) next[target.startsWith("row.") ? `${target}.${m[2]}` : target] = err.message;
        else unplaced.push(err.message);
      }
      setErrors(next);
      setFormError(unplaced.length ? unplaced.join(" ") : null);
      toast.error(t("preferences.saveFailed"));
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("preferences.title")}>
      <FormError message={formError} />
      <div className="form-grid">
        <div className={errors.language ? "field field--error" : "field"}>
          <label htmlFor={`${id}-language`}>{t("preferences.language")}</label>
          <select
            id={`${id}-language`}
            value={draft.language}
            onChange={(e) => setDraft((d) => ({ ...d, language: e.target.value }))}
          >
            <option value="">{t("preferences.systemDefault")}</option>
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageName(code, i18n.language)}
              </option>
            ))}
          </select>
          {errors.language && <p className="field-error">{errors.language}</p>}
        </div>
        <div className={errors.timeZone ? "field field--error" : "field"}>
          <label htmlFor={`${id}-timezone`}>{t("preferences.timeZone")}</label>
          <select
            id={`${id}-timezone`}
            value={draft.timeZone}
            onChange={(e) => setDraft((d) => ({ ...d, timeZone: e.target.value }))}
          >
            <option value="">{t("preferences.systemDefault")}</option>
            {zoneOptions.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          {errors.timeZone && <p className="field-error">{errors.timeZone}</p>}
        </div>
      </div>
      <RowsTable
        label={t("preferences.other")}
        headers={[t("preferences.key"), t("preferences.value")]}
        actionsHeader={t("preferences.actions")}
        none={t("preferences.none")}
        rows={draft.others}
        rowKey={(row) => row.id}
        cells={(row, index) => [
          <>
            <input
              aria-label={t("preferences.keyOfRow", { row: index + 1 })}
              aria-invalid={errors[`row.${row.id}.key`] ? true : undefined}
              maxLength={PREFERENCE_KEY_MAX}
              value={row.key}
              onChange={(e) => setRow(row.id, { key: e.target.value })}
            />
            <CellError message={errors[`row.${row.id}.key`]} />
          </>,
          <>
            <input
              aria-label={t("preferences.valueOfRow", { row: index + 1 })}
              aria-invalid={errors[`row.${row.id}.value`] ? true : undefined}
              value={row.value}
              onChange={(e) => setRow(row.id, { value: e.target.value })}
            />
            <CellError message={errors[`row.${row.id}.value`]} />
          </>,
        ]}
        remove={{
          text: t("preferences.remove"),
          label: (index) => t("preferences.removeRow", { row: index + 1 }),
          onClick: (index) => setDraft((d) => ({ ...d, others: d.others.filter((_, i) => i !== index) })),
        }}
        add={{
          text: t("preferences.add"),
          onClick: () => {
            setDraft((d) => ({ ...d, others: [...d.others, { id: nextId, key: "", value: "" }] }));
            setNextId((n) => n + 1);
          },
        }}
      />
      <p className="field-hint">{t("preferences.hint")}</p>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={loading}>
          {t("preferences.save")}
        </button>
        {loading && <span role="status">{t("form.saving")}</span>}
      </div>
    </form>
  );
}
