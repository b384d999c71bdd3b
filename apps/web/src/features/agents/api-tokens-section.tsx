import { useMutation, useQuery } from "@apollo/client/react";
import { API_TOKEN_NAME_MAX } from "@clientele/domain/rules";
import { type FormEvent, type ReactNode, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { errorMessage, saveFailedToast, serverErrors } from "../../app/errors";
import { type DataColumn, DataTable } from "../../components/data-table/data-table";
import { ErrorNotice } from "../../components/error-notice";
import { TextField } from "../../components/form/field";
import { FormError } from "../../components/form/save-refusal";
import { ShownOnce } from "../../components/shown-once";
import { getFragmentData, graphql } from "../../gql";
import type { AgentRole, ApiTokenFieldsFragment as Row } from "../../gql/graphql";
import { formatDateTime } from "./format";
import { ApiTokensQuery, CreateApiTokenMutation, RevokeApiTokenMutation } from "./operations";
import { RoleSelect } from "./role-select";

/** A token as the table shows it; the list and the creation's answer both spread it. */
export const ApiTokenFields = graphql(`
  fragment ApiTokenFields on ApiToken {
    id
    name
    role
    agentLogin
    createdAt
    expiresAt
    lastUsedAt
    revoked
  }
`);

const isExpired = (row: Row): boolean => !!row.expiresAt && new Date(row.expiresAt).getTime() <= Date.now();

/** API tokens: list, create (shown once with a copy button), revoke after a confirmation. */
export function ApiTokensSection({ canWrite }: { canWrite: boolean }): ReactNode {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const { data, loading, error } = useQuery(ApiTokensQuery, { fetchPolicy: "cache-and-network" });
  const [revoke, { loading: revoking }] = useMutation(RevokeApiTokenMutation);
  const [confirming, setConfirming] = useState<Row | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const columns = useMemo(
    (): DataColumn<Row>[] => [
      { id: "name", header: t("apiTokens.name"), value: (r) => r.name },
      { id: "agent", header: t("apiTokens.agent"), value: (r) => r.agentLogin },
      { id: "role", header: t("agents.role"), value: (r) => t(`role.${r.role}`) },
      {
        id: "created",
        header: t("apiTokens.created"),
        value: (r) => r.createdAt,
        cell: (r) => formatDateTime(r.createdAt, i18n.language),
      },
      {
        id: "expires",
        header: t("apiTokens.expires"),
        value: (r) => r.expiresAt ?? "",
        cell: (r) => (r.expiresAt ? formatDateTime(r.expiresAt, i18n.language) : t("apiTokens.never")),
      },
      {
        id: "lastUsed",
        header: t("apiTokens.lastUsed"),
        value: (r) => r.lastUsedAt ?? "",
        cell: (r) => formatDateTime(r.lastUsedAt, i18n.language),
      },
      {
        id: "state",
        header: t("apiTokens.state"),
        value: (r) => (r.revoked ? 2 : isExpired(r) ? 1 : 0),
        cell: (r) =>
          r.revoked ? (
            <em>{t("apiTokens.revoked")}</em>
          ) : isExpired(r) ? (
            <em>{t("apiTokens.expired")}</em>
          ) : (
            t("apiTokens.active")
          ),
      },
      ...(canWrite
        ? [
            {
              id: "actions",
              header: t("apiTokens.actions"),
              value: () => null,
              sortable: false,
              cell: (r: Row) =>
                r.revoked ? null : (
                  <button
                    type="button"
                    className="button"
                    onClick={() => setConfirming(r)}
                    aria-label={t("apiTokens.revokeNamed", { name: r.name })}
                  >
                    {t("apiTokens.revoke")}
                  </button>
                ),
            },
          ]
        : []),
    ],
    [t, i18n.language, canWrite],
  );

  const confirmRevoke = async (): Promise<void> => {
    if (!confirming) return;
    try {
      await revoke({ variables: { id: confirming.id } });
      toast.success(t("apiTokens.revokedMessage", { name: confirming.name }));
    } catch (e) {
      toast.error(errorMessage(e));
    }
    setConfirming(null);
  };

  return (
    <section className="api-tokens" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("apiTokens.title")}</h2>
      <p className="page-intro">{t("apiTokens.intro")}</p>
      <ErrorNotice error={error} />
      {confirming && (
        <div className="confirm notice notice--warning" role="alertdialog" aria-label={t("apiTokens.revoke")}>
          <p>{t("apiTokens.confirmRevoke", { name: confirming.name })}</p>
          <button
            type="button"
            className="button button--primary"
            disabled={revoking}
            onClick={confirmRevoke}
          >
            {t("apiTokens.revoke")}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(null)}>
            {t("form.cancel")}
          </button>
        </div>
      )}
      {created ? (
        <ShownOnce
          title={t("apiTokens.shownTitle", { name: created.name })}
          hint={t("apiTokens.shownHint")}
          value={created.token}
          copyLabel={t("apiTokens.copy")}
          onDone={() => setCreated(null)}
        />
      ) : (
        canWrite && <CreateTokenForm onCreated={setCreated} />
      )}
      <DataTable
        label={t("apiTokens.title")}
        data={getFragmentData(ApiTokenFields, data?.apiTokens) ?? []}
        columns={columns}
        rowId={(r) => r.id}
        isMuted={(r) => r.revoked || isExpired(r)}
        loading={loading}
        empty={t("apiTokens.none")}
        initialSort={{ id: "created", desc: true }}
      />
    </section>
  );
}

function CreateTokenForm({
  onCreated,
}: {
  onCreated: (created: { name: string; token: string }) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [create, { loading }] = useMutation(CreateApiTokenMutation, { refetchQueries: ["ApiTokens"] });
  const [name, setName] = useState("");
  const [role, setRole] = useState<AgentRole>("READ_ONLY");
  const [expires, setExpires] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const today = new Date().toISOString().slice(0, 10);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (name.trim() === "") {
      setErrors({ name: t("validation.required") });
      return;
    }
    setErrors({});
    // The token works until the end of the chosen day, in the admin's time zone.
    const expiresAt = expires ? new Date(`${expires}T23:59:59.999`).toISOString() : null;
    try {
      const result = await create({ variables: { name: name.trim(), role, expiresAt } });
      const payload = result.data?.createApiToken;
      if (payload) {
        onCreated({ name: getFragmentData(ApiTokenFields, payload.apiToken).name, token: payload.token });
        setName("");
        setExpires("");
      }
    } catch (e) {
      const byField: Record<string, string> = {};
      for (const err of serverErrors(e)) byField[err.field ?? "form"] = err.message;
      setErrors(byField);
      toast.error(saveFailedToast(e, !("form" in byField)));
    }
  };

  return (
    <form className="token-form" onSubmit={submit} noValidate aria-label={t("apiTokens.create")}>
      <FormError message={errors.form} />
      <div className="form-grid">
        <TextField
          label={t("apiTokens.name")}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          autoComplete="off"
          maxLength={API_TOKEN_NAME_MAX}
        />
        <RoleSelect value={role} onChange={(e) => setRole(e.target.value as AgentRole)} error={errors.role} />
        <TextField
          label={t("apiTokens.expiresOn")}
          type="date"
          min={today}
          value={expires}
          onChange={(e) => setExpires(e.target.value)}
          error={errors.expiresAt}
          hint={t("apiTokens.expiresHint")}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={loading}>
          {t("apiTokens.create")}
        </button>
      </div>
    </form>
  );
}
