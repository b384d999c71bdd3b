import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_LIMITS } from "@clientele/domain";
import {
  buildASTSchema,
  concatAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
  visit,
} from "graphql";
import { describe, expect, it } from "vitest";
import { limitValidationRules, operationCost, parseOptions } from "../../src/graphql/limits";
import { loadTypeDefs } from "../../src/graphql/schema";

/**
 * Every `graphql(`…`)` document of the web app: the operations in operations.ts files and the fragments
 * next to the components that read them. Not the generated module (src/gql), which repeats them.
 */
const webSrc = fileURLToPath(new URL("../../../web/src", import.meta.url));
const documents = readdirSync(webSrc, { recursive: true, encoding: "utf8" })
  .filter((file) => /\.tsx?$/.test(file) && !/(^|\/)gql\//.test(file) && !/\.test\.tsx?$/.test(file))
  .flatMap((file) =>
    [...readFileSync(join(webSrc, file), "utf8").matchAll(/graphql\(\s*`([\s\S]*?)`\s*\)/g)].map((m) => ({
      file,
      text: m[1] as string,
    })),
  );

const schema = buildASTSchema(concatAST(loadTypeDefs().map((sdl) => parse(sdl))));
const fragments = new Map<string, FragmentDefinitionNode>();
for (const { text } of documents) {
  for (const d of parse(text).definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
}

/** The operation with every fragment it uses, as the client preset sends it. */
function withFragments(operation: OperationDefinitionNode): DocumentNode {
  const needed = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !needed.has(spread.name.value)) {
          needed.set(spread.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...needed.values()] };
}

const operations = documents.flatMap(({ file, text }) =>
  parse(text)
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({ file, operation, text })),
);

describe("the web app's own operations fit the request limits", () => {
  it("finds the operations", () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it.each(operations.map((o) => [`${o.operation.name?.value} (${o.file})`, o] as const))(
    "%s",
    (_name, { operation }) => {
      const document = withFragments(operation);
      // The token limit applies to what is sent: the operation with its fragments.
      const printed = parse(
        document.definitions
          .map((d) => (d.loc ? d.loc.source.body.slice(d.loc.start, d.loc.end) : ""))
          .join("\n"),
        parseOptions(DEFAULT_LIMITS),
      );
      expect(validate(schema, printed, [...specifiedRules, ...limitValidationRules(DEFAULT_LIMITS)])).toEqual(
        [],
      );
      // Variables left out: every `limit` counts at its default, as the web app's first page sends it.
      expect(operationCost(schema, document, operation, {}, DEFAULT_LIMITS)).toBeLessThanOrEqual(
        DEFAULT_LIMITS.cost,
      );
    },
  );
});
