import { resolve } from "node:path";
import { runInNewContext } from "node:vm";
import type { Rollup } from "vite";
import { describe, expect, test } from "vitest";
import { printedQuery, screenChunks, startScript } from "./start-screen";

/** Runs the start script as a browser would on `url`, with `fetch` answering `body`. */
function run(url: string, body: unknown = { data: {} }) {
  const { pathname, search } = new URL(url, "http://clientele.test");
  const sent: { url: string; init: { body: string; headers: Record<string, string> } }[] = [];
  const window: Record<string, unknown> = {
    location: { pathname, search },
    URLSearchParams,
    fetch: (to: string, init: (typeof sent)[number]["init"]) => {
      sent.push({ url: to, init });
      return Promise.resolve({ ok: body !== null, json: () => Promise.resolve(body) });
    },
  };
  window.window = window;
  runInNewContext(
    startScript({
      paths: ["/", "/customer-users"],
      queries: [
        { operationName: "Me", text: "query Me { me { id } }", variables: "{}" },
        {
          operationName: "List",
          text: "query List($search: String) { x }",
          variables: "{ search: search || null }",
        },
      ],
    }),
    window,
  );
  const started = window.__clienteleStart as
    | { requests: { operationName: string; variables: unknown; answer: Promise<unknown> }[] }
    | undefined;
  return { sent, started };
}

describe("the start script in index.html", () => {
  test("on the list it asks for the session, then the list with the URL's search", async () => {
    const { sent, started } = run("/customer-users/?search=m%C3%BCller", { data: { me: null } });
    expect(sent.map((s) => JSON.parse(s.init.body))).toEqual([
      { operationName: "Me", variables: {}, query: "query Me { me { id } }" },
      { operationName: "List", variables: { search: "müller" }, query: "query List($search: String) { x }" },
    ]);
    // Apollo Server's CSRF prevention wants the header on every request.
    expect(sent[0]?.init.headers["apollo-require-preflight"]).toBe("true");
    expect(started?.requests.map((r) => [r.operationName, r.variables])).toEqual([
      ["Me", {}],
      ["List", { search: "müller" }],
    ]);
    expect(await started?.requests[0]?.answer).toEqual({ data: { me: null } });
  });

  test("the start page (which redirects to the list) asks for the list without a search", () => {
    const { sent } = run("/?search=ignored");
    expect(JSON.parse(sent[1]?.init.body ?? "{}").variables).toEqual({ search: null });
  });

  test("a failed answer is null, and other screens start nothing", async () => {
    expect(await run("/customer-users", null).started?.requests[1]?.answer).toBeNull();
    const elsewhere = run("/customers");
    expect(elsewhere.sent).toHaveLength(0);
    expect(elsewhere.started).toBeUndefined();
  });

  test("the list query is sent as Apollo sends it, with __typename", () => {
    const query = printedQuery(
      resolve(import.meta.dirname, "../src/features/customer-users/list-query.ts"),
      "CustomerUsersQuery",
    );
    expect(query.operationName).toBe("CustomerUsers");
    expect(query.text).toMatch(/^query CustomerUsers\(\$search: String, \$after: String\)/);
    expect(query.text).toContain(
      "attributes(custom: true) {\n        attribute\n        value\n        __typename",
    );
    expect(() => printedQuery(resolve(import.meta.dirname, "start-screen.ts"), "Nothing")).toThrow();
  });

  test("the server preloads the screen's chunk and what it imports, not what index.html loads", () => {
    const chunk = (fileName: string, imports: string[], more: Partial<Rollup.OutputChunk> = {}) =>
      ({
        type: "chunk",
        fileName,
        imports,
        isEntry: false,
        facadeModuleId: null,
        ...more,
      }) as Rollup.OutputChunk;
    const bundle = Object.fromEntries(
      [
        chunk("assets/main.js", ["assets/shared.js"], { isEntry: true, facadeModuleId: "/app/src/main.tsx" }),
        chunk("assets/shared.js", []),
        chunk("assets/list.js", ["assets/shared.js", "assets/table.js"], {
          facadeModuleId: "/app/src/list.tsx",
        }),
        chunk("assets/table.js", ["assets/title.js", "assets/shared.js"]),
        chunk("assets/title.js", []),
        chunk("assets/other.js", ["assets/title.js"], { facadeModuleId: "/app/src/other.tsx" }),
      ].map((c) => [c.fileName, c]),
    ) as Rollup.OutputBundle;
    expect(screenChunks(bundle, "/app/src/list.tsx")).toEqual([
      "assets/list.js",
      "assets/table.js",
      "assets/title.js",
    ]);
    expect(screenChunks(bundle, "/app/src/missing.tsx")).toEqual([]);
  });
});
