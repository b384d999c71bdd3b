import { defineConfig } from "drizzle-kit";

/**
 * OTOBO-shaped tables in `public`, their seeds, pg_trgm and the search indexes: run only in
 * standalone mode, never on an attached OTOBO or Znuny database.
 */
export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/db/schema/core.ts", "./src/db/schema/relations.ts"],
  schemaFilter: ["public"],
  out: "./src/db/migrations/standalone",
});
