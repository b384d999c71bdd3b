import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTrustProxy } from "../../src/security/http";
import { ADMIN_PASSWORD, startTestServer, type TestServer } from "../helpers";

let t: TestServer;
let proxied: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  proxied = await startTestServer({ env: { trustProxy: "loopback" } });
});
afterAll(async () => {
  await t?.close();
  await proxied?.close();
});

/** Asserts a JSON error body without stack traces or file paths. */
async function jsonError(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const text = await response.text();
  expect(text).not.toMatch(/\s+at \S+ \(|node_modules|\/work\/|<html|<pre/i);
  return JSON.parse(text) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
}

describe("HTTP hardening", () => {
  it("answers malformed JSON with a JSON error body, not Express's HTML page", async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"query": "{ version }",',
    });
    expect(response.status).toBe(400);
    expect((await jsonError(response)).errors[0]?.extensions.code).toBe("BAD_REQUEST");
  });

  it("answers unknown paths under /graphql, other methods and unknown routes with JSON", async () => {
    const below = await fetch(`${t.url}/graphql/anything`, { method: "POST", body: "{}" });
    expect(below.status).toBe(404);
    await jsonError(below);
    const put = await fetch(`${t.url}/graphql`, { method: "PUT", body: "{}" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, POST");
    await jsonError(put);
    const elsewhere = await fetch(`${t.url}/no/such/route`, { method: "DELETE" });
    expect(elsewhere.status).toBe(404);
    await jsonError(elsewhere);
  });

  it("sends the security headers on every response", async () => {
    for (const [path, init] of [
      [
        "/graphql",
        { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ version }"}' },
      ],
      ["/graphql", { headers: { accept: "text/html" } }],
      ["/", {}],
      ["/healthz", {}],
      ["/graphql/x", {}],
    ] as const) {
      const response = await fetch(`${t.url}${path}`, init as RequestInit);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("default-src 'self'");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      expect(response.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(response.headers.get("x-powered-by"), path).toBeNull();
    }
    // Answers with personal data are never cached.
    const graphql = await t.raw("{ customers { limit } }");
    expect(graphql.headers.get("cache-control")).toBe("no-store");
  });

  it("marks the session cookie Secure behind a TLS proxy when CLIENTELE_TRUST_PROXY trusts it", async () => {
    const signIn = (url: string) =>
      fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-proto": "https" },
        body: JSON.stringify({
          query: 'mutation($p: String!) { login(login: "root@localhost", password: $p) { login } }',
          variables: { p: ADMIN_PASSWORD },
        }),
      });
    const behindProxy = (await signIn(proxied.url)).headers.get("set-cookie") ?? "";
    expect(behindProxy).toMatch(/clientele_session=/);
    expect(behindProxy).toMatch(/;\s*Secure/i);
    // Not trusted (the default): a client cannot claim https for itself.
    const direct = (await signIn(t.url)).headers.get("set-cookie") ?? "";
    expect(direct).toMatch(/clientele_session=/);
    expect(direct).not.toMatch(/;\s*Secure/i);
  });

  it("reads CLIENTELE_TRUST_PROXY like Express's trust proxy setting", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("true")).toBe(true);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("loopback, 10.0.0.0/8")).toBe("loopback, 10.0.0.0/8");
    expect(() => parseTrustProxy("$(rm -rf /)")).toThrow(/CLIENTELE_TRUST_PROXY/);
  });

  it("says alive at /healthz and ready at /readyz while the database answers", async () => {
    expect(await (await fetch(`${t.url}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, database: "reachable" });
  });
});
