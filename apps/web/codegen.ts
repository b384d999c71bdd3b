import type { CodegenConfig } from "@graphql-codegen/cli";

// The server's SDL is the contract; operations in the SPA are typed against it at build time.
const config: CodegenConfig = {
  schema: "../server/src/graphql/*/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: true,
  generates: {
    "./src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: "string" },
        defaultScalarType: "unknown",
      },
    },
  },
};

export default config;
