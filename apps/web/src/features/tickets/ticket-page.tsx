import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { toast } from "sonner";
import { errorMessage, serverErrors } from "../../app/errors";
import { usePageTitle } from "../../app/page-title";
import { useCanWrite } from "../../app/session";
import { TextField } from "../../components/form/field";
import { RecordPage } from "../../components/record-page";
import type { TicketQuery as Result } from "../../gql/graphql";
import { CustomerUserInput } from "./customer-user-input";
import { readableHistory } from "./history";
import { SetTicketCustomerUserMutation, SetTicketDynamicFieldsMutation, TicketQuery } from "./operations";
import "./tickets.css";
import { FormError } from "../../components/form/save-refusal";

type Ticket = NonNullable<Result["ticket"]>;

/** One ticket: change its customer user, its dynamic field values (mapped ones read-only), its history. */
export default function TicketPage(): ReactNode {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { data, error } = useQuery(TicketQuery, { variables: { id }, fetchPolicy: "cache-and-network" });
  const ticket = data?.ticket;
  const title = ticket
    ? t("tickets.editTitle", { number: ticket.number, title: ticket.title })
    : t("tickets.title");
  usePageTitle(title);
  return (
    <RecordPage
      title={title}
      error={error}
      loading={!data}
      missing={!ticket}
      notFound={t("tickets.notFound")}
      listPath="/tickets"
    >
      {ticket && (
        <>
          <CustomerUserSection ticket={ticket} />
          <FieldsSection key={JSON.stringify(ticket.dynamicFields)} ticket={ticket} />
          <HistorySection ticket={ticket} />
        </>
      )}
    </RecordPage>
  );
}

function CustomerUserSection({ ticket }: { ticket: Ticket }): ReactNode {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const [login, setLogin] = useState(ticket.customerUserLogin ?? "");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [save, { loading }] = useMutation(SetTicketCustomerUserMutation, { refetchQueries: ["Ticket"] });
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setFieldError(undefined);
    try {
      await save({ variables: { ticketId: ticket.id, login } });
      toast.success(t("tickets.customerUserSaved", { login }));
    } catch (error) {
      setFieldError(
        serverErrors(error)
          .map((e) => e.message)
          .join(" "),
      );
      toast.error(t("form.saveFailed"));
    }
  };
  return (
    <section className="ticket-section" aria-labelledby="ticket-customer">
      <h2 id="ticket-customer">{t("tickets.customerUser")}</h2>
      <p>
        {t("customer.customerId")}: {ticket.customerId ?? "—"}
      </p>
      {!canWrite && (
        <p>
          {t("tickets.customerUser")}: {ticket.customerUserLogin ?? "—"}
        </p>
      )}
      {canWrite && (
        <form
          onSubmit={submit}
          noValidate
          aria-label={t("tickets.changeCustomerUser")}
          className="ticket-inline-form"
        >
          <CustomerUserInput
            label={t("tickets.customerUser")}
            hint={t("tickets.customerUserChangeHint")}
            required
            error={fieldError}
            term={login}
            value={login}
            onChange={(e) => setLogin(e.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={loading || !login.trim()}>
            {t("tickets.changeCustomerUser")}
          </button>
        </form>
      )}
    </section>
  );
}

function FieldsSection({ ticket }: { ticket: Ticket }): ReactNode {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const editable = ticket.dynamicFields.filter((f) => !f.mapped);
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(editable.map((f) => [f.name, f.value ?? ""])),
  );
  const [formError, setFormError] = useState<string | null>(null);
  const [save, { loading }] = useMutation(SetTicketDynamicFieldsMutation, { refetchQueries: ["Ticket"] });
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setFormError(null);
    try {
      await save({
        variables: {
          ticketId: ticket.id,
          values: editable.map((f) => ({ name: f.name, value: values[f.name] ?? "" })),
        },
      });
      toast.success(t("tickets.fieldsSaved"));
    } catch (error) {
      setFormError(errorMessage(error));
      toast.error(t("form.saveFailed"));
    }
  };
  return (
    <section className="ticket-section" aria-labelledby="ticket-fields">
      <h2 id="ticket-fields">{t("tickets.dynamicFields")}</h2>
      {ticket.dynamicFields.length === 0 ? (
        <p>
          {t("tickets.noFields")} <Link to="/dynamic-fields/new">{t("dynamicFields.add")}</Link>
        </p>
      ) : (
        <table className="ticket-values" aria-label={t("tickets.dynamicFields")}>
          <thead>
            <tr>
              <th scope="col">{t("dynamicFields.label")}</th>
              <th scope="col">{t("tickets.value")}</th>
              <th scope="col">{t("dynamicFields.filledBy")}</th>
            </tr>
          </thead>
          <tbody>
            {ticket.dynamicFields.map((f) => (
              <tr key={f.name}>
                <th scope="row">{f.label ?? f.name}</th>
                <td>{f.value ?? <span className="muted">{t("tickets.empty")}</span>}</td>
                <td>{f.mapped ? t("dynamicFields.systemFilled") : t("dynamicFields.byHand")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite && editable.length > 0 && (
        <form onSubmit={submit} noValidate aria-label={t("tickets.editFields")}>
          <FormError message={formError} />
          <div className="form-grid">
            {editable.map((f) => (
              <TextField
                key={f.name}
                label={f.label ?? f.name}
                value={values[f.name] ?? ""}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                autoComplete="off"
              />
            ))}
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={loading}>
              {t("tickets.saveFields")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function HistorySection({ ticket }: { ticket: Ticket }): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <section className="ticket-section" aria-labelledby="ticket-history">
      <h2 id="ticket-history">{t("tickets.historyTitle")}</h2>
      <table className="ticket-values" aria-label={t("tickets.historyTitle")}>
        <thead>
          <tr>
            <th scope="col">{t("tickets.when")}</th>
            <th scope="col">{t("tickets.historyType")}</th>
            <th scope="col">{t("tickets.what")}</th>
          </tr>
        </thead>
        <tbody>
          {ticket.history.map((h) => (
            <tr key={h.id}>
              <td>{new Date(h.createdAt).toLocaleString(i18n.language)}</td>
              <td>{h.type}</td>
              <td>{readableHistory(h.type, h.name, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
