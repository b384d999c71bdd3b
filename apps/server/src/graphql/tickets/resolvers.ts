import type {
  BackfillJobRecord,
  BackfillScope,
  DynamicFieldInput,
  DynamicFieldRecord,
  DynamicFieldValueInput,
  TicketInput,
  TicketRecord,
  TicketSearchParams,
} from "@clientele/domain";
import { OPEN_STATE_IDS } from "@clientele/domain";
import type { GraphQLContext } from "../context";
import type { ResolverMap } from "../types";

type Ctx = GraphQLContext;
type FieldInput = Omit<DynamicFieldInput, "validId"> & { valid?: 1 | 2 | 3 | null };

const toFieldInput = ({ valid, ...rest }: FieldInput): DynamicFieldInput => ({ ...rest, validId: valid });

export const ticketResolvers: ResolverMap = {
  Query: {
    dynamicFields: (_: unknown, __: unknown, ctx: Ctx) => ctx.clientele.dynamicFields.list(),
    tickets: async (_: unknown, a: TicketSearchParams, ctx: Ctx) =>
      (await ctx.clientele.tickets.list(a)).nodes,
    ticketSearch: (_: unknown, a: TicketSearchParams, ctx: Ctx) => ctx.clientele.tickets.list(a),
    ticket: (_: unknown, a: { id: string }, ctx: Ctx) => ctx.clientele.tickets.get(a.id),
    dynamicFieldValues: (_: unknown, a: { login: string }, ctx: Ctx) =>
      ctx.clientele.tickets.preview(a.login),
    dynamicFieldMappableAttributes: (_: unknown, __: unknown, ctx: Ctx) =>
      ctx.clientele.attributes.mappable(),
    dynamicFieldBackfillJob: (_: unknown, a: { id: string }, ctx: Ctx) => ctx.clientele.backfill.get(a.id),
    dynamicFieldBackfillJobs: (_: unknown, __: unknown, ctx: Ctx) => ctx.clientele.backfill.list(),
  },
  Mutation: {
    createDynamicField: (_: unknown, a: { input: FieldInput }, ctx: Ctx) =>
      ctx.clientele.dynamicFields.create(ctx.actor(), toFieldInput(a.input)),
    updateDynamicField: (_: unknown, a: { id?: string; name?: string; input: FieldInput }, ctx: Ctx) =>
      ctx.clientele.dynamicFields.update(ctx.actor(), { id: a.id, name: a.name }, toFieldInput(a.input)),
    createTicket: (_: unknown, a: { input: TicketInput }, ctx: Ctx) =>
      ctx.clientele.tickets.create(ctx.actor(), a.input),
    setTicketDynamicFields: (
      _: unknown,
      a: { ticketId: string; values: DynamicFieldValueInput[] },
      ctx: Ctx,
    ) => ctx.clientele.tickets.setDynamicFields(ctx.actor(), a.ticketId, a.values),
    setTicketCustomerUser: (_: unknown, a: { ticketId: string; customerUserLogin: string }, ctx: Ctx) =>
      ctx.clientele.tickets.setCustomerUser(ctx.actor(), a.ticketId, a.customerUserLogin),
    startDynamicFieldBackfill: (_: unknown, a: { scope: BackfillScope }, ctx: Ctx) =>
      ctx.clientele.backfill.start(ctx.actor(), a.scope),
    cancelDynamicFieldBackfill: (_: unknown, a: { id: string }, ctx: Ctx) =>
      ctx.clientele.backfill.cancel(ctx.actor(), a.id),
    resumeDynamicFieldBackfill: (_: unknown, a: { id: string }, ctx: Ctx) =>
      ctx.clientele.backfill.resume(ctx.actor(), a.id),
  },
  DynamicField: {
    valid: (f: DynamicFieldRecord) => f.validId,
    mapped: async (f: DynamicFieldRecord, _: unknown, ctx: Ctx) => {
      const settings = await ctx.loaders.settings();
      return (
        settings.dynamicFieldFromCustomerUser &&
        f.objectType === "Ticket" &&
        settings.dynamicFieldFromCustomerUserMapping.some((m) => m.dynamicField === f.name)
      );
    },
  },
  Ticket: {
    dynamicFields: (t: TicketRecord, _: unknown, ctx: Ctx) => ctx.loaders.ticketValues.load(t.id),
    history: (t: TicketRecord, _: unknown, ctx: Ctx) => ctx.clientele.tickets.history(t.id),
    open: (t: TicketRecord) => OPEN_STATE_IDS.includes(t.stateId),
  },
  BackfillJob: {
    scope: (j: BackfillJobRecord) => j.scope,
  },
};
