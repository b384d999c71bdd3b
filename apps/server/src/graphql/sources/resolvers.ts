import { fieldDefinitions } from "@clientele/domain";
import type { Resolvers } from "../generated/resolvers";

export const sourceResolvers: Resolvers = {
  // The configuration's values inside, the enum names in the API.
  SourceModule: { DB: "db", LDAP: "ldap" },
  DirectoryType: { OPENLDAP: "openldap", ACTIVE_DIRECTORY: "activeDirectory" },
  Query: {
    customerUserSources: (_, __, ctx) => ctx.clientele.sources,
  },
  CustomerUserSource: {
    name: (s) => s.config.name,
    module: (s) => s.config.module,
    directoryType: (s) => (s.config.module === "ldap" ? s.config.params.directoryType : null),
    searchListLimit: (s) => s.config.searchListLimit,
    fields: (s) => fieldDefinitions(s),
    status: (s) => s.health(),
    searchIndexes: (s, _, ctx) => ctx.clientele.customerUsers.searchIndexes(s),
  },
};
