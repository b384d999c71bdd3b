import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { precompress } from "./plugins/precompress.ts";
import { startScreen } from "./plugins/start-screen.ts";

export default defineConfig({
  plugins: [
    react(),
    // The customer-user list is the start page ("/" redirects there).
    startScreen({
      paths: ["/", "/customer-users"],
      queries: [
        { module: "src/features/auth/operations.ts", name: "MeQuery", variables: "{}" },
        {
          module: "src/features/customer-users/list-query.ts",
          name: "CustomerUsersQuery",
          // As `customerUsersVariables`.
          variables: "{ search: search || null }",
        },
      ],
    }),
    precompress(),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      // The admin app and the offline GraphQL playground are separate pages that share nothing.
      input: {
        main: resolve(import.meta.dirname, "index.html"),
        playground: resolve(import.meta.dirname, "playground.html"),
      },
    },
    // The playground page bundles GraphiQL with its editor (~240 kB gzip), loaded only on /graphql.
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { "/graphql": "http://localhost:4000", "/api": "http://localhost:4000" },
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}", "plugins/**/*.test.ts"],
    setupFiles: ["src/test/setup.ts"],
    testTimeout: 20_000,
  },
});
