import { useMutation, useQuery } from "@apollo/client/react";
import { zodResolver } from "@hookform/resolvers/zod";
import { type ReactNode, useMemo } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { toast } from "sonner";
import { usePageTitle } from "../../app/page-title";
import { type DataColumn, DataTable } from "../../components/data-table/data-table";
import { fieldProps, selectProps, TextField } from "../../components/form/field";
import { FormActions } from "../../components/form/form-actions";
import { useFormLeave } from "../../components/form/form-leave";
import { useFormSave } from "../../components/form/form-save";
import { FormError, fieldIn } from "../../components/form/save-refusal";
import { ValidSelect } from "../../components/form/valid-select";
import { RecordPage } from "../../components/record-page";
import { ValidBadge } from "../../components/valid-badge";
import { getFragmentData } from "../../gql";
import type { CustomerFieldsFragment, CustomerQuery as CustomerQueryResult } from "../../gql/graphql";
import { CUSTOMER_USERS_CUSTOMERS_PATH, CUSTOMERS_GROUPS_PATH } from "../assignments/paths";
import { pickHref } from "../assignments/route";
import { HistoryPanel } from "../history/history-panel";
import {
  CUSTOMER_FIELD_NAMES,
  type CustomerValues,
  customerSchema,
  customerValues,
  emptyCustomer,
  isRequired,
  toCustomerInput,
} from "./form-model";
import { CreateCustomerMutation, CustomerFields, CustomerQuery, UpdateCustomerMutation } from "./operations";

const LIST = "/customers";

export default function CustomerFormPage(): ReactNode {
  const { t } = useTranslation();
  const { customerId } = useParams();
  const { data, error } = useQuery(CustomerQuery, {
    variables: { customerId: customerId ?? "" },
    skip: !customerId,
    fetchPolicy: "cache-and-network",
  });
  const title = customerId ? t("customers.editTitle", { customerId }) : t("customers.addTitle");
  usePageTitle(title);
  const customer = data?.customer;
  return (
    <RecordPage
      title={title}
      error={error}
      loading={Boolean(customerId && !data)}
      missing={Boolean(customerId && !customer)}
      notFound={t("customers.notFound", { customerId })}
      listPath={LIST}
    >
      {customer ? (
        <>
          <CustomerForm key={customer.customerId} customer={getFragmentData(CustomerFields, customer)} />
          <nav className="related-links" aria-label={t("customers.assignmentsOf", { customerId })}>
            <Link to={pickHref(CUSTOMERS_GROUPS_PATH, "customer", customer.customerId)}>
              {t("customers.linkGroups")}
            </Link>
            <Link to={pickHref(CUSTOMER_USERS_CUSTOMERS_PATH, "customer", customer.customerId)}>
              {t("customers.linkCustomerUsers")}
            </Link>
          </nav>
          <CustomerUsersOfCustomer customer={customer} />
          <HistoryPanel
            subject={{ kind: "customer", customerId: customer.customerId }}
            version={customer.changedAt ?? null}
          />
        </>
      ) : (
        <CustomerForm />
      )}
    </RecordPage>
  );
}

function CustomerForm({ customer }: { customer?: CustomerFieldsFragment }): ReactNode {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: messages follow the language
  const schema = useMemo(() => customerSchema(t, customer?.url), [t, i18n.language, customer?.url]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<CustomerValues>({
    resolver: zodResolver(schema),
    defaultValues: customer ? customerValues(customer) : emptyCustomer(),
  });
  const leave = useFormLeave(isDirty, LIST);
  const [create] = useMutation(CreateCustomerMutation, { refetchQueries: ["AnyCustomer"] });
  const [update] = useMutation(UpdateCustomerMutation);

  const { onSubmit, saveAndFinish, formError } = useFormSave(
    setError,
    fieldIn([...CUSTOMER_FIELD_NAMES, "valid"] as const),
    async (values: CustomerValues, goToList) => {
      if (!customer) {
        const result = await create({ variables: { input: toCustomerInput(values, "create") } });
        const created = result.data?.createCustomer;
        if (!created) return;
        toast.success(t("customers.created", { customerId: created.customerId }));
        leave.go(goToList ? leave.listUrl : `${LIST}/${encodeURIComponent(created.customerId)}`);
        return;
      }
      const result = await update({
        variables: {
          customerId: customer.customerId,
          input: toCustomerInput(values, "edit"),
          expectedChangedAt: customer.changedAt ?? null,
        },
      });
      const saved = getFragmentData(CustomerFields, result.data?.updateCustomer);
      if (!saved) return;
      toast.success(t("customers.saved", { customerId: saved.customerId }));
      if (goToList) leave.go(leave.listUrl);
      else if (saved.customerId !== customer.customerId)
        leave.go(`${LIST}/${encodeURIComponent(saved.customerId)}`, { replace: true });
      else reset(customerValues(saved));
    },
  );
  const submit = handleSubmit(onSubmit);

  return (
    <form onSubmit={submit} noValidate aria-labelledby="page-title">
      <FormError message={formError} />
      <div className="form-grid">
        {CUSTOMER_FIELD_NAMES.map((field) => (
          <TextField
            key={field}
            label={t(`customer.${field}`)}
            required={isRequired(field)}
            type={field === "url" ? "url" : "text"}
            autoComplete="off"
            {...fieldProps(register, errors, field)}
          />
        ))}
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

type CustomerUserRow = NonNullable<CustomerQueryResult["customer"]>["customerUsers"][number];

function CustomerUsersOfCustomer({
  customer,
}: {
  customer: NonNullable<CustomerQueryResult["customer"]>;
}): ReactNode {
  const { t } = useTranslation();
  const columns = useMemo(
    (): DataColumn<CustomerUserRow>[] => [
      {
        id: "login",
        header: t("attribute.UserLogin"),
        value: (u) => u.login,
        cell: (u) => <Link to={`/customer-users/${encodeURIComponent(u.login)}`}>{u.login}</Link>,
      },
      { id: "name", header: t("customerUsers.name"), value: (u) => u.fullName },
      { id: "email", header: t("attribute.UserEmail"), value: (u) => u.email },
      {
        id: "primary",
        header: t("customers.relation"),
        value: (u) =>
          u.customerId === customer.customerId ? t("customers.primary") : t("customers.assigned"),
      },
      {
        id: "valid",
        header: t("field.valid"),
        value: (u) => u.valid,
        cell: (u) => <ValidBadge valid={u.valid} />,
      },
    ],
    [t, customer.customerId],
  );
  return (
    <section className="related" aria-labelledby="customer-users-of-customer">
      <h2 id="customer-users-of-customer">{t("customers.usersTitle")}</h2>
      <DataTable
        label={t("customers.usersTitle")}
        data={customer.customerUsers}
        columns={columns}
        rowId={(u) => u.login}
        isMuted={(u) => u.valid !== "VALID"}
        initialSort={{ id: "login" }}
        empty={t("customers.noUsers")}
      />
    </section>
  );
}
