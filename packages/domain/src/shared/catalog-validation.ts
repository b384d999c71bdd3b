import { z } from "zod";
import { BadInputError } from "../errors";
import { CATALOG_FIELDS } from "../rules/catalog";
import type { ValidId } from "./valid";

/** Create/update input of a group or a service; a field left out keeps its value on update. */
export interface CatalogInput {
  name?: string | null;
  comment?: string | null;
  validId?: ValidId | null;
}

export interface CatalogValues {
  name?: string;
  comment?: string | null;
  validId?: ValidId;
}

/** `nameMax`: the name column's length (rules/catalog.ts); comments as CATALOG_FIELDS.comment. */
export function catalogInputSchema(nameMax: number) {
  return z.object({
    name: z
      .string({ error: "Enter a name." })
      .trim()
      .min(1, "Enter a name.")
      .max(nameMax, `The name may have at most ${nameMax} characters.`)
      .optional(),
    comment: z
      .string()
      .max(
        CATALOG_FIELDS.comment.max,
        `The comment may have at most ${CATALOG_FIELDS.comment.max} characters.`,
      )
      .nullish()
      .transform((v) => (v === undefined ? undefined : v === null || v.trim() === "" ? null : v)),
    validId: z
      .union([z.literal(1), z.literal(2), z.literal(3)], {
        error: "Choose valid, invalid or invalid-temporarily.",
      })
      .optional(),
  });
}

/** Parses with zod and turns the first problem into a BAD_USER_INPUT naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join(".") || "input";
  // A too-long text says its limit, so a client can word the refusal in its own language.
  const params =
    issue.code === "too_big" && typeof issue.maximum === "number"
      ? { reason: "tooLong", max: issue.maximum }
      : undefined;
  throw new BadInputError(field, issue.message, params);
}

export function parseCatalogInput(nameMax: number, input: CatalogInput, creating: boolean): CatalogValues {
  const cleaned = {
    name: input.name ?? undefined,
    comment: input.comment,
    validId: input.validId ?? undefined,
  };
  if (creating && (cleaned.name === undefined || cleaned.name.trim() === "")) {
    throw new BadInputError("name", "Enter a name.", { reason: "required" });
  }
  if (!creating && input.name !== undefined && (input.name === null || input.name.trim() === "")) {
    throw new BadInputError("name", "Enter a name.", { reason: "required" });
  }
  const values = parseInput(catalogInputSchema(nameMax), cleaned);
  const out: CatalogValues = {};
  if (values.name !== undefined) out.name = values.name;
  if (values.comment !== undefined) out.comment = values.comment;
  if (values.validId !== undefined) out.validId = values.validId;
  return out;
}

/** `*` is the only wildcard; `%` and `_` are literal (same rule as the customer-user search). */
export function likePattern(search: string): string {
  const escaped = search
    .trim()
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .replace(/\*/g, "%");
  return `%${escaped}%`;
}
