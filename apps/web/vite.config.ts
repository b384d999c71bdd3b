import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { precompress } from "./plugins/precompress.ts";
import { startScreen } from "./plugins/start-screen.ts";

/** What every list screen uses (TanStack, the data table, the search box and count, CSV export); not the sign-in page. */
const LIST_PARTS =
  /[\\/]node_modules[\\/]@tanstack[\\/]|[\\/]src[\\/](components[\\/](data-table[\\/]|search-box|search-results|list-return|error-notice|valid-badge|csv|download)|features[\\/]csv[\\/]export-links)/;

export default defineConfig({
  plugins: [
    react(),
    // The customer-user list is the start page ("/" redirects there).
    startScreen({
      paths: ["/", "/customer-users"],
      queries: [
        { module: "src/features/auth/operations.ts", name: "MeQuery", variables: "{}" },
        // The list's columns (the backends' maps): without them its rows are not shown. A small answer,
        // asked for before the list so that it is not sent after the list's long one.
        {
          module: "src/features/customer-users/list-query.ts",
          name: "CustomerUserListSourcesQuery",
          variables: "{}",
        },
        {
          module: "src/features/customer-users/list-query.ts",
          name: "CustomerUsersQuery",
          // As `customerUsersVariables`.
          variables: "{ search: search || null }",
        },
      ],
      screenModule: "src/features/customer-users/list-page.tsx",
    }),
    precompress(),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      // The offline GraphQL playground is built on its own (vite.playground.config.ts): the two pages
      // share nothing, and the app's start modules can then be one file.
      input: { main: resolve(import.meta.dirname, "index.html") },
      output: {
        codeSplitting: {
          groups: [
            // Everything index.html loads, in one file instead of ten pieces that a browser asks for
            // over at most six HTTP/1.1 connections, ahead of the start script's list request.
            { name: "frame", tags: ["$initial"] },
            // What the list screens are made of, in one chunk instead of a file per combination of
            // screens using it: the start screen needed 14 requests for 60 kB.
            { name: "lists", test: LIST_PARTS, includeDependenciesRecursively: false },
          ],
        },
      },
    },
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
