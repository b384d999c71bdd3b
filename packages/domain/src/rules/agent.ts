import type { FieldRule } from "./text";

/** An agent's fields (OTOBO's `users` columns) and the password an agent may type. */
export const AGENT_FIELDS = {
  login: { label: "Login", max: 191, required: true },
  firstName: { label: "First name", max: 100, required: true },
  lastName: { label: "Last name", max: 100, required: true },
  password: { label: "Password", max: 1024, required: false },
} as const satisfies Record<string, FieldRule>;

/** An API token's name. */
export const API_TOKEN_NAME_MAX = 191;
