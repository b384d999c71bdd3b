import { defaultDbMap } from "@clientele/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { failure, ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    config: {
      backends: [
        {
          module: "db",
          map: [
            ...defaultDbMap,
            { attribute: "UserRoom", label: "Room", storage: "room", shown: 1, required: false },
          ],
        },
      ],
    },
    prepare: (db) => db.db.execute(sql`ALTER TABLE customer_user ADD room varchar(250)`).then(() => {}),
  });
  ok(
    await t.gql(
      `mutation { createCustomer(input: { customerId: "ACME", name: "ACME Inc." }) { customerId } }`,
    ),
  );
  ok(
    await t.gql(`mutation { createCustomerUser(input: { login: "anna", firstName: "Anna", lastName: "A", email: "anna@example.com",
      customerId: "ACME", attributes: [{ attribute: "UserRoom", value: "B-204" }] }) { customerUser { login } } }`),
  );
});
afterAll(() => t?.close());

const TICKET = `id number title customerUserLogin customerId open dynamicFields { name value mapped } history { type name }`;

test("signed out: every ticket and dynamic-field operation is UNAUTHENTICATED", async () => {
  for (const query of [
    "{ dynamicFields { name } }",
    "{ tickets { id } }",
    `mutation { createTicket(input: { title: "x" }) { id } }`,
    `mutation { startDynamicFieldBackfill(scope: { kind: ALL }) { id } }`,
  ]) {
    const { body } = await t.raw(query);
    expect(failure(body).extensions?.code).toBe("UNAUTHENTICATED");
  }
});

test("field, mapping, ticket, preview, customer-user change, history — end to end over GraphQL", async () => {
  const field = ok(
    await t.gql<{
      createDynamicField: { id: string; name: string; fieldType: string; objectType: string; valid: string };
    }>(
      `mutation { createDynamicField(input: { name: "Room", label: "Room" }) { id name fieldType objectType valid } }`,
    ),
  ).createDynamicField;
  expect(field).toMatchObject({ name: "Room", fieldType: "Text", objectType: "Ticket", valid: "VALID" });
  ok(await t.gql(`mutation { createDynamicField(input: { name: "Notes", label: "Notes" }) { id } }`));

  const refused = failure(
    await t.gql(`mutation { updateSettings(input: { dynamicFieldFromCustomerUser: true,
      dynamicFieldFromCustomerUserMapping: [{ attribute: "UserRoom", dynamicField: "Nope" }] }) { dynamicFieldFromCustomerUser } }`),
  );
  expect(refused.extensions).toMatchObject({
    code: "BAD_USER_INPUT",
    field: "dynamicFieldFromCustomerUserMapping",
  });
  ok(
    await t.gql(`mutation { updateSettings(input: { dynamicFieldFromCustomerUser: true,
      dynamicFieldFromCustomerUserMapping: [{ attribute: "UserRoom", dynamicField: "Room" }] }) { dynamicFieldFromCustomerUser } }`),
  );
  const attrs = ok(
    await t.gql<{ dynamicFieldMappableAttributes: Array<{ attribute: string; origin: string }> }>(
      "{ dynamicFieldMappableAttributes { attribute origin } }",
    ),
  ).dynamicFieldMappableAttributes;
  expect(attrs).toContainEqual({ attribute: "UserRoom", origin: "CUSTOMER_USER" });
  expect(attrs).toContainEqual({ attribute: "CustomerCompanyName", origin: "CUSTOMER" });
  expect(attrs.map((a) => a.attribute)).not.toContain("UserPassword");

  expect(
    ok(await t.gql<{ dynamicFieldValues: unknown }>(`{ dynamicFieldValues(login: "anna") { name value } }`))
      .dynamicFieldValues,
  ).toEqual([{ name: "Room", value: "B-204" }]);

  const handSet = failure(
    await t.gql(`mutation { createTicket(input: { title: "x", customerUserLogin: "anna",
      dynamicFields: [{ name: "Room", value: "X" }] }) { id } }`),
  );
  expect(handSet.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "dynamicFields.0.name" });

  const ticket = ok(
    await t.gql<{ createTicket: { id: string; dynamicFields: unknown[]; open: boolean } }>(
      `mutation { createTicket(input: { title: "Printer", customerUserLogin: "anna",
        dynamicFields: [{ name: "Notes", value: "by hand" }] }) { ${TICKET} } }`,
    ),
  ).createTicket;
  expect(ticket).toMatchObject({ customerUserLogin: "anna", customerId: "ACME", open: true });
  expect(ticket.dynamicFields).toEqual([
    { name: "Room", value: "B-204", mapped: true },
    { name: "Notes", value: "by hand", mapped: false },
  ]);

  const moved = ok(
    await t.gql<{
      setTicketCustomerUser: { dynamicFields: unknown[]; history: Array<{ type: string; name: string }> };
    }>(
      `mutation($id: ID!) { setTicketCustomerUser(ticketId: $id, customerUserLogin: "nobody") { ${TICKET} } }`,
      { id: ticket.id },
    ),
  ).setTicketCustomerUser;
  expect(moved.dynamicFields).toContainEqual({ name: "Room", value: null, mapped: true });
  expect(moved.history.map((h) => h.type)).toEqual([
    "NewTicket",
    "TicketDynamicFieldUpdate",
    "TicketDynamicFieldUpdate",
    "CustomerUpdate",
    "TicketDynamicFieldUpdate",
    "Misc",
  ]);
  expect(moved.history.at(-1)!.name).toContain('customer user "nobody" not found');

  const list = ok(
    await t.gql<{ tickets: Array<{ title: string }> }>(`{ tickets(search: "print", limit: 10) { title } }`),
  ).tickets;
  expect(list).toEqual([{ title: "Printer" }]);
  ok(await t.gql(`mutation { createTicket(input: { title: "Page two" }) { id } }`));
  const first = ok(
    await t.gql<{ tickets: Array<{ id: string; title: string }> }>("{ tickets(limit: 1) { id title } }"),
  );
  expect(first.tickets.map((x) => x.title)).toEqual(["Page two"]);
  const next = ok(
    await t.gql<{ tickets: Array<{ title: string }> }>(
      `query($b: ID) { tickets(limit: 1, before: $b) { title } }`,
      {
        b: first.tickets[0]!.id,
      },
    ),
  );
  expect(next.tickets).toEqual([{ title: "Printer" }]);
});

