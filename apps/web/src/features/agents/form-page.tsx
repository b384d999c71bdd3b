import { useMutation, useQuery } from "@apollo/client/react";
import { AGENT_FIELDS, textSchema } from "@clientele/domain/rules";
import { zodResolver } from "@hookform/resolvers/zod";
import type { TFunction } from "i18next";
import { type FormEvent, type ReactNode, useId, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { toast } from "sonner";
import { z } from "zod";
import { errorMessage, saveFailedToast } from "../../app/errors";
import { usePageTitle } from "../../app/page-title";
import { useCanWrite } from "../../app/session";
import { fieldProps, selectProps, TextField } from "../../components/form/field";
import { FormActions } from "../../components/form/form-actions";
import { useFormSave } from "../../components/form/form-save";
import { ruleMessages } from "../../components/form/rule-messages";
import { FormError, fieldIn } from "../../components/form/save-refusal";
import { ValidSelect } from "../../components/form/valid-select";
import { RecordPage } from "../../components/record-page";
import { ShownOnce } from "../../components/shown-once";
import { getFragmentData } from "../../gql";
import type { AgentFieldsFragment as Agent, AgentRole, ValidState } from "../../gql/graphql";
import { formatDateTime, randomPassword } from "./format";
import {
  AgentFields,
  AgentQuery,
  CreateAgentMutation,
  SetAgentPasswordMutation,
  UpdateAgentMutation,
} from "./operations";
import { RoleSelect } from "./role-select";
import "./agents.css";

interface AgentValues {
  login: string;
  firstName: string;
  lastName: string;
  role: AgentRole;
  valid: ValidState;
  password: string;
}

const FIELDS = ["login", "firstName", "lastName", "role", "valid", "password"] as const;

function agentSchema(t: TFunction): z.ZodType<AgentValues, AgentValues> {
  const messages = ruleMessages(t);
  return z.object({
    login: textSchema(AGENT_FIELDS.login, messages),
    firstName: textSchema(AGENT_FIELDS.firstName, messages),
    lastName: textSchema(AGENT_FIELDS.lastName, messages),
    role: z.enum(["ADMIN", "READ_ONLY"]),
    valid: z.enum(["VALID", "INVALID", "INVALID_TEMPORARILY"]),
    password: textSchema(AGENT_FIELDS.password, messages),
  });
}

const initialValues = (agent?: Agent): AgentValues => ({
  login: agent?.login ?? "",
  firstName: agent?.firstName ?? "",
  lastName: agent?.lastName ?? "",
  role: agent?.role ?? "READ_ONLY",
  valid: agent?.valid ?? "VALID",
  password: "",
});

/** Add (`/agents/new`) or edit (`/agents/:id`) an agent; an edited agent also gets a password reset. */
export default function AgentFormPage(): ReactNode {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data, error } = useQuery(AgentQuery, { variables: { id: id ?? "" }, skip: !id });
  const agent = getFragmentData(AgentFields, data?.agent) ?? undefined;
  const title = id ? t("agents.editTitle", { login: agent?.login ?? id }) : t("agents.addTitle");
  usePageTitle(title);

  return (
    <RecordPage
      title={title}
      error={error}
      loading={Boolean(id && !data)}
      missing={Boolean(id && !agent)}
      notFound={t("agents.notFound")}
      listPath="/agents"
    >
      <AgentForm key={agent?.id ?? "new"} agent={agent} />
      {agent && <PasswordReset agent={agent} />}
    </RecordPage>
  );
}

