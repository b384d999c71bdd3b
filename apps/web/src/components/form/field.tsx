import { type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, useId } from "react";
import {
  type FieldErrors,
  type FieldValues,
  get,
  type Path,
  type RegisterOptions,
  type UseFormRegister,
} from "react-hook-form";
import { useTranslation } from "react-i18next";

interface FieldShellProps {
  id: string;
  label: string;
  required?: boolean;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}

/** Label, required mark, hint and error for one control, wired with aria-describedby. */
export function FieldShell({ id, label, required, error, hint, children }: FieldShellProps): ReactNode {
  const { t } = useTranslation();
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>
        {label}
        {/* The mark is drawn by CSS so the label's text stays the field's name; aria-required tells the rest. */}
        {required && <span className="required-mark" aria-hidden="true" title={t("form.required")} />}
      </label>
      {children}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  label: string;
  required?: boolean;
  error?: string | undefined;
  hint?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
};

export function TextField({ label, required, error, hint, inputRef, ...input }: TextFieldProps): ReactNode {
  const id = useId();
  return (
    <FieldShell id={id} label={label} required={required} error={error} hint={hint}>
      <input
        id={id}
        ref={inputRef}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: string;
  required?: boolean;
  error?: string | undefined;
  hint?: ReactNode;
  selectRef?: Ref<HTMLSelectElement>;
};

/** A labelled select; its options are the children. */
export function SelectField({
  label,
  required,
  error,
  hint,
  selectRef,
  children,
  ...select
}: SelectFieldProps): ReactNode {
  const id = useId();
  return (
    <FieldShell id={id} label={label} required={required} error={error} hint={hint}>
      <select
        id={id}
        ref={selectRef}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {children}
      </select>
    </FieldShell>
  );
}

/** A react-hook-form field as a TextField takes it: its handlers, its ref and its error message. */
export function fieldProps<Values extends FieldValues>(
  register: UseFormRegister<Values>,
  errors: FieldErrors<Values>,
  name: Path<Values>,
  options?: RegisterOptions<Values, Path<Values>>,
) {
  const { ref, ...handlers } = register(name, options);
  const error: string | undefined = (get(errors, name) as { message?: string } | undefined)?.message;
  return { ...handlers, inputRef: ref, error };
}

/** The same for a SelectField. */
export function selectProps<Values extends FieldValues>(
  register: UseFormRegister<Values>,
  errors: FieldErrors<Values>,
  name: Path<Values>,
) {
  const { inputRef, ...rest } = fieldProps(register, errors, name);
  return { ...rest, selectRef: inputRef };
}
