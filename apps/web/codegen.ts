import type { CodegenConfig } from "@graphql-codegen/cli";

const config = {
  enumsAsTypes: true,
  useTypeImports: true,
  scalars: { DateTime: "string" },
  defaultScalarType: "unknown",
};

// The server's SDL is the contract; operations in the SPA are typed against it at build time.
const codegen: CodegenConfig = {
  schema: "../server/src/graphql/*/schema.graphql",
  ignoreNoDocuments: true,
  generates: {
    "./src/gql/": {
      preset: "client",
      documents: [
        "src/**/*.{ts,tsx}",
        "!src/gql/**/*",
        "!src/features/auth/**/*",
        "!src/features/customer-users/list-query.ts",
      ],
      // Components declare the fields they read as fragments next to them and take the masked
      // `FragmentType`; `getFragmentData` is the preset's `useFragment` under a name that does not pass
      // for a React hook: it is a plain function, called in row builders and callbacks too.
      presetConfig: { fragmentMasking: { unmaskFunctionName: "getFragmentData" } },
      config,
    },
    // The frame's own operations (session, sign-in, sign-out) and the start screen's list (asked for
    // before that screen's chunk arrives, see `app/prefetch.ts`) get a module of their own: `graphql()`
    // looks documents up in a table of every operation it knows, and the first page should not
    // download the operations of all the screens.
    "./src/gql/frame/": {
      preset: "client",
      documents: ["src/features/auth/**/*.{ts,tsx}", "src/features/customer-users/list-query.ts"],
      presetConfig: { fragmentMasking: false },
      config,
    },
  },
};

export default codegen;
