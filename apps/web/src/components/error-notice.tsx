import type { ReactNode } from "react";
import { errorMessage } from "../app/errors";

/** A load or save error as an alert; nothing while there is none. */
export function ErrorNotice({ error }: { error: unknown }): ReactNode {
  if (!error) return null;
  return (
    <div className="notice notice--error" role="alert">
      {errorMessage(error)}
    </div>
  );
}
