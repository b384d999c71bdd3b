import { useMutation, useQuery } from "@apollo/client/react";
import { zodResolver } from "@hookform/resolvers/zod";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { toast } from "sonner";
import { usePageTitle } from "../../app/page-title";
import { CopyButton } from "../../components/copy-button";
import { TextField } from "../../components/form/field";
import { FormActions } from "../../components/form/form-actions";
import { useFormLeave } from "../../components/form/form-leave";
import { useFormSave } from "../../components/form/form-save";
import { FormError } from "../../components/form/save-refusal";
import { ValidSelect } from "../../components/form/valid-select";
import { RecordPage } from "../../components/record-page";
import { getFragmentData } from "../../gql";
import type { CustomerUserFieldsFragment, SourcesQuery as SourcesQueryResult } from "../../gql/graphql";
import { DataProtectionSection } from "../data-protection/data-protection-section";
import { HistoryPanel } from "../history/history-panel";
import { EffectivePermissions } from "../permissions/effective-permissions";
import { SourcesQuery } from "../sources/operations";
import { DynamicFieldPreview } from "../tickets/preview";
import { attributeLabel } from "./attribute-label";
import { CustomerPicker } from "./customer-picker";
import {
  customerUserSchema,
  emptyValues,
  type FieldDefinition,
  type FormValues,
  fieldKind,
  formFieldForServerField,
  formFields,
  toCustomerUserInput,
  valuesFromUser,
  writableSources,
} from "./form-model";
import { AnyCustomerQuery } from "./list-query";
import {
  CreateCustomerUserMutation,
  CustomerUserFields,
  CustomerUserQuery,
  UpdateCustomerUserMutation,
} from "./operations";
import { PreferencesSection } from "./preferences-section";

const LIST = "/customer-users";

export default function CustomerUserFormPage(): ReactNode {
  const { t } = useTranslation();
  const { login } = useParams();
  const sources = useQuery(SourcesQuery);
  const user = useQuery(CustomerUserQuery, {
    variables: { login: login ?? "" },
    skip: !login,
    fetchPolicy: "cache-and-network",
  });
  const anyCustomer = useQuery(AnyCustomerQuery, { skip: !!login, fetchPolicy: "network-only" });

  const title = login ? t("customerUsers.editTitle", { login }) : t("customerUsers.addTitle");
  usePageTitle(title);
  const backends = sources.data?.customerUserSources;
  const existing = getFragmentData(CustomerUserFields, user.data?.customerUser);
  return (
    <RecordPage
      title={title}
      error={sources.error ?? user.error ?? anyCustomer.error}
      loading={!backends || (login ? !user.data : !anyCustomer.data)}
      missing={Boolean(login && !existing)}
      notFound={t("customerUsers.notFound", { login })}
      listPath={LIST}
    >
      {backends &&
        (existing ? (
          <ExistingUser user={existing} backends={backends} />
        ) : (
          <NewUser backends={backends} noCustomer={anyCustomer.data?.customers.nodes.length === 0} />
        ))}
    </RecordPage>
  );
}

type Backend = NonNullable<SourcesQueryResult["customerUserSources"]>[number];

/** An existing customer user: the form, then its preferences, permissions, data protection and history. */
function ExistingUser({
  user,
  backends,
}: {
  user: CustomerUserFieldsFragment;
  backends: Backend[];
}): ReactNode {
  const backend = backends.find((b) => b.id === user.source);
  return (
    <>
      <CustomerUserForm
        key={user.login}
        fields={backend?.fields ?? []}
        source={user.source}
        sourceName={backend?.name ?? user.source}
        user={user}
      />
      <PreferencesSection login={user.login} />
      <EffectivePermissions login={user.login} />
      <DynamicFieldPreview login={user.login} />
      <DataProtectionSection
        login={user.login}
        readOnly={user.readOnly}
        sourceName={backend?.name ?? user.source}
      />
      <HistoryPanel subject={{ kind: "customerUser", login: user.login }} version={user.changedAt ?? null} />
    </>
  );
}

