import { type ReactNode, useCallback, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";
import { useModalDialog } from "./modal-dialog";

export interface UnsavedChangesGuard {
  /** The confirmation dialog; render it once on the page. */
  dialog: ReactNode;
  /** Lets the next navigation through without asking (after a successful "Save and finish"). */
  allowNextNavigation: () => void;
}

/**
 * Asks before unsaved changes are lost: a dialog for navigation inside the app (links, Cancel, the back
 * button, picking another item on the left) and the browser's own prompt for reloads and closing the
 * tab. `textKey` says what would be lost (ticks in a matrix, typed values in a form).
 */
export function useUnsavedChangesGuard(
  dirty: boolean,
  textKey: "matrix.unsavedText" | "form.unsavedText" = "matrix.unsavedText",
): UnsavedChangesGuard {
  const { t } = useTranslation();
  const allowed = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      !allowed.current &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    if (!dirty) {
      allowed.current = false;
      return;
    }
    const warn = (event: BeforeUnloadEvent): void => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const stayRef = useRef<HTMLButtonElement>(null);
  const blocked = blocker.state === "blocked";
  const dialogRef = useModalDialog(blocked, stayRef);

  const allowNextNavigation = useCallback(() => {
    allowed.current = true;
  }, []);

  const dialog = (
    <dialog
      ref={dialogRef}
      className="confirm-dialog"
      aria-labelledby="unsaved-title"
      aria-describedby="unsaved-text"
      // Escape means "stay".
      onCancel={(e) => {
        e.preventDefault();
        blocker.reset?.();
      }}
    >
      <h2 id="unsaved-title">{t("matrix.unsavedTitle")}</h2>
      <p id="unsaved-text">{t(textKey)}</p>
      <div className="form-actions">
        <button
          ref={stayRef}
          type="button"
          className="button button--primary"
          onClick={() => blocker.reset?.()}
        >
          {t("matrix.stay")}
        </button>
        <button type="button" className="button" onClick={() => blocker.proceed?.()}>
          {t("matrix.leave")}
        </button>
      </div>
    </dialog>
  );
  return { dialog, allowNextNavigation };
}
