import type { CodegenConfig } from "@graphql-codegen/cli";

const domain = (name: string) => `@clientele/domain#${name}`;

// Resolver signatures from the SDL: a parent is the domain record the field is read from (mappers),
// arguments and return values are checked against the schema, and the context is GraphQLContext.
const codegen: CodegenConfig = {
  schema: "src/graphql/*/schema.graphql",
  hooks: {
    // The enums typed by the domain are re-exported as `export { X }`; under verbatimModuleSyntax a
    // type has to be re-exported as `export type { X }`.
    beforeOneFileWrite: [
      (_path: string, content: string) => content.replace(/^export \{ (\w+) \};$/gm, "export type { $1 };"),
    ],
  },
  generates: {
    "src/graphql/generated/resolvers.ts": {
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: "../context#GraphQLContext",
        useIndexSignature: false,
        mapperTypeSuffix: "Model",
        defaultScalarType: "unknown",
        // A DateTime arrives as a Date (the scalar's parseValue) and may leave as a Date or a string.
        scalars: {
          DateTime: { input: "Date", output: "Date | string" },
          ID: { input: "string", output: "string | number" },
        },
        // Enums whose values inside differ from their names (OTOBO's valid ids are numbers, the
        // configuration's values are as written in the file): the domain's types, and each module's
        // resolver map gives the value of every name.
        enumValues: {
          ValidState: domain("ValidId"),
          SourceModule: domain("SourceModule"),
          DirectoryType: domain("DirectoryType"),
        },
        mappers: {
          Agent: domain("AgentRecord"),
          ApiToken: domain("ApiTokenRecord"),
          AuditEntry: domain("AuditHistoryEntry"),
          BackfillJob: domain("BackfillJobRecord"),
          Customer: domain("CustomerRecord"),
          CustomerUser: domain("CustomerUserRecord"),
          CustomerUserIdentity: domain("CustomerUserIdentity"),
          CustomerUserSource: domain("CustomerUserSource"),
          DynamicField: domain("DynamicFieldRecord"),
          EffectivePermission: domain("EffectivePermission"),
          Group: domain("GroupRecord"),
          ImportJob: domain("ImportJobRecord"),
          Service: domain("ServiceRecord"),
          Settings: domain("Settings"),
          Ticket: domain("TicketRecord"),
        },
      },
    },
  },
};

export default codegen;
