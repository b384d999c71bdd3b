// Builds the production server: one ES module, dist/main.js (plus dist/cli.js), run with plain
// `node` — tsx stays a development tool. The workspace's own packages and pure-JS dependencies are
// bundled; packages that carry native code or WebAssembly files are loaded from node_modules, and
// the files read at run time (the SDL, the migrations) are copied beside the bundle.
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const EXTERNAL = ["@electric-sql/pglite", "@node-rs/argon2"];

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: { main: "src/main.ts", cli: "src/cli.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

for (const module of readdirSync("src/graphql", { withFileTypes: true })) {
  if (!module.isDirectory()) continue;
  const sdl = join("src/graphql", module.name, "schema.graphql");
  if (existsSync(sdl)) cpSync(sdl, join("dist/graphql", module.name, "schema.graphql"));
}
cpSync("../../packages/domain/src/db/migrations", "dist/migrations", { recursive: true });
