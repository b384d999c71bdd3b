import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

/**
 * Writes `name.br` and `name.gz` beside each text asset, which the server sends to browsers that
 * accept them (apps/server/src/static-files.ts): compressed once at the highest levels here instead
 * of on every request. Files too small to gain are left alone.
 */
export function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  let outDir = "";
  return {
    name: "clientele:precompress",
    apply: "build",
    configResolved: (config) => {
      outDir = resolve(config.root, config.build.outDir);
    },
    // Only the files of this build: the playground's build writes into the same folder afterwards.
    async writeBundle(_options, bundle) {
      const assets = join(outDir, "assets");
      const names = Object.keys(bundle)
        .filter((f) => f.startsWith("assets/") && /\.(js|css|svg|json|map)$/.test(f))
        .map((f) => f.slice("assets/".length));
      await Promise.all(
        names.map(async (name) => {
          const bytes = await readFile(join(assets, name));
          if (bytes.length < 1024) return;
          const [br, gzipped] = await Promise.all([
            brotli(bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            }),
            gz(bytes, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < bytes.length * 0.9) await writeFile(join(assets, `${name}.br`), br);
          if (gzipped.length < bytes.length * 0.9) await writeFile(join(assets, `${name}.gz`), gzipped);
        }),
      );
    },
  };
}