/** A new customer user: in which backend (when more than one can be written), then the form. */
function NewUser({ backends, noCustomer }: { backends: Backend[]; noCustomer: boolean }): ReactNode {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  if (noCustomer) {
    return (
      <div className="notice notice--warning" role="alert">
        {t("customerUsers.addNeedsCustomer")} <Link to="/customers/new">{t("customers.add")}</Link>
      </div>
    );
  }
  const writable = writableSources(backends);
  if (writable.length === 0) {
    return (
      <div className="notice notice--warning" role="alert">
        {t("customerUsers.noWritableSource")}
      </div>
    );
  }
  const chosen = writable.length === 1 ? writable[0] : writable.find((b) => b.id === params.get("source"));
  return (
    <>
      {writable.length > 1 && (
        <label className="field source-choice">
          <span>{t("customerUsers.chooseSource")}</span>
          <select
            value={chosen?.id ?? ""}
            onChange={(e) => setParams(e.target.value ? { source: e.target.value } : {}, { replace: true })}
          >
            <option value="">{t("customerUsers.chooseSourcePlaceholder")}</option>
            {writable.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {chosen && (
        <CustomerUserForm
          key={chosen.id}
          fields={chosen.fields}
          source={chosen.id}
          sourceName={chosen.name}
        />
      )}
    </>
  );
}

interface FormProps {
  fields: readonly FieldDefinition[];
  source: string;
  sourceName: string;
  user?: CustomerUserFieldsFragment;
}

function CustomerUserForm({ fields, source, sourceName, user }: FormProps): ReactNode {
  const { t, i18n } = useTranslation();
  const [generated, setGenerated] = useState<{ password: string; next: string } | null>(null);
  const shown = useMemo(() => formFields(fields), [fields]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: messages follow the language
  const schema = useMemo(() => customerUserSchema(fields, t), [fields, t, i18n.language]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, dirtyFields, isSubmitting, isDirty },
  } = useForm<FormValues>({
    resolver: zodResolver(schema),
    defaultValues: user ? valuesFromUser(user, fields) : emptyValues(fields),
  });
  const leave = useFormLeave(isDirty, LIST);
  const [create] = useMutation(CreateCustomerUserMutation);
  const [update] = useMutation(UpdateCustomerUserMutation);
  const readOnly = user?.readOnly ?? false;

  const { onSubmit, saveAndFinish, formError } = useFormSave(
    setError,
    (field) => formFieldForServerField(field, fields),
    async (values: FormValues, goToList) => {
      if (!user) {
        const result = await create({ variables: { input: toCustomerUserInput(values, fields), source } });
        const created = result.data?.createCustomerUser;
        if (!created) return;
        toast.success(t("customerUsers.created", { login: created.customerUser.login }));
        const next = goToList ? leave.listUrl : `${LIST}/${encodeURIComponent(created.customerUser.login)}`;
        if (created.generatedPassword) setGenerated({ password: created.generatedPassword, next });
        else leave.go(next);
        return;
      }
      const changed = new Set(Object.keys(dirtyFields).filter((k) => dirtyFields[k]));
      const result = await update({
        variables: {
          login: user.login,
          input: toCustomerUserInput(values, fields, changed),
          expectedChangedAt: user.changedAt ?? null,
        },
      });
      const saved = getFragmentData(CustomerUserFields, result.data?.updateCustomerUser);
      if (!saved) return;
      toast.success(t("customerUsers.saved", { login: saved.login }));
      if (goToList) leave.go(leave.listUrl);
      else if (saved.login !== user.login)
        leave.go(`${LIST}/${encodeURIComponent(saved.login)}`, { replace: true });
      else reset(valuesFromUser(saved, fields));
    },
  );

  const submit = handleSubmit(onSubmit);

  if (generated) {
    return <GeneratedPassword password={generated.password} onDone={() => leave.go(generated.next)} />;
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="page-title">
      {readOnly && (
        <div className="notice notice--info" role="note">
          {t("customerUsers.readOnly", { source: sourceName })}
        </div>
      )}
      <FormError message={formError} />
      <fieldset disabled={readOnly} className="form-grid">
        <legend className="visually-hidden">{t("customerUsers.formLabel")}</legend>
        {shown.map((field) => {
          const label = attributeLabel(t, field.attribute, field.label);
          const error = errors[field.attribute]?.message;
          const kind = fieldKind(field.attribute);
          // The fieldset disables everything for a read-only source; each control says so too, for
          // tools that look at the control alone.
          const disabled = field.readOnly || readOnly;
          if (kind === "valid") {
            return (
              <ValidSelect
                key={field.attribute}
                error={error}
                disabled={disabled}
                {...register(field.attribute)}
              />
            );
          }
          if (kind === "customer") {
            return (
              <Controller
                key={field.attribute}
                control={control}
                name={field.attribute}
                render={({ field: f }) => (
                  <CustomerPicker
                    label={label}
                    required={field.required}
                    disabled={disabled || readOnly}
                    error={error}
                    value={f.value ?? ""}
                    onChange={f.onChange}
                    onBlur={f.onBlur}
                    inputRef={f.ref}
                  />
                )}
              />
            );
          }
          const { ref, ...rest } = register(field.attribute);
          return (
            <TextField
              key={field.attribute}
              label={label}
              required={field.required && kind !== "password"}
              error={error}
              disabled={disabled}
              inputRef={ref}
              type={kind === "password" ? "password" : kind === "email" ? "email" : "text"}
              autoComplete={kind === "password" ? "new-password" : "off"}
              hint={
                kind === "password"
                  ? user
                    ? t("customerUsers.passwordKeep")
                    : t("customerUsers.passwordGenerate")
                  : undefined
              }
              {...rest}
            />
          );
        })}
      </fieldset>
      {leave.dialog}
      {!readOnly && (
        <FormActions
          cancelTo={leave.listUrl}
          saving={isSubmitting}
          onSaveAndFinish={() => saveAndFinish.submit(submit)}
        />
      )}
      {readOnly && (
        <div className="form-actions">
          <Link to={leave.listUrl} className="button">
            {t("customerUsers.backToList")}
          </Link>
        </div>
      )}
    </form>
  );
}

/** The generated password is shown once, never again: the server keeps only its hash. */
function GeneratedPassword({ password, onDone }: { password: string; onDone: () => void }): ReactNode {
  const { t } = useTranslation();
  const done = useRef<HTMLButtonElement>(null);
  useEffect(() => done.current?.focus(), []);
  return (
    <section
      className="generated-password"
      role="dialog"
      aria-modal="false"
      aria-labelledby="generated-title"
    >
      <h2 id="generated-title">{t("customerUsers.generatedTitle")}</h2>
      <p>{t("customerUsers.generatedHint")}</p>
      <div className="generated-password-value">
        <code>{password}</code>
        <CopyButton text={password} label={t("customerUsers.copyPassword")} />
      </div>
      <button ref={done} type="button" className="button button--primary" onClick={onDone}>
        {t("common.continue")}
      </button>
    </section>
  );
}
