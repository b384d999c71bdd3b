import { useMutation, useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { toast } from "sonner";
import { usePageTitle } from "../../app/page-title";
import { fieldProps, TextField } from "../../components/form/field";
import { FormActions } from "../../components/form/form-actions";
import { useFormSave } from "../../components/form/form-save";
import { FormError, fieldIn } from "../../components/form/save-refusal";
import { CustomerUserInput } from "./customer-user-input";
import { CreateTicketMutation, TicketFieldsQuery } from "./operations";

interface Values {
  title: string;
  customerUserLogin: string;
  fields: Record<string, string>;
}

/** A new ticket: title, customer user (searched), and the dynamic fields that are not filled from the user. */
export default function NewTicketPage(): ReactNode {
  const { t } = useTranslation();
  usePageTitle(t("tickets.addTitle"));
  const navigate = useNavigate();
  const fieldsQuery = useQuery(TicketFieldsQuery);
  const ticketFields = (fieldsQuery.data?.dynamicFields ?? []).filter(
    (f) => f.objectType === "Ticket" && f.valid === "VALID",
  );
  const [create] = useMutation(CreateTicketMutation, { refetchQueries: ["TicketsList"] });
  const {
    register,
    handleSubmit,
    watch,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { title: "", customerUserLogin: "", fields: {} } });
  const { onSubmit, saveAndFinish, formError } = useFormSave(
    setError,
    fieldIn(["title", "customerUserLogin"] as const),
    async (values: Values, finish) => {
      const result = await create({
        variables: {
          input: {
            title: values.title,
            customerUserLogin: values.customerUserLogin.trim() || null,
            dynamicFields: ticketFields
              .filter((f) => !f.mapped && (values.fields[f.name] ?? "").trim() !== "")
              .map((f) => ({ name: f.name, value: values.fields[f.name] ?? "" })),
          },
        },
      });
      const created = result.data?.createTicket;
      if (!created) return;
      toast.success(t("tickets.created", { number: created.number }));
      navigate(finish ? "/tickets" : `/tickets/${encodeURIComponent(created.id)}`);
    },
  );
  const submit = handleSubmit(onSubmit);
  const { ref: loginRef, ...login } = register("customerUserLogin");
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("tickets.addTitle")}</h1>
      </div>
      <form onSubmit={submit} noValidate aria-label={t("tickets.formLabel")}>
        <FormError message={formError} />
        <div className="form-grid">
          <TextField
            label={t("tickets.ticketTitle")}
            required
            autoComplete="off"
            {...fieldProps(register, errors, "title", { required: t("validation.required") })}
          />
          <CustomerUserInput
            label={t("tickets.customerUser")}
            hint={t("tickets.customerUserHint")}
            error={errors.customerUserLogin?.message}
            inputRef={loginRef}
            term={watch("customerUserLogin")}
            {...login}
          />
          {ticketFields.map((f) =>
            f.mapped ? null : (
              <TextField key={f.name} label={f.label} autoComplete="off" {...register(`fields.${f.name}`)} />
            ),
          )}
        </div>
        {ticketFields.some((f) => f.mapped) && (
          <p className="field-hint">
            {t("tickets.mappedFields", {
              fields: ticketFields
                .filter((f) => f.mapped)
                .map((f) => f.label)
                .join(", "),
            })}
          </p>
        )}
        <FormActions
          cancelTo="/tickets"
          saving={isSubmitting}
          onSaveAndFinish={() => saveAndFinish.submit(submit)}
        />
      </form>
    </div>
  );
}