test("bad input never reaches the database as an internal error", async () => {
  for (const [query, field] of [
    [`mutation { createTicket(input: { title: "a\\u0000b" }) { id } }`, "title"],
    [`mutation { createDynamicField(input: { name: "bad name", label: "x" }) { id } }`, "name"],
    [`{ tickets(limit: 0) { id } }`, "limit"],
    [`mutation { setTicketCustomerUser(ticketId: "1", customerUserLogin: "") { id } }`, "customerUserLogin"],
    [`{ dynamicFieldValues(login: "a\u0000") { name } }`, "login"],
    [
      `mutation { updateSettings(input: { dynamicFieldFromCustomerUserMapping: [{ attribute: "a\u0000", dynamicField: "Room" }] }) { dynamicFieldFromCustomerUser } }`,
      "attribute",
    ],
  ] as const) {
    const error = failure(await t.gql(query));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  }
});

test("an id that cannot name a row names none: null from a lookup, NOT_FOUND on the field in a write", async () => {
  expect(ok(await t.gql<{ ticket: null }>(`{ ticket(id: "x") { id } }`)).ticket).toBeNull();
  expect(
    ok(await t.gql<{ dynamicFieldBackfillJob: null }>(`{ dynamicFieldBackfillJob(id: "-1") { id } }`)),
  ).toEqual({ dynamicFieldBackfillJob: null });
  for (const [query, field] of [
    [`mutation { updateDynamicField(id: "1e400", input: { label: "x" }) { id } }`, "id"],
    [`mutation { setTicketCustomerUser(ticketId: "x", customerUserLogin: "anna") { id } }`, "ticketId"],
    [`mutation { cancelDynamicFieldBackfill(id: "99999999999") { id } }`, "id"],
  ] as const) {
    expect(failure(await t.gql(query)).extensions).toMatchObject({ code: "NOT_FOUND", field });
  }
});

test("backfill job: started, polled until done, counts", async () => {
  // A ticket whose room changed after it was created.
  await t.database.db.execute(sql`update customer_user set room = 'C-3' where login = 'anna'`);
  ok(await t.gql(`mutation { createTicket(input: { title: "Second", customerUserLogin: "anna" }) { id } }`));
  await t.database.db.execute(sql`update customer_user set room = 'D-4' where login = 'anna'`);
  const job = ok(
    await t.gql<{ startDynamicFieldBackfill: { id: string; state: string; total: number } }>(
      `mutation { startDynamicFieldBackfill(scope: { kind: CUSTOMER_USER, value: "anna", openOnly: true }) { id state total } }`,
    ),
  ).startDynamicFieldBackfill;
  expect(job.total).toBe(1);
  await t.server.clientele.backfill.settled(Number(job.id));
  const done = ok(
    await t.gql<{ dynamicFieldBackfillJob: unknown }>(
      `query($id: ID!) { dynamicFieldBackfillJob(id: $id) { state total processed updated skipped scope { kind value openOnly } } }`,
      { id: job.id },
    ),
  ).dynamicFieldBackfillJob;
  expect(done).toEqual({
    state: "DONE",
    total: 1,
    processed: 1,
    updated: 1,
    skipped: 0,
    scope: { kind: "CUSTOMER_USER", value: "anna", openOnly: true },
  });
  const cancel = ok(
    await t.gql<{ cancelDynamicFieldBackfill: { state: string } }>(
      `mutation($id: ID!) { cancelDynamicFieldBackfill(id: $id) { state } }`,
      { id: job.id },
    ),
  ).cancelDynamicFieldBackfill;
  expect(cancel.state).toBe("DONE");
});

test("a READ_ONLY token may read tickets and fields but not write them", async () => {
  const { token } = ok(
    await t.gql<{ createApiToken: { token: string } }>(
      `mutation { createApiToken(name: "ticket reader", role: READ_ONLY) { token } }`,
    ),
  ).createApiToken;
  const headers = { authorization: `Bearer ${token}` };
  const read = await t.raw<{ tickets: unknown[] }>("{ tickets { id } dynamicFields { name } }", {}, headers);
  expect(read.body.errors).toBeUndefined();
  for (const mutation of [
    `mutation { createTicket(input: { title: "x" }) { id } }`,
    `mutation { createDynamicField(input: { name: "X", label: "x" }) { id } }`,
    `mutation { startDynamicFieldBackfill(scope: { kind: ALL }) { id } }`,
  ]) {
    const { body } = await t.raw(mutation, {}, headers);
    expect(failure(body).extensions?.code).toBe("FORBIDDEN");
  }
});
