import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { addTypenameToDocument } from "@apollo/client/utilities";
import { parse, print } from "graphql";
import type { Plugin } from "vite";

/** A query the start script sends. */
export interface StartQuery {
  /** The module that holds the `graphql()` document (a template literal of its own). */
  module: string;
  /** The exported constant of that document. */
  name: string;
  /** Its variables, a JavaScript expression that may read `search` (the URL's `?search=`). */
  variables: string;
}

/** What the start script must know of the screen it starts. */
export interface StartScreen {
  /** Paths that show the screen on a cold start ("/" redirects to the list). */
  paths: string[];
  /** What the first render needs, in the order the server should answer. */
  queries: StartQuery[];
}

/**
 * Adds a small inline script to index.html that, when the app starts on the customer-user list, asks
 * for the session and the list while the app's own modules are still on their way: the app's first
 * request otherwise leaves only once every module of the frame has been downloaded and run. The
 * answers are handed to the Apollo client by `app/prefetch.ts`. Inline, because a script file of its
 * own would cost a round trip first; the server allows it by its hash in the page's CSP
 * (`spaIndex` in apps/server/src/static-files.ts). It does not preload the screen's chunks: each
 * `<link rel="modulepreload">` it inserted cost the parser several milliseconds on a busy machine,
 * which a warm cache, where the modules are there at once, paid in full.
 */
export function startScreen(screen: StartScreen): Plugin {
  let root = "";
  return {
    name: "clientele:start-screen",
    apply: "build",
    configResolved: (config) => {
      root = config.root;
    },
    generateBundle: {
      order: "post",
      handler(_options, bundle) {
        const html = bundle["index.html"];
        if (html?.type !== "asset") return;
        const source = startScript({
          paths: screen.paths,
          queries: screen.queries.map((q) => ({
            ...printedQuery(resolve(root, q.module), q.name),
            variables: q.variables,
          })),
        });
        // Before the module scripts: the requests leave before the parser reaches them.
        html.source = String(html.source).replace(
          /<script type="module"/,
          `<script>${source}</script>\n    $&`,
        );
      },
    },
  };
}

/**
 * The query as the Apollo client sends it (with `__typename` everywhere, as its cache adds), so that
 * its answer has the shape the screen expects. Read from the source: the document is a `graphql()`
 * template literal without interpolations.
 */
export function printedQuery(file: string, name: string): { operationName: string; text: string } {
  const source = readFileSync(file, "utf8");
  const match = new RegExp(`export const ${name} = graphql\\(\`([^\`]*)\`\\)`).exec(source);
  if (!match)
    throw new Error(`${relative(process.cwd(), file)} has no \`export const ${name} = graphql(\`…\`)\``);
  const document = addTypenameToDocument(parse(match[1]!));
  const operation = document.definitions.find((d) => d.kind === "OperationDefinition");
  if (!operation?.name) throw new Error(`${name} must be one named operation`);
  return { operationName: operation.name.value, text: print(document) };
}

/**
 * The start script. It records `window.__clienteleStart = { at, requests: [{ operationName,
 * variables, answer }] }`, where `answer` resolves to the parsed JSON of a successful answer or to
 * null; `app/prefetch.ts` reads it.
 */
export function startScript(options: {
  paths: string[];
  queries: { operationName: string; text: string; variables: string }[];
}): string {
  const requests = options.queries
    .map((q) => `ask(${JSON.stringify(q.operationName)}, ${JSON.stringify(q.text)}, ${q.variables})`)
    .join(", ");
  return `(function () {
  var path = location.pathname.replace(/\\/+$/, "") || "/";
  if (${JSON.stringify(options.paths)}.indexOf(path) < 0) return;
  var search = path === "/" ? "" : new URLSearchParams(location.search).get("search") || "";
  function ask(operationName, query, variables) {
    var answer = fetch("/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "apollo-require-preflight": "true" },
      body: JSON.stringify({ operationName: operationName, variables: variables, query: query })
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).catch(function () {
      return null;
    });
    return { operationName: operationName, variables: variables, answer: answer };
  }
  window.__clienteleStart = { at: Date.now(), requests: [${requests}] };
})();`;
}
