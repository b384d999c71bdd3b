import { BadInputError } from "../errors";

// NUL, other C0/C1 controls except tab and line breaks, and lone surrogates: PostgreSQL refuses NUL and
// the rest is never meant, so they are refused as input rather than failing in the database.
function isHostile(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** Trims a text input and checks characters and length; empty becomes null. */
export function cleanInput(field: string, label: string, value: string | null | undefined, max: number) {
  if (value === undefined || value === null) return value;
  if (isHostile(value)) {
    throw new BadInputError(field, `${label} contains control characters or broken Unicode; remove them.`);
  }
  const trimmed = value.trim();
  if ([...trimmed].length > max) {
    throw new BadInputError(
      field,
      `${label} is too long: at most ${max} characters, got ${[...trimmed].length}.`,
      { reason: "tooLong", max },
    );
  }
  return trimmed === "" ? null : trimmed;
}

export function requireInput(
  field: string,
  label: string,
  value: string | null | undefined,
  max: number,
): string {
  const cleaned = cleanInput(field, label, value, max);
  if (!cleaned) throw new BadInputError(field, `${label} is required.`, { reason: "required" });
  return cleaned;
}
