import type { AgentRole } from "../audit/agent-role";
import { BadInputError } from "../errors";
import { AGENT_FIELDS } from "../rules/agent";

export type { AgentRole };
export const AGENT_ROLES: readonly AgentRole[] = ["ADMIN", "READ_ONLY"];

/** ADMIN outranks READ_ONLY; a token acts with the lower of its own role and its agent's. */
export const roleRank = (role: AgentRole): number => (role === "ADMIN" ? 2 : 1);
export const lowerRole = (a: AgentRole, b: AgentRole): AgentRole => (roleRank(a) <= roleRank(b) ? a : b);

export const PASSWORD_MAX = AGENT_FIELDS.password.max;

const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A required single-line text: trimmed, 1..max characters, no control characters or broken Unicode. */
export function cleanLine(field: string, label: string, value: unknown, max: number): string {
  if (typeof value !== "string" || value.trim() === "")
    throw new BadInputError(field, `Enter the ${label}.`, { reason: "required" });
  const text = value.trim();
  if (CONTROL.test(text) || LONE_SURROGATE.test(text)) {
    throw new BadInputError(field, `The ${label} may not contain control characters or broken Unicode.`);
  }
  const length = [...text].length;
  if (length > max) {
    throw new BadInputError(field, `The ${label} is too long: at most ${max} characters, got ${length}.`, {
      reason: "tooLong",
      max,
    });
  }
  return text;
}

/** Passwords are taken as typed (no trimming): 1..1024 characters, no NUL or broken Unicode. */
export function checkPassword(field: string, password: string): string {
  const length = [...password].length;
  if (length < 1) throw new BadInputError(field, "Enter a password.");
  if (length > PASSWORD_MAX) {
    throw new BadInputError(
      field,
      `The password may have at most ${PASSWORD_MAX} characters, got ${length}.`,
    );
  }
  if (password.includes("\u0000") || LONE_SURROGATE.test(password)) {
    throw new BadInputError(field, "The password may not contain NUL characters or broken Unicode.");
  }
  return password;
}

export function checkRole(field: string, role: unknown): AgentRole {
  if (role === "ADMIN" || role === "READ_ONLY") return role;
  throw new BadInputError(field, "Choose the role ADMIN or READ_ONLY.");
}
