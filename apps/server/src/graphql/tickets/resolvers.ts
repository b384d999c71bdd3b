import { isMappedField, isOpenTicket } from "@clientele/domain";
import type { Resolvers } from "../generated/resolvers";
import { withValidId } from "../valid-input";

export const ticketResolvers: Resolvers = {
  Query: {
    dynamicFields: (_, __, ctx) => ctx.clientele.dynamicFields.list(),
    tickets: async (_, a, ctx) => (await ctx.clientele.tickets.list(a)).nodes,
    ticketSearch: (_, a, ctx) => ctx.clientele.tickets.list(a),
    ticket: (_, a, ctx) => ctx.clientele.tickets.get(a.id),
    dynamicFieldValues: (_, a, ctx) => ctx.clientele.tickets.preview(a.login),
    dynamicFieldMappableAttributes: (_, __, ctx) => ctx.clientele.attributes.mappable(),
    dynamicFieldBackfillJob: (_, a, ctx) => ctx.clientele.backfill.get(a.id),
    dynamicFieldBackfillJobs: (_, __, ctx) => ctx.clientele.backfill.list(),
  },
  Mutation: {
    createDynamicField: (_, a, ctx) => ctx.clientele.dynamicFields.create(ctx.actor(), withValidId(a.input)),
    updateDynamicField: (_, a, ctx) =>
      ctx.clientele.dynamicFields.update(ctx.actor(), { id: a.id, name: a.name }, withValidId(a.input)),
    createTicket: (_, a, ctx) => ctx.clientele.tickets.create(ctx.actor(), a.input),
    setTicketDynamicFields: (_, a, ctx) =>
      ctx.clientele.tickets.setDynamicFields(ctx.actor(), a.ticketId, a.values),
    setTicketCustomerUser: (_, a, ctx) =>
      ctx.clientele.tickets.setCustomerUser(ctx.actor(), a.ticketId, a.customerUserLogin),
    startDynamicFieldBackfill: (_, a, ctx) => ctx.clientele.backfill.start(ctx.actor(), a.scope),
    cancelDynamicFieldBackfill: (_, a, ctx) => ctx.clientele.backfill.cancel(ctx.actor(), a.id),
    resumeDynamicFieldBackfill: (_, a, ctx) => ctx.clientele.backfill.resume(ctx.actor(), a.id),
  },
  DynamicField: {
    valid: (f) => f.validId,
    mapped: async (f, _, ctx) => isMappedField(f, await ctx.loaders.settings()),
  },
  Ticket: {
    dynamicFields: (t, _, ctx) => ctx.loaders.ticketValues.load(t.id),
    history: (t, _, ctx) => ctx.clientele.tickets.history(t.id),
    open: (t) => isOpenTicket(t),
  },
};
