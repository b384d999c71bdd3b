/** An agent's role: ADMIN may change things, READ_ONLY only reads. */
export type AgentRole = "ADMIN" | "READ_ONLY";
