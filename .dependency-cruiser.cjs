/**
 * Dependency rules checked by `pnpm depcheck` (and scripts/test-all.sh): the folders of the domain
 * form no cycles, the browser-safe rules import nothing but zod, and packages never reach into the apps.
 * @type {import("dependency-cruiser").IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-domain-folder-cycles",
      comment:
        "A folder of packages/domain/src must not depend on a folder that depends back on it; move what both use into shared/.",
      severity: "error",
      scope: "folder",
      from: { path: "^packages/domain/src/[^/]+" },
      to: { path: "^packages/domain/src/[^/]+", circular: true },
    },
    {
      name: "rules-stay-browser-safe",
      comment:
        "packages/domain/src/rules is bundled by the web app (@clientele/domain/rules): it may import only itself and zod.",
      severity: "error",
      from: { path: "^packages/domain/src/rules/" },
      to: { pathNot: ["^packages/domain/src/rules/", "node_modules/zod/"] },
    },
    {
      name: "no-apps-from-packages",
      comment: "Packages are used by the apps, never the other way round.",
      severity: "error",
      from: { path: "^(packages|scripts)/" },
      to: { path: "^apps/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|coverage)/|^packages/domain/src/db/migrations/" },
    // TypeScript 7 has no compiler API for dependency-cruiser; swc parses the sources instead.
    parser: "swc",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
