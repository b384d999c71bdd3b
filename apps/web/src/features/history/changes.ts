/** One changed value of a history entry: before → after (null when it was not there). */
export interface Change {
  field: string;
  before: string | null;
  after: string | null;
}

function parse(json: string | null | undefined): unknown {
  if (json == null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

function show(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/**
 * What a write changed, field by field, from the audit entry's before/after JSON. Objects are
 * compared key by key; anything else (a replaced set, a list) is one change of the whole value.
 */
export function changesOf(
  beforeJson: string | null | undefined,
  afterJson: string | null | undefined,
): Change[] {
  const before = parse(beforeJson);
  const after = parse(afterJson);
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);
  if ((before === null || isObject(before)) && (after === null || isObject(after))) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys
      .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }))
      .filter((c) => c.before !== c.after);
  }
  const b = show(before);
  const a = show(after);
  return b === a ? [] : [{ field: "", before: b, after: a }];
}

const VALID_STATES: Record<string, "VALID" | "INVALID" | "INVALID_TEMPORARILY"> = {
  "1": "VALID",
  "2": "INVALID",
  "3": "INVALID_TEMPORARILY",
};

/** OTOBO keeps validity as 1 / 2 / 3 (`ValidID`, `validId`); the history says it as the state. */
export function validStateOf(
  field: string,
  value: string | null,
): "VALID" | "INVALID" | "INVALID_TEMPORARILY" | null {
  if (value === null || !/^valid_?id$/i.test(field)) return null;
  return VALID_STATES[value] ?? null;
}
