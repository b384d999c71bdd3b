import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { addTypenameToDocument } from "@apollo/client/utilities";
import { parse, print } from "graphql";
import type { Plugin, Rollup } from "vite";

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
  /** The screen's own module (`screen(() => import(…))` in the router), whose chunks the page preloads. */
  screenModule: string;
}

/**
 * What the server needs to preload the start screen (`spaIndex` in apps/server/src/static-files.ts):
 * the paths that show it, and its chunks that index.html does not load already. Written to
 * `dist/.vite/start-screen.json`.
 */
export interface StartScreenManifest {
  paths: string[];
  modulepreload: string[];
}

/** Where the build writes the start screen's manifest, relative to the output folder. */
export const START_SCREEN_MANIFEST = ".vite/start-screen.json";

/**
 * Adds a small inline script to index.html that, when the app starts on the customer-user list, asks
 * for the session and the list while the app's own modules are still on their way: the app's first
 * request otherwise leaves only once every module of the frame has been downloaded and run. The
 * answers are handed to the Apollo client by `app/prefetch.ts`. Inline, because a script file of its
 * own would cost a round trip first; the server allows it by its hash in the page's CSP
 * (`spaIndex` in apps/server/src/static-files.ts).
 *
 * The screen's chunks are not preloaded by the script (each `<link rel="modulepreload">` it inserted
 * cost the parser several milliseconds on a busy machine, which a warm cache paid in full) but by the
 * server, which sends index.html on the screen's paths with those links in it
 * (`START_SCREEN_MANIFEST`): otherwise the chunks were asked for only once the frame's modules had run,
 * by then behind the list request on a server busy answering it.
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
        const manifest: StartScreenManifest = {
          paths: screen.paths,
          modulepreload: screenChunks(bundle, resolve(root, screen.screenModule)).map((f) => `/${f}`),
        };
        if (manifest.modulepreload.length === 0) this.error(`no chunk for ${screen.screenModule}`);
        this.emitFile({
          type: "asset",
          fileName: START_SCREEN_MANIFEST,
          source: `${JSON.stringify(manifest, null, 2)}\n`,
        });
      },
    },
  };
}

/**
 * The chunk of `module` (a dynamic import) and the chunks it imports, without those the entry loads
 * already (index.html has those), in the order a browser should ask for them.
 */
export function screenChunks(bundle: Rollup.OutputBundle, module: string): string[] {
  const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === "chunk");
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const withImports = (chunk: Rollup.OutputChunk, into: Set<string>): Set<string> => {
    if (into.has(chunk.fileName)) return into;
    into.add(chunk.fileName);
    for (const name of chunk.imports) {
      const imported = byName.get(name);
      if (imported) withImports(imported, into);
    }
    return into;
  };
  const screen = chunks.find((c) => c.facadeModuleId === module);
  if (!screen) return [];
  const loaded = new Set<string>();
  for (const entry of chunks.filter((c) => c.isEntry)) withImports(entry, loaded);
  return [...withImports(screen, new Set())].filter((f) => !loaded.has(f));
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
