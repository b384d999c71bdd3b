/**
 * Where a form goes back to: the list as the admin left it (search and sort), remembered per list
 * for this tab. Falls back to the plain list.
 */
const PREFIX = "clientele.list:";

export function rememberListUrl(listPath: string, url: string): void {
  try {
    sessionStorage.setItem(PREFIX + listPath, url);
  } catch {
    // Storage disabled: forms go back to the plain list.
  }
}

export function listUrl(listPath: string): string {
  try {
    const url = sessionStorage.getItem(PREFIX + listPath);
    // Only the same list with its own query: never somewhere else.
    if (url && (url === listPath || url.startsWith(`${listPath}?`))) return url;
  } catch {
    // As above.
  }
  return listPath;
}
