import { type ReactNode, useId, useRef } from "react";
import { useModalDialog } from "./modal-dialog";

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  /** The confirm button stays off until the answer is complete (a typed login, say). */
  confirmDisabled?: boolean;
  /** An irreversible answer: the confirm button is the danger one. */
  danger?: boolean;
  /** What the answer needs besides yes or no (an error, an input), shown below the question. */
  controls?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal question with two answers. The keyboard stays inside (a modal <dialog> alone lets Tab reach
 * the browser's controls), Escape cancels, and focus returns where it was.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  busy = false,
  confirmDisabled = false,
  danger = false,
  controls,
  onConfirm,
  onCancel,
}: Props): ReactNode {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const ref = useModalDialog(open, cancelRef);
  const titleId = useId();
  const textId = useId();
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={textId}>{children}</div>
      {controls}
      <div className="form-actions">
        <button
          type="button"
          className={`button ${danger ? "button--danger" : "button--primary"}`}
          disabled={busy || confirmDisabled}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="button" disabled={busy} onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
