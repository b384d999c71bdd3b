import { BadInputError } from "../errors";

// NUL, other C0/C1 controls except tab and line breaks, and lone surrogates: PostgreSQL refuses NUL and
// the rest is never meant, so they are refused as input rather than failing in the database.
const HOSTILE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Trims a text input and checks characters and length; empty becomes null. */
export function cleanInput(field: string, label: string, value: string | null | undefined, max: number) {
  if (value === undefined || value === null) return value;
  if (HOSTILE.test(value)) {
    throw new BadInputError(field, `${label} contains control characters or broken Unicode; remove them.`);
  }
  const trimmed = value.trim();
  if ([...trimmed].length > max) {
    throw new BadInputError(
      field,
      `${label} is too long: at most ${max} characters, got ${[...trimmed].length}.`,
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
  if (!cleaned) throw new BadInputError(field, `${label} is required.`);
  return cleaned;
}
