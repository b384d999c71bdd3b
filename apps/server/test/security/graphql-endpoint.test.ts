import { once } from "node:events";
import http, { type IncomingMessage } from "node:http";
import net from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlPostEndpoint, parseJsonBody } from "../../src/graphql-endpoint";
import { createLogger } from "../../src/security/logging";
import { ADMIN_PASSWORD, startTestServer, type TestServer } from "../helpers";

// `POST /graphql` with a JSON body and a Content-Length is answered beside Express
// (src/graphql-endpoint.ts); every other request goes through Express. These tests hold the two
// ways to the same answers and check what only the short way does.

const lines: Array<Record<string, unknown>> = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let t: TestServer;
let proxied: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  proxied = await startTestServer({ env: { trustProxy: "loopback" }, logger: createLogger("warn", sink) });
});
afterAll(async () => {
  await t?.close();
  await proxied?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * POSTs raw bytes to /graphql with node:http. `chunked` leaves out the Content-Length, which sends
 * the body chunked, so Express's route answers it; otherwise the endpoint beside Express does.
 */
function post(
  url: string,
  body: string | Buffer,
  options: { chunked?: boolean; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/graphql`,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(options.chunked ? {} : { "content-length": String(bytes.length) }),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(bytes);
  });
}

/** The headers that describe the answer, without those of the connection and the clock. */
function answerHeaders(answer: Answer) {
  const {
    date: _date,
    connection: _connection,
    "keep-alive": _keepAlive,
    "content-length": _length,
    "transfer-encoding": _encoding,
    ...rest
  } = answer.headers;
  return rest;
}

/** Signs the admin in through the endpoint; the session cookie as a Cookie header value. */
async function signInCookie(): Promise<string> {
  const signIn = await post(
    t.url,
    JSON.stringify({
      query: 'mutation($p: String!) { login(login: "root@localhost", password: $p) { login } }',
      variables: { p: ADMIN_PASSWORD },
    }),
  );
  return String(signIn.headers["set-cookie"]).split(";")[0]!;
}

describe("POST /graphql beside Express", () => {
  const bodies: Array<[string, string | Buffer]> = [
    ["an operation", JSON.stringify({ query: "{ me { login } }" })],
    ["an operation that needs a session", JSON.stringify({ query: "{ customers { limit } }" })],
    ["a validation error", JSON.stringify({ query: "{ noSuchField }" })],
    ["a syntax error", JSON.stringify({ query: "{ me { " })],
    ["a body without an operation", "{}"],
    ["an empty body", ""],
    ["a batch", JSON.stringify([{ query: "{ me { login } }" }])],
    ["invalid JSON", '{"query": "{ me { login } }",'],
    ["a JSON string", '"{ me { login } }"'],
    ["a JSON number", "  42"],
    ["a body after a byte-order mark", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("{}")])],
    [
      "a body with a variable of the wrong type",
      JSON.stringify({ query: "query($n: Int) { me { login } }", variables: { n: "x" } }),
    ],
  ];

  it.each(bodies)("answers %s exactly as Express's route does", async (_name, body) => {
    const beside = await post(t.url, body);
    const through = await post(t.url, body, { chunked: true });
    expect(beside.status).toBe(through.status);
    expect(beside.body).toBe(through.body);
    expect(answerHeaders(beside)).toEqual(answerHeaders(through));
    // The endpoint sets the length itself.
    expect(beside.headers["content-length"]).toBe(String(Buffer.byteLength(beside.body)));
    expect(beside.body).not.toMatch(/\s+at \S+ \(|node_modules|\/work\//);
  });

  it("sends a large answer as the same bytes as Express's route does", async () => {
    // Over 16 kB and not ASCII: the endpoint sends such an answer as bytes it encoded itself.
    for (let i = 0; i < 80; i++) {
      const created = await t.gql(
        "mutation($id: String!, $name: String!) { createCustomer(input: { customerId: $id, name: $name }) { customerId } }",
        { id: `large-${i}`, name: `Grüße aus Zürich, 東京 𝄞 ${i} ${"ü".repeat(150)}` },
      );
      expect(created.errors).toBeUndefined();
    }
    const cookie = await signInCookie();
    const body = JSON.stringify({ query: '{ customers(search: "large-*") { nodes { customerId name } } }' });
    const beside = await post(t.url, body, { headers: { cookie } });
    const through = await post(t.url, body, { headers: { cookie }, chunked: true });
    expect(JSON.parse(beside.body).data.customers.nodes).toHaveLength(80);
    expect(beside.body.length).toBeGreaterThan(16_384);
    expect(beside.body).toContain("東京 𝄞");
    expect(beside.body).toBe(through.body);
    expect(answerHeaders(beside)).toEqual(answerHeaders(through));
    expect(beside.headers["content-length"]).toBe(String(Buffer.byteLength(beside.body)));
  });

  it("answers an agent's operation with its session cookie as Express's route does", async () => {
    const cookie = await signInCookie();
    expect(cookie).toMatch(/^clientele_session=./);
    const body = JSON.stringify({ query: "{ me { login } customers(limit: 1) { limit } }" });
    const beside = await post(t.url, body, { headers: { cookie } });
    const through = await post(t.url, body, { headers: { cookie }, chunked: true });
    expect(JSON.parse(beside.body)).toEqual({
      data: { me: { login: "root@localhost" }, customers: { limit: 1 } },
    });
    expect(beside.body).toBe(through.body);
    expect(answerHeaders(beside)).toEqual(answerHeaders(through));
  });

  it("treats a session cookie that cookie-parser reads as JSON as no session", async () => {
    const answer = await post(t.url, JSON.stringify({ query: "{ customers { limit } }" }), {
      headers: { cookie: 'clientele_session=j:{"a":1}' },
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("logs the client's address as Express's trust proxy reads it", async () => {
    lines.length = 0;
    const answer = await post(proxied.url, JSON.stringify({ query: "{ customers { limit } }" }), {
      headers: { "x-forwarded-for": "203.0.113.7" },
    });
    expect(answer.status).toBe(401);
    const line = lines.find((l) => l.msg === "request completed");
    expect(line?.req).toMatchObject({ method: "POST", path: "/graphql", remoteAddress: "203.0.113.7" });
  });

  it("survives a client that goes away in the middle of its body", async () => {
    const { port } = new URL(t.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    await once(socket, "connect");
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query": "{ me',
    );
    socket.destroy();
    await once(socket, "close");
    const after = await post(t.url, JSON.stringify({ query: "{ me { login } }" }));
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body)).toEqual({ data: { me: null } });
  });
});

describe("which requests the endpoint takes", () => {
  const endpoint = graphqlPostEndpoint({
    app: {} as never,
    apollo: {} as never,
    context: (() => {}) as never,
    before: [],
    bodyBytes: 1000,
    logger: {} as never,
  });
  const request = (method: string, url: string, headers: Record<string, string>) =>
    ({ method, url, headers }) as unknown as IncomingMessage;
  const json = { "content-type": "application/json", "content-length": "20" };

  it("takes a JSON POST to /graphql with a Content-Length within the limit", () => {
    expect(endpoint.takes(request("POST", "/graphql", json))).toBe(true);
    expect(
      endpoint.takes(
        request("POST", "/graphql", { ...json, "content-type": "application/JSON; charset=UTF-8" }),
      ),
    ).toBe(true);
    expect(endpoint.takes(request("POST", "/graphql", { ...json, "content-length": "1000" }))).toBe(true);
    expect(endpoint.takes(request("POST", "/graphql", { ...json, "content-encoding": "identity" }))).toBe(
      true,
    );
  });

  it.each<[string, string, string, Record<string, string>]>([
    ["another method", "GET", "/graphql", json],
    ["a query string", "POST", "/graphql?x=1", json],
    ["a path below", "POST", "/graphql/x", json],
    ["a body above the limit", "POST", "/graphql", { ...json, "content-length": "1001" }],
    ["a chunked body", "POST", "/graphql", { "content-type": "application/json" }],
    ["a malformed length", "POST", "/graphql", { ...json, "content-length": "2e3" }],
    ["a compressed body", "POST", "/graphql", { ...json, "content-encoding": "gzip" }],
    ["another charset", "POST", "/graphql", { ...json, "content-type": "application/json; charset=utf-16" }],
    ["another media type", "POST", "/graphql", { ...json, "content-type": "text/plain" }],
    [
      "a JSON-based media type",
      "POST",
      "/graphql",
      { ...json, "content-type": "application/merge-patch+json" },
    ],
    ["no media type", "POST", "/graphql", { "content-length": "20" }],
  ])("leaves %s to Express", (_name, method, url, headers) => {
    expect(endpoint.takes(request(method, url, headers))).toBe(false);
  });

  it("reads bodies as express.json does", () => {
    expect(parseJsonBody(Buffer.from(""))).toEqual({});
    expect(parseJsonBody(Buffer.from(' \n{"a":1}'))).toEqual({ a: 1 });
    expect(parseJsonBody(Buffer.from("[1]"))).toEqual([1]);
    expect(parseJsonBody(Buffer.from("\ufeff{}"))).toEqual({});
    expect(typeof parseJsonBody(Buffer.from("1"))).toBe("symbol");
    expect(typeof parseJsonBody(Buffer.from("null"))).toBe("symbol");
    expect(typeof parseJsonBody(Buffer.from("{"))).toBe("symbol");
  });
});
