import { BadInputError } from "./errors";
import { type FieldRule, type RuleParams, textSchema } from "./rules/text";

/** Trims a text input; empty becomes null. `undefined` (left out of an update) stays undefined. */
export function cleanText(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

const schemas = new Map<string, ReturnType<typeof textSchema>>();

/**
 * Checks a text against its field's rule (the zod schema of `rules/text.ts`, which the web form
 * uses too); the first broken rule is BAD_USER_INPUT on `field` with its `params`.
 */
export function checkRule(field: string, rule: FieldRule, value: string | null | undefined): void {
  // One schema per rule, built once: building a zod schema costs far more than running it, and a
  // CSV import checks every field of 100,000 rows.
  const key = `${rule.label}\u0000${rule.max}\u0000${rule.required}`;
  let schema = schemas.get(key);
  if (!schema) {
    schema = textSchema(rule);
    schemas.set(key, schema);
  }
  const issue = schema.safeParse(value ?? "").error?.issues[0];
  if (!issue) return;
  const params = issue.code === "custom" ? (issue.params as RuleParams | undefined) : undefined;
  throw new BadInputError(field, issue.message, params);
}

// Addresses OTOBO lets through without a syntax check (CheckEmailValidAddress).
const ALWAYS_VALID_EMAIL = /^(root@localhost|admin@localhost)$/i;
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN =
  /^(?=.{1,253}$)([A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]{0,61}[A-Za-z0-9\u00a1-\uffff])?\.)+[A-Za-z\u00a1-\uffff]{2,63}$/;

/**
 * Email syntax as OTOBO checks it (Email::Valid plus no `..` and no `.@`), without its MX lookup and
 * without rejecting example.com (differs: OTOBO's default config refuses those).
 */
export function isValidEmail(email: string): boolean {
  if (ALWAYS_VALID_EMAIL.test(email)) return true;
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (email.includes("..") || email.includes(".@") || local.startsWith(".")) return false;
  if (local.length > 64) return false;
  return LOCAL_PART.test(local) && DOMAIN.test(domain);
}
