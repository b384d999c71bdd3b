import { type ReactNode, useCallback } from "react";
import { type NavigateOptions, useNavigate } from "react-router";
import { listUrl } from "../list-return";
import { useUnsavedChangesGuard } from "../unsaved-changes";

export interface FormLeave {
  /** The "leave without saving?" dialog; render it once in the form. */
  dialog: ReactNode;
  /** The list as the admin left it (search, sort): where Cancel and "Save and finish" go. */
  listUrl: string;
  /** Navigates after a successful save, past the guard (the edits are saved, nothing is lost). */
  go: (to: string, options?: NavigateOptions) => void;
}

/** Unsaved edits of a record form are never lost silently: menu links, Cancel and Back ask first. */
export function useFormLeave(dirty: boolean, listPath: string): FormLeave {
  const guard = useUnsavedChangesGuard(dirty, "form.unsavedText");
  const navigate = useNavigate();
  const { allowNextNavigation } = guard;
  const go = useCallback(
    (to: string, options?: NavigateOptions) => {
      allowNextNavigation();
      navigate(to, options);
    },
    [allowNextNavigation, navigate],
  );
  return { dialog: guard.dialog, listUrl: listUrl(listPath), go };
}
