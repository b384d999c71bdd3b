import { useState } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { useSaveAndFinish } from "./form-actions";
import { showSaveRefusal } from "./save-refusal";

/**
 * The save of an add/edit form. `onSubmit` (for `handleSubmit`) clears the form's own error, runs
 * `save` with whether "Save and finish" asked for it, and puts a refusal at the fields it names
 * (`showSaveRefusal`); `formError` is for `<FormError>`, `saveAndFinish.submit` for `<FormActions>`.
 */
export function useFormSave<Values extends FieldValues>(
  setError: UseFormSetError<Values>,
  fieldOf: (field: string) => Path<Values> | null | undefined,
  save: (values: Values, finish: boolean) => Promise<void>,
): {
  onSubmit: (values: Values) => Promise<void>;
  saveAndFinish: ReturnType<typeof useSaveAndFinish>;
  formError: string | null;
} {
  const saveAndFinish = useSaveAndFinish();
  const [formError, setFormError] = useState<string | null>(null);
  const onSubmit = async (values: Values): Promise<void> => {
    setFormError(null);
    const finish = saveAndFinish.requested();
    try {
      await save(values, finish);
    } catch (error) {
      showSaveRefusal(error, fieldOf, setError, setFormError);
    }
  };
  return { onSubmit, saveAndFinish, formError };
}
