import { downloadFile } from "./download";

/**
 * CSV of what a list shows, made in the browser from the loaded rows. A cell that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe (OWASP's advice
 * against CSV injection); quotes, delimiters and line breaks are quoted as RFC 4180 says.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  delimiter = ",",
): string {
  const cell = (raw: string): string => {
    const value = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  return `${[header, ...rows].map((row) => row.map(cell).join(delimiter)).join("\r\n")}\r\n`;
}

/** Saves text as a file; the byte-order mark makes spreadsheet programs read it as UTF-8. */
export function downloadCsv(filename: string, csv: string): void {
  downloadFile(filename, ["\uFEFF", csv], "text/csv;charset=utf-8");
}
