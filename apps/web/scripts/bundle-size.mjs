// Reports the JavaScript a browser must load before the first screen: the entry script of
// dist/index.html and every chunk it preloads (route chunks load later, on navigation).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = join(import.meta.dirname, "..", "dist");
const html = readFileSync(join(dist, "index.html"), "utf8");
const files = new Set(
  [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map(
    (m) => m[1],
  ),
);
let raw = 0;
let gzip = 0;
for (const file of files) {
  const bytes = readFileSync(join(dist, file.replace(/^\//, "")));
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
  console.log(
    `${file}  ${(bytes.length / 1024).toFixed(1)} kB  gzip ${(gzipSync(bytes).length / 1024).toFixed(1)} kB`,
  );
}
console.log(
  `initial JS: ${(raw / 1024).toFixed(1)} kB, gzip ${(gzip / 1024).toFixed(1)} kB (${files.size} files)`,
);
