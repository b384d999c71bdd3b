import { useEffect } from "react";

/** The browser tab and history say which screen this is (and screen readers announce it). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Clientele` : "Clientele";
  }, [title]);
}
