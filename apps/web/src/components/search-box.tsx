import { type FormEvent, type ReactNode, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  label: string;
  value: string;
  onSearch: (term: string) => void;
}

/** One search box: Enter or the magnifier starts the search; `*` is a wildcard. */
export function SearchBox({ label, value, onSearch }: Props): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const [term, setTerm] = useState(value);
  useEffect(() => setTerm(value), [value]);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSearch(term.trim());
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not in React's JSX types yet; role=search on a form is equivalent
    <form role="search" className="search-box" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <div className="search-box-row">
        <input
          id={id}
          type="search"
          value={term}
          onChange={(e) => setTerm(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <button type="submit" className="button" aria-label={t("search.start")}>
          <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">
            <circle cx="6.5" cy="6.5" r="5" fill="none" stroke="currentColor" strokeWidth="2" />
            <line x1="10" y1="10" x2="15" y2="15" stroke="currentColor" strokeWidth="2" />
          </svg>
        </button>
      </div>
      <p className="field-hint" id={`${id}-hint`}>
        {t("search.hint")}
      </p>
    </form>
  );
}
