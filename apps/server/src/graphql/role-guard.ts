import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type OperationDefinitionNode } from "graphql";
import type { GraphQLContext } from "./context";

/** Mutations every signed-in role may run: signing in and out, and checking a customer user's password. */
const MUTATIONS_FOR_EVERY_ROLE = new Set(["login", "logout", "authenticateCustomerUser", "__typename"]);

/**
 * Only ADMIN agents and tokens write: for anyone else every mutation outside
 * MUTATIONS_FOR_EVERY_ROLE answers FORBIDDEN before any resolver runs, including mutations added
 * later. Fragments at the root of a mutation are refused too, so they cannot hide a field.
 */
export const roleGuard: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation }) {
        const actor = contextValue.currentActor;
        if (!actor || actor.role === "ADMIN") return;
        const op = operation as OperationDefinitionNode;
        if (op.operation !== "mutation") return;
        const allowed = op.selectionSet.selections.every(
          (s) => s.kind === "Field" && MUTATIONS_FOR_EVERY_ROLE.has(s.name.value),
        );
        if (!allowed) {
          throw new GraphQLError("Your role is READ_ONLY: only an ADMIN agent or token may change data.", {
            extensions: { code: "FORBIDDEN", http: { status: 403 } },
          });
        }
      },
    };
  },
};
