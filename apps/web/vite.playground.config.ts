import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./plugins/precompress.ts";

/**
 * The offline GraphQL playground (/graphql): GraphiQL with its editor (~240 kB gzip), a page of its
 * own that shares nothing with the admin app. Built after the app (`pnpm build`) into the same
 * folder, so that the app's build can put all of its start modules into one file.
 */
export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: false,
    rolldownOptions: { input: { playground: resolve(import.meta.dirname, "playground.html") } },
    chunkSizeWarningLimit: 800,
  },
});
