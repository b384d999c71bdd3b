import type { ReactNode } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { toast } from "sonner";
import { saveFailedToast, serverErrors } from "../../app/errors";

/**
 * Shows the server's refusal of a save: each message at the form field it names (`input.<field>` or
 * `<field>`; the first one placed takes the focus), the others as the form's own error, and a toast that
 * says which of the two to look at.
 */
export function showSaveRefusal<Values extends FieldValues>(
  error: unknown,
  fieldOf: (field: string) => Path<Values> | null | undefined,
  setError: UseFormSetError<Values>,
  setFormError: (message: string | null) => void,
): void {
  const unplaced: string[] = [];
  let placed = false;
  for (const e of serverErrors(error)) {
    const field = e.field ? fieldOf(e.field.replace(/^input\./, "")) : null;
    if (field) {
      setError(field, { type: "server", message: e.message }, { shouldFocus: !placed });
      placed = true;
    } else {
      unplaced.push(e.message);
    }
  }
  setFormError(unplaced.length ? unplaced.join(" ") : null);
  toast.error(saveFailedToast(error, placed));
}

/** `fieldOf` for a form whose fields carry the API's input names. */
export function fieldIn<Field extends string>(
  fields: readonly Field[],
): (field: string) => Field | undefined {
  return (field) => fields.find((f) => f === field);
}

/** The form's own error (what names no field of it), above the fields. */
export function FormError({ message }: { message: string | null | undefined }): ReactNode {
  if (!message) return null;
  return (
    <div className="notice notice--error" role="alert">
      {message}
    </div>
  );
}
