import { z } from "zod";

/** Characters as PostgreSQL's varchar counts them: code points, not UTF-16 units. */
export const characters = (value: string): number => [...value].length;

/** The rule of one text field: its label, its column's length (null: none) and whether it is required. */
export interface FieldRule {
  readonly label: string;
  readonly max: number | null;
  readonly required?: boolean;
}

/** What a broken rule carries besides its message, for a client to say it in its own words. */
export type RuleParams = { reason: "tooLong"; max: number } | { reason: "required" };

/** What a broken rule says; the API says it in English (`apiMessages`), the web app in the admin's language. */
export interface RuleMessages {
  required: string;
  tooLong: (max: number) => string;
}

export const apiMessages = (label: string): RuleMessages => ({
  required: `${label} is required.`,
  tooLong: (max) => `${label} is too long: at most ${max} characters.`,
});

/**
 * A text field's rule as a zod schema over the (trimmed) text: at most `max` characters, and not
 * blank when required. Each issue carries `params.reason` (`tooLong` with `max`, `required`), the
 * same params the API's BAD_USER_INPUT carries (docs/api.md §Errors).
 */
export function textSchema(rule: FieldRule, messages: RuleMessages = apiMessages(rule.label)) {
  let schema = z.string();
  const { max } = rule;
  if (max !== null) {
    schema = schema.refine((v) => characters(v) <= max, {
      message: messages.tooLong(max),
      params: { reason: "tooLong", max },
    });
  }
  if (rule.required) {
    schema = schema.refine((v) => v.trim() !== "", {
      message: messages.required,
      params: { reason: "required" },
    });
  }
  return schema;
}
