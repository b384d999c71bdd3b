type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * OTOBO's history names made readable: `%%FieldName%%Room%%Value%%B-204%%OldValue%%` becomes
 * "Room: “” → “B-204”"; other types show their `%%`-separated parts.
 */
export function readableHistory(type: string, name: string, t: Translate): string {
  const parts = name.split("%%").slice(1);
  if (type === "TicketDynamicFieldUpdate") {
    // Fixed positions, as OTOBO writes it: FieldName, name, Value, value, OldValue, old value.
    return t("tickets.history.fieldUpdate", {
      field: parts[1] ?? "",
      value: parts[3] ?? "",
      old: parts.slice(5).join("%%"),
    });
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}
