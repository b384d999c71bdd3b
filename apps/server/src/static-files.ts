import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import express, { type Request, type RequestHandler } from "express";
import { contentSecurityPolicyAllowing } from "./security/http";

/** Vite names every file under assets/ by its content hash: a new build never reuses a name. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/** The encodings the web build writes beside each asset (`name.br`, `name.gz`), best first. */
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

type Encoding = (typeof ENCODINGS)[number]["name"];

/**
 * The built SPA's files. Hashed files under /assets/ are cached for a year without revalidation,
 * and sent in the precompressed form the build wrote beside them (brotli, else gzip) when the
 * browser accepts it: compressing at build time costs nothing per request and compresses harder
 * than a per-request middleware could afford. Other files (favicon, …) are cached for an hour.
 */
export function staticFiles(webDist: string): RequestHandler {
  const assets = resolve(webDist, "assets");
  const variants = precompressed(assets);
  const plain = express.static(webDist, {
    index: false,
    maxAge: "1h",
    setHeaders: (res, path) => {
      if (!path.startsWith(assets)) return;
      res.setHeader("Cache-Control", IMMUTABLE);
      // Caches must not hand the plain file to a browser that could have had it compressed.
      if (variants.has(path.slice(assets.length + 1))) res.setHeader("Vary", "Accept-Encoding");
    },
  });
  return (req, res, next) => {
    const name = assetName(req);
    const offered = name === undefined ? undefined : variants.get(name);
    const encoding = offered && chooseEncoding(req, offered);
    // A missing hashed file (e.g. of an older build) is a 404, not the SPA's page served as a script.
    if (!name || !encoding) return plain(req, res, name ? () => res.sendStatus(404) : next);
    const suffix = ENCODINGS.find((e) => e.name === encoding)!.suffix;
    // The type of the file itself: `send` keeps a Content-Type already set instead of deriving one from ".br".
    res.type(extname(name));
    res.set({ "Cache-Control": IMMUTABLE, "Content-Encoding": encoding, Vary: "Accept-Encoding" });
    // Ranges of an encoded body would be ranges of the compressed bytes, which no browser asks for.
    res.sendFile(join(assets, name + suffix), { acceptRanges: false, cacheControl: false }, (error) => {
      if (error) next(error);
    });
  };
}

/** The asset a GET or HEAD asks for, by its file name under assets/ (nothing below it is nested). */
function assetName(req: Request): string | undefined {
  if (req.method !== "GET" && req.method !== "HEAD") return undefined;
  const match = /^\/assets\/([^/]+)$/.exec(req.path);
  return match?.[1];
}

/** For each file under `dir`, the encodings written beside it; read once, so no request touches the disk to ask. */
function precompressed(dir: string): Map<string, Encoding[]> {
  const found = new Map<string, Encoding[]>();
  if (!existsSync(dir)) return found;
  const names = new Set(readdirSync(dir));
  for (const name of names) {
    const encodings = ENCODINGS.filter((e) => names.has(name + e.suffix)).map((e) => e.name);
    if (encodings.length > 0) found.set(name, encodings);
  }
  return found;
}

/**
 * The first of `offered` (best first) that the request accepts; the client's order among encodings
 * it accepts equally says nothing about size, so ours decides.
 */
function chooseEncoding(req: Request, offered: Encoding[]): Encoding | undefined {
  return offered.find((encoding) => req.acceptsEncodings(encoding) === encoding);
}

/**
 * index.html, for every path the SPA routes itself (history fallback): revalidated on each visit, so
 * a new build is picked up at once, and sent with a CSP that lets exactly its own inline scripts run
 * (the start script, see apps/web/plugins/start-screen.ts). On the start screen's paths the page also
 * preloads that screen's chunks (`.vite/start-screen.json`, written by the same build): the browser
 * asks for them with the entry module instead of once the app's modules have run. Read again
 * whenever index.html changes. Without a built SPA, `missing` answers.
 */
export function spaIndex(webDist: string, missing: RequestHandler): RequestHandler {
  const file = join(webDist, "index.html");
  type Page = { html: string; etag: string };
  let built:
    | { mtimeMs: number; size: number; page: Page; start: Page; startPaths: Set<string>; csp: RequestHandler }
    | undefined;
  return (req, res, next) => {
    let stat: { mtimeMs: number; size: number };
    try {
      stat = statSync(file);
    } catch {
      return missing(req, res, next);
    }
    if (!built || built.mtimeMs !== stat.mtimeMs || built.size !== stat.size) {
      const html = readFileSync(file, "utf8");
      const manifest = startScreenManifest(webDist);
      built = {
        ...stat,
        page: pageOf(html),
        start: pageOf(withModulePreloads(html, manifest.modulepreload)),
        startPaths: new Set(manifest.paths),
        csp: contentSecurityPolicyAllowing(inlineScriptHashes(html)),
      };
    }
    const { page, start, startPaths, csp } = built;
    // As the start script reads the path: trailing slashes do not count.
    const { html, etag } = startPaths.has(req.path.replace(/\/+$/, "") || "/") ? start : page;
    csp(req, res, (error?: unknown) => {
      if (error) return next(error);
      // With an ETag, res.send answers a revalidation that still matches with 304.
      res.set({ "Cache-Control": "no-cache", ETag: etag }).type("html").send(html);
    });
  };
}

function pageOf(html: string): { html: string; etag: string } {
  return { html, etag: `"${createHash("sha256").update(html).digest("base64url").slice(0, 27)}"` };
}

/** The start screen's paths and chunks as the web build wrote them; none without the file. */
function startScreenManifest(webDist: string): { paths: string[]; modulepreload: string[] } {
  try {
    const manifest = JSON.parse(readFileSync(join(webDist, ".vite", "start-screen.json"), "utf8"));
    const strings = (value: unknown): string[] =>
      Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
    return { paths: strings(manifest.paths), modulepreload: strings(manifest.modulepreload) };
  } catch {
    return { paths: [], modulepreload: [] };
  }
}

/** `html` with a `<link rel="modulepreload">` for each of `modules` at the end of its head. */
export function withModulePreloads(html: string, modules: readonly string[]): string {
  if (modules.length === 0) return html;
  const links = modules.map((m) => `<link rel="modulepreload" crossorigin href="${escapeAttribute(m)}">`);
  return html.replace(/\s*<\/head>/i, (end) => `\n    ${links.join("\n    ")}${end}`);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** The SHA-256 hashes (base64) of the inline scripts of a page, as CSP names them. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) =>
    createHash("sha256").update(m[1]!).digest("base64"),
  );
}
