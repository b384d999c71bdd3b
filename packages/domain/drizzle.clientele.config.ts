import { defineConfig } from "drizzle-kit";

/** Clientele's own tables (schema `clientele`): run in standalone and attach mode. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/clientele.ts",
  schemaFilter: ["clientele"],
  out: "./src/db/migrations/clientele",
});
