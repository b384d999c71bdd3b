import { useQuery } from "@apollo/client/react";
import { type InputHTMLAttributes, type ReactNode, type Ref, useEffect, useId, useState } from "react";
import { describedBy, FieldShell } from "../../components/form/field";
import { CustomerUserOptionsQuery } from "./operations";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "list"> & {
  label: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** The current text, to search customer users by while typing. */
  term: string;
};

/** A login field that suggests customer users (login, name, customer) from every backend as one types. */
export function CustomerUserInput({
  label,
  hint,
  error,
  required,
  inputRef,
  term,
  ...input
}: Props): ReactNode {
  const id = useId();
  const [search, setSearch] = useState(term);
  useEffect(() => {
    const handle = setTimeout(() => setSearch(term), 250);
    return () => clearTimeout(handle);
  }, [term]);
  const { data, previousData } = useQuery(CustomerUserOptionsQuery, {
    variables: { search: search ? `*${search}*` : null },
    skip: !search,
  });
  const options = (data ?? previousData)?.customerUsers.nodes ?? [];
  return (
    <FieldShell id={id} label={label} required={required} error={error} hint={hint}>
      <input
        id={id}
        ref={inputRef}
        list={`${id}-options`}
        autoComplete="off"
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
      <datalist id={`${id}-options`}>
        {options.map((o) => (
          <option key={o.login} value={o.login}>
            {`${o.fullName} (${o.customerId})`}
          </option>
        ))}
      </datalist>
    </FieldShell>
  );
}
