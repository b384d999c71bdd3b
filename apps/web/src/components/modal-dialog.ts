import { createFocusTrap } from "focus-trap";
import { type RefObject, useEffect, useRef } from "react";

/**
 * Shows a `<dialog>` as a modal while `open`. A modal dialog still lets Tab leave it for the
 * browser's own controls, so a focus trap keeps the keyboard inside, starts on `initialFocus` (the
 * safe choice) and gives focus back where it was when the dialog closes.
 */
export function useModalDialog(
  open: boolean,
  initialFocus: RefObject<HTMLElement | null>,
): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!open) {
      if (dialog.open) dialog.close();
      return;
    }
    if (!dialog.open) dialog.showModal();
    const trap = createFocusTrap(dialog, {
      initialFocus: () => initialFocus.current ?? dialog,
      fallbackFocus: dialog,
      escapeDeactivates: false,
      allowOutsideClick: false,
      returnFocusOnDeactivate: true,
    });
    trap.activate();
    return () => {
      trap.deactivate();
    };
  }, [open, initialFocus]);
  return ref;
}