function AgentForm({ agent }: { agent: Agent | undefined }): ReactNode {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [create] = useMutation(CreateAgentMutation, { refetchQueries: ["AgentsList"] });
  const [update] = useMutation(UpdateAgentMutation);
  const [generated, setGenerated] = useState<{ password: string; next: string } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: messages follow the language
  const schema = useMemo(() => agentSchema(t), [t, i18n.language]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<AgentValues>({ resolver: zodResolver(schema), defaultValues: initialValues(agent) });

  const { onSubmit, saveAndFinish, formError } = useFormSave(
    setError,
    fieldIn(FIELDS),
    async (values: AgentValues, finish) => {
      const input = {
        login: values.login.trim(),
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        role: values.role,
        valid: values.valid,
      };
      if (!agent) {
        const result = await create({ variables: { input: { ...input, password: values.password } } });
        const payload = result.data?.createAgent;
        if (!payload) return;
        const created = getFragmentData(AgentFields, payload.agent);
        toast.success(t("agents.created", { login: created.login }));
        const next = finish ? "/agents" : `/agents/${encodeURIComponent(created.id)}`;
        if (payload.generatedPassword) setGenerated({ password: payload.generatedPassword, next });
        else navigate(next);
        return;
      }
      const result = await update({ variables: { id: agent.id, input } });
      const saved = getFragmentData(AgentFields, result.data?.updateAgent);
      toast.success(t("agents.saved", { login: saved?.login ?? input.login }));
      if (finish) navigate("/agents");
      else reset(values);
    },
  );

  if (generated) {
    return (
      <ShownOnce
        title={t("agents.generatedTitle")}
        hint={t("agents.generatedHint")}
        value={generated.password}
        copyLabel={t("agents.copyPassword")}
        onDone={() => navigate(generated.next)}
      />
    );
  }

  const submit = handleSubmit(onSubmit);
  const field = (name: (typeof FIELDS)[number]) => fieldProps(register, errors, name);
  return (
    <form onSubmit={submit} noValidate aria-label={t("agents.formLabel")}>
      <FormError message={formError} />
      {agent && (
        <p className="agent-facts">
          {t("agents.lastLogin")}: {formatDateTime(agent.lastLoginAt, i18n.language)} ·{" "}
          {t("agents.createdAt")}: {formatDateTime(agent.createdAt, i18n.language)}
        </p>
      )}
      <div className="form-grid">
        <TextField label={t("agents.login")} required autoComplete="off" {...field("login")} />
        <TextField label={t("agents.firstName")} required autoComplete="off" {...field("firstName")} />
        <TextField label={t("agents.lastName")} required autoComplete="off" {...field("lastName")} />
        <RoleSelect {...selectProps(register, errors, "role")} />
        <ValidSelect {...selectProps(register, errors, "valid")} />
        {!agent && (
          <TextField
            label={t("agents.password")}
            type="password"
            hint={t("agents.passwordGenerate")}
            autoComplete="new-password"
            {...field("password")}
          />
        )}
      </div>
      <FormActions
        cancelTo="/agents"
        saving={isSubmitting}
        onSaveAndFinish={() => saveAndFinish.submit(submit)}
      />
    </form>
  );
}

/** Sets a typed password, or generates one shown once; the agent's other sessions end. */
function PasswordReset({ agent }: { agent: Agent }): ReactNode {
  const { t } = useTranslation();
  const headingId = useId();
  const canWrite = useCanWrite();
  const [setPassword, { loading }] = useMutation(SetAgentPasswordMutation);
  const [password, setPasswordValue] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [shown, setShown] = useState<string | null>(null);
  if (!canWrite) return null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(undefined);
    const chosen = password === "" ? randomPassword() : password;
    try {
      await setPassword({ variables: { id: agent.id, password: chosen } });
      setPasswordValue("");
      if (password === "") setShown(chosen);
      else toast.success(t("agents.passwordSet", { login: agent.login }));
    } catch (e) {
      setError(errorMessage(e));
      toast.error(saveFailedToast(e, false));
    }
  };

  return (
    <section className="password-reset" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("agents.passwordReset")}</h2>
      {shown ? (
        <ShownOnce
          title={t("agents.generatedTitle")}
          hint={t("agents.generatedHint")}
          value={shown}
          copyLabel={t("agents.copyPassword")}
          onDone={() => setShown(null)}
        />
      ) : (
        <form onSubmit={submit} noValidate aria-label={t("agents.passwordReset")}>
          <div className="form-grid">
            <TextField
              label={t("agents.newPassword")}
              type="password"
              value={password}
              onChange={(e) => setPasswordValue(e.target.value)}
              error={error}
              hint={t("agents.passwordResetHint")}
              autoComplete="new-password"
              maxLength={AGENT_FIELDS.password.max}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={loading}>
              {t("agents.setPassword")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
