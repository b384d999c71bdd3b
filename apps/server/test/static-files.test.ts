import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticFiles } from "../src/static-files";

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
  app.use((_req, res) => {
    res.status(404).send("none");
  });
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
