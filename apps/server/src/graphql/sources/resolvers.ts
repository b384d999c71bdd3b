import { type CustomerUserSource, isPasswordAttribute, searchIndexPresence } from "@clientele/domain";
import type { GraphQLContext } from "../context";
import type { ResolverMap } from "../types";

export const sourceResolvers: ResolverMap = {
  Query: {
    customerUserSources: (_: unknown, __: unknown, ctx: GraphQLContext) => ctx.clientele.sources,
  },
  CustomerUserSource: {
    name: (s: CustomerUserSource) => s.config.name,
    module: (s: CustomerUserSource) => s.config.module.toUpperCase(),
    directoryType: (s: CustomerUserSource) =>
      s.config.module !== "ldap"
        ? null
        : s.config.params.directoryType === "activeDirectory"
          ? "ACTIVE_DIRECTORY"
          : "OPENLDAP",
    searchListLimit: (s: CustomerUserSource) => s.config.searchListLimit,
    fields: (s: CustomerUserSource) =>
      s.config.map.map((row) => ({
        attribute: row.attribute,
        label: row.label,
        required: row.required,
        readOnly: s.readOnly || row.readOnly,
        shownInList: s.config.customerUserListFields.includes(row.storage),
        storage: row.storage,
        searchable:
          !isPasswordAttribute(row.attribute) && s.config.customerUserSearchFields.includes(row.storage),
      })),
    status: (s: CustomerUserSource) => s.health(),
    searchIndexes: async (s: CustomerUserSource, _: unknown, ctx: GraphQLContext) => {
      if (s.config.module !== "db" || s.config.params.table !== "customer_user") return null;
      const { missing } = await searchIndexPresence(ctx.clientele.db);
      return { complete: missing.length === 0, missing };
    },
  },
};
