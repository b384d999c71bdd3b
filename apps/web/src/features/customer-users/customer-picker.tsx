import { useQuery } from "@apollo/client/react";
import { type KeyboardEvent, type ReactNode, type Ref, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { describedBy, FieldShell } from "../../components/form/field";
import { CustomerOptionsQuery } from "./operations";

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  required?: boolean;
  disabled?: boolean;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * Customer ID as a searchable select of existing customers (WAI-ARIA combobox): type to search by id or
 * name, arrows and Enter to pick.
 */
export function CustomerPicker({
  label,
  value,
  onChange,
  onBlur,
  required,
  disabled,
  error,
  inputRef,
}: Props): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [term, setTerm] = useState(value);
  useEffect(() => {
    const handle = setTimeout(() => setTerm(value), 200);
    return () => clearTimeout(handle);
  }, [value]);
  const { data, previousData, loading } = useQuery(CustomerOptionsQuery, {
    variables: { search: term ? `*${term}*` : null },
    skip: !open,
  });
  // Keep the shown options while the next search runs, so arrows and Enter act on what is on screen.
  const options = (data ?? previousData)?.customers.nodes ?? [];

  const pick = (customerId: string): void => {
    onChange(customerId);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === "Enter" && open && active >= 0 && options[active]) {
      event.preventDefault();
      pick(options[active].customerId);
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  };

  return (
    <FieldShell id={id} label={label} required={required} error={error} hint={t("customerPicker.hint")}>
      <div className="combobox">
        <input
          id={id}
          ref={inputRef}
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-required={required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, true, error)}
          disabled={disabled}
          value={value}
          onChange={(e) => {
            onChange(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            // Let a click on an option land before the list closes.
            setTimeout(() => setOpen(false), 150);
            onBlur();
          }}
          onKeyDown={onKeyDown}
        />
        {open && (
          <div id={listId} role="listbox" aria-label={label} className="combobox-list">
            {loading && options.length === 0 && <div className="combobox-state">{t("common.loading")}</div>}
            {!loading && options.length === 0 && (
              <div className="combobox-state">{t("customerPicker.noMatch")}</div>
            )}
            {options.map((option, index) => (
              <div
                key={option.customerId}
                id={`${listId}-${index}`}
                role="option"
                tabIndex={-1}
                aria-selected={option.customerId === value}
                className={index === active ? "combobox-option combobox-option--active" : "combobox-option"}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(option.customerId);
                }}
              >
                <strong>{option.customerId}</strong> <span>{option.name}</span>
                {option.valid !== "VALID" && <em> ({t(`valid.${option.valid}`)})</em>}
              </div>
            ))}
          </div>
        )}
      </div>
    </FieldShell>
  );
}
