import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

export function CopyButton({ text, label }: { text: string; label: string }): ReactNode {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // Clipboard refused (insecure origin or permission): the value stays visible to copy by hand.
      setCopied(false);
    }
  };
  return (
    <button type="button" className="button" onClick={copy} aria-label={label}>
      {copied ? t("common.copied") : t("common.copy")}
    </button>
  );
}
