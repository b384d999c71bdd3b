import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLContext } from "./context";

/** A response that carries `UNAVAILABLE` (Clientele's database is gone) is answered with HTTP 503. */
export const unavailableStatusPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== "single") return;
        const errors = response.body.singleResult.errors ?? [];
        if (errors.some((e) => e.extensions?.code === "UNAVAILABLE")) response.http.status = 503;
      },
    };
  },
};
