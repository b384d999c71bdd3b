import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inlineScriptHashes, spaIndex, staticFiles } from "../src/static-files";

const SCRIPT = `export const rows = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `user${i}`))};\n`;
const STYLE = `${".row { color: red; }\n".repeat(100)}`;

let dist: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "clientele-static-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "assets", "main-abc123.js"), SCRIPT);
  writeFileSync(join(dist, "assets", "main-abc123.js.br"), brotliCompressSync(SCRIPT));
  writeFileSync(join(dist, "assets", "main-abc123.js.gz"), gzipSync(SCRIPT));
  // Only gzip was worth writing for this one.
  writeFileSync(join(dist, "assets", "main-def456.css"), STYLE);
  writeFileSync(join(dist, "assets", "main-def456.css.gz"), gzipSync(STYLE));
  writeFileSync(join(dist, "assets", "tiny-0a1b2c.js"), "export {};\n");
  writeFileSync(join(dist, "favicon.ico"), "icon");
  const app = express();
  app.use(staticFiles(dist));
  app.get(
    "/{*splat}",
    spaIndex(dist, (_req, res) => {
      res.status(503).send("not built");
    }),
  );
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dist, { recursive: true, force: true });
});

/** A raw GET (fetch would decode the body and ask for every encoding itself). */
function get(
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<{ status: number; headers: Record<string, string | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers as Record<string, string | undefined>,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the SPA's static files", () => {
  it("sends a hashed asset brotli-compressed to a browser that accepts it, cached for good", async () => {
    const response = await get("/assets/main-abc123.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toMatch(/^(text|application)\/javascript/);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.headers.vary).toBe("Accept-Encoding");
    expect(response.headers["accept-ranges"]).toBeUndefined();
    expect(brotliDecompressSync(response.body).toString()).toBe(SCRIPT);
  });

  it("sends gzip where brotli is not accepted or not written", async () => {
    const noBrotli = await get("/assets/main-abc123.js", { "accept-encoding": "gzip, br;q=0" });
    expect(noBrotli.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(noBrotli.body).toString()).toBe(SCRIPT);
    const onlyGzip = await get("/assets/main-def456.css", { "accept-encoding": "br, gzip" });
    expect(onlyGzip.headers["content-encoding"]).toBe("gzip");
    expect(onlyGzip.headers["content-type"]).toMatch(/^text\/css/);
    expect(gunzipSync(onlyGzip.body).toString()).toBe(STYLE);
  });

  it("sends the plain file to a client that accepts no encoding, still immutable and varying", async () => {
    for (const headers of [{}, { "accept-encoding": "identity" }] as Record<string, string>[]) {
      const response = await get("/assets/main-abc123.js", headers);
      expect(response.headers["content-encoding"]).toBeUndefined();
      expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(response.headers.vary).toBe("Accept-Encoding");
      expect(response.body.toString()).toBe(SCRIPT);
    }
    const tiny = await get("/assets/tiny-0a1b2c.js", { "accept-encoding": "br, gzip" });
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(tiny.headers.vary).toBeUndefined();
  });

  it("answers HEAD like GET, without a body", async () => {
    const response = await get("/assets/main-abc123.js", { "accept-encoding": "br" }, "HEAD");
    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.body.length).toBe(0);
  });

  it("caches files outside assets/ (unhashed names) for an hour only", async () => {
    const favicon = await get("/favicon.ico", { "accept-encoding": "br, gzip" });
    expect(favicon.status).toBe(200);
    expect(favicon.headers["cache-control"]).toBe("public, max-age=3600");
    expect(favicon.headers["content-encoding"]).toBeUndefined();
    expect((await get("/assets/missing-000000.js", { "accept-encoding": "br" })).status).toBe(404);
  });
});

describe("index.html, for every path the SPA routes", () => {
  const START = 'window.started = "yes";';
  const page = (script: string) =>
    `<!doctype html><html><head><script>${script}</script><script type="module" src="/assets/main-abc123.js"></script></head><body></body></html>`;
  const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

  it("allows exactly its own inline scripts by hash, and picks up a new build at once", async () => {
    writeFileSync(join(dist, "index.html"), page(START));
    const first = await get("/customer-users?search=a*");
    expect(first.status).toBe(200);
    expect(first.headers["content-type"]).toMatch(/^text\/html/);
    expect(first.headers["cache-control"]).toBe("no-cache");
    expect(first.body.toString()).toBe(page(START));
    const csp = first.headers["content-security-policy"] ?? "";
    expect(csp).toContain(`script-src 'self' ${sha256(START)};`);
    expect(csp).toContain("frame-ancestors 'none'");
    // The module script (with src) is allowed by 'self', not by a hash.
    expect(csp.match(/'sha256-/g)).toHaveLength(1);

    const revalidated = await get("/", { "if-none-match": first.headers.etag ?? "" });
    expect(revalidated.status).toBe(304);

    const next = 'window.started = "again";';
    writeFileSync(join(dist, "index.html"), page(next));
    const rebuilt = await get("/", { "if-none-match": first.headers.etag ?? "" });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.headers["content-security-policy"]).toContain(sha256(next));
    expect(rebuilt.headers["content-security-policy"]).not.toContain(sha256(START));
  });

  it("preloads the start screen's chunks on its paths only, as the web build lists them", async () => {
    mkdirSync(join(dist, ".vite"), { recursive: true });
    writeFileSync(
      join(dist, ".vite", "start-screen.json"),
      JSON.stringify({
        paths: ["/", "/customer-users"],
        modulepreload: ["/assets/list-1.js", "/assets/table-2.js"],
      }),
    );
    // A change of the manifest comes with a new index.html, which makes the server read both again.
    writeFileSync(join(dist, "index.html"), page(`${START} // with a start screen`));
    const links =
      '<link rel="modulepreload" crossorigin href="/assets/list-1.js">\n    ' +
      '<link rel="modulepreload" crossorigin href="/assets/table-2.js">';
    for (const path of ["/", "/customer-users", "/customer-users/?search=a*"]) {
      const body = (await get(path)).body.toString();
      expect(body).toContain(`\n    ${links}</head>`);
    }
    const elsewhere = await get("/customers");
    expect(elsewhere.body.toString()).not.toContain("modulepreload");
    // Each page has its own ETag; the CSP is the same (the links are not scripts).
    const list = await get("/customer-users");
    expect(list.headers.etag).not.toBe(elsewhere.headers.etag);
    expect(list.headers["content-security-policy"]).toBe(elsewhere.headers["content-security-policy"]);
    expect((await get("/customer-users", { "if-none-match": list.headers.etag ?? "" })).status).toBe(304);
    // The manifest itself is not served (dotfiles are not), nor does it break pages without it.
    expect((await get("/.vite/start-screen.json")).body.toString()).not.toContain("modulepreload");
    rmSync(join(dist, ".vite"), { recursive: true, force: true });
    writeFileSync(join(dist, "index.html"), page(START));
    expect((await get("/customer-users")).body.toString()).toBe(page(START));
  });

  it("finds inline scripts only, with or without attributes", () => {
    const html = `<script src="/a.js"></script><script>one()</script><script type="module">two()</script>`;
    expect(inlineScriptHashes(html)).toEqual([
      createHash("sha256").update("one()").digest("base64"),
      createHash("sha256").update("two()").digest("base64"),
    ]);
  });

  it("answers without a build with the placeholder", async () => {
    rmSync(join(dist, "index.html"), { force: true });
    expect((await get("/customer-users")).status).toBe(503);
  });
});
