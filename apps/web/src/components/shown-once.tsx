import { type ReactNode, useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CopyButton } from "./copy-button";

interface Props {
  title: string;
  hint: string;
  value: string;
  copyLabel: string;
  onDone: () => void;
}

/** A secret (generated password, API token) shown this once: the server keeps only its hash. */
export function ShownOnce({ title, hint, value, copyLabel, onDone }: Props): ReactNode {
  const { t } = useTranslation();
  const titleId = useId();
  const done = useRef<HTMLButtonElement>(null);
  useEffect(() => done.current?.focus(), []);
  return (
    <section className="generated-password" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <p>{hint}</p>
      <div className="generated-password-value">
        <code>{value}</code>
        <CopyButton text={value} label={copyLabel} />
      </div>
      <button ref={done} type="button" className="button button--primary" onClick={onDone}>
        {t("common.continue")}
      </button>
    </section>
  );
}
