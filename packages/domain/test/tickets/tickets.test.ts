import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client";
import { dynamicFieldHistoryName } from "../../src/tickets";
import { actor, type TicketFixture, ticketFixture } from "../support/tickets";

let f: TicketFixture;
beforeAll(async () => {
  f = await ticketFixture();
  await f.addCustomer("ACME", "ACME Corporation");
  await f.addCustomer("GLOBEX", "Globex");
  await f.addUser("anna", "ACME", { room: "B-204", firstName: "Anna" });
  await f.addUser("bert", "GLOBEX", { firstName: "Bert" });
});
afterAll(async () => f?.close());

describe("dynamic fields", () => {
  test("create with OTOBO's defaults: ticket, text, YAML config, valid; listed in order", async () => {
    const field = await f.addField("Room");
    expect(field).toMatchObject({
      name: "Room",
      label: "Room",
      fieldType: "Text",
      objectType: "Ticket",
      validId: 1,
    });
    expect(field.config).toBe("---\nDefaultValue: ''\nLink: ''\n");
    const [row] = await queryRows<{ internal_field: number; field_order: number }>(
      f.db,
      sql`select internal_field, field_order from dynamic_field where name = 'Room'`,
    );
    expect(row).toMatchObject({ internal_field: 0 });
    expect((await f.app.dynamicFields.list()).map((d) => d.name)).toContain("Room");
  });

  test("names: letters and digits only, unique case-insensitively; nothing written on refusal", async () => {
    const before = await f.count("dynamic_field");
    await expect(f.app.dynamicFields.create(actor, { name: "Room-1", label: "x" })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field: "name" },
    });
    await expect(f.app.dynamicFields.create(actor, { name: "room", label: "x" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(f.app.dynamicFields.create(actor, { name: "Ok1", label: "a\u0000b" })).rejects.toMatchObject(
      {
        code: "BAD_USER_INPUT",
        extensions: { field: "label" },
      },
    );
    await expect(
      f.app.dynamicFields.create(actor, { name: "Ok2", label: "x", objectType: "Queue" }),
    ).rejects.toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "objectType" } });
    expect(await f.count("dynamic_field")).toBe(before);
  });

  test("update by id or name: label, order, valid; no delete exists", async () => {
    const field = await f.addField("Notes");
    const updated = await f.app.dynamicFields.update(
      actor,
      { name: "Notes" },
      { label: "Notes (internal)", validId: 2 },
    );
    expect(updated).toMatchObject({ id: field.id, label: "Notes (internal)", validId: 2 });
    const again = await f.app.dynamicFields.update(actor, { id: field.id }, { validId: 1, fieldOrder: 50 });
    expect(again).toMatchObject({ validId: 1, fieldOrder: 50, label: "Notes (internal)" });
    await expect(f.app.dynamicFields.update(actor, { name: "Nope" }, { label: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("mapping and tickets", () => {
  // OTOBO's scripts/test/Ticket/Event/DynamicFieldFromCustomerUser.t, in Clientele's terms.
  test("OTOBO's case: login, first and last name, company name and customer id land in the new ticket", async () => {
    for (const name of [
      "CustomerLogin",
      "CustomerFirstname",
      "CustomerLastname",
      "CustomerCompanyName",
      "CustomerID",
    ]) {
      await f.addField(name);
    }
    await f.map({
      UserLogin: "CustomerLogin",
      UserFirstname: "CustomerFirstname",
      UserLastname: "CustomerLastname",
      CustomerCompanyName: "CustomerCompanyName",
      CustomerID: "CustomerID",
    });
    const anna = await f.app.customerUsers.require("anna");
    const ticket = await f.app.tickets.create(actor, {
      title: "Some Ticket Title",
      customerUserLogin: "anna",
    });
    expect(ticket).toMatchObject({ customerUserLogin: "anna", customerId: "ACME" });
    expect(ticket.number).toMatch(/^\d{8}10\d{6}$/);
    expect(await f.values(ticket.id)).toEqual({
      CustomerLogin: "anna",
      CustomerFirstname: "Anna",
      CustomerLastname: anna.attributes.UserLastname,
      CustomerCompanyName: "ACME Corporation",
      CustomerID: "ACME",
    });
    // HistoricalValueGet after ValueSet: the values are in dynamic_field_value, one row each.
    expect(await f.count("dynamic_field_value", `object_id = ${ticket.id}`)).toBe(5);
    const history = await f.history(ticket.id);
    expect(history[0]).toMatch(/^NewTicket %%\d+%%/);
    expect(history).toContain("TicketDynamicFieldUpdate %%FieldName%%CustomerLogin%%Value%%anna%%OldValue%%");
  });

  test("a ticket for a user with UserRoom set gets the room", async () => {
    await f.map({ UserRoom: "Room", UserLogin: "CustomerLogin" });
    const ticket = await f.app.tickets.create(actor, { title: "Printer", customerUserLogin: "anna" });
    expect(await f.values(ticket.id)).toEqual({ Room: "B-204", CustomerLogin: "anna" });
  });

  test("changing the ticket's customer user replaces the values; an empty attribute clears the field", async () => {
    await f.map({ UserRoom: "Room", UserLogin: "CustomerLogin" });
    const ticket = await f.app.tickets.create(actor, { title: "Move", customerUserLogin: "anna" });
    const changed = await f.app.tickets.setCustomerUser(actor, ticket.id, "bert");
    expect(changed).toMatchObject({ customerUserLogin: "bert", customerId: "GLOBEX" });
    expect(await f.values(ticket.id)).toEqual({ CustomerLogin: "bert" });
    expect(await f.count("dynamic_field_value", `object_id = ${ticket.id}`)).toBe(1);
    const history = await f.history(ticket.id);
    expect(history).toContain("CustomerUpdate %%CustomerID=GLOBEX;CustomerUser=bert;");
    expect(history).toContain("TicketDynamicFieldUpdate %%FieldName%%Room%%Value%%%%OldValue%%B-204");
  });

  test("a customer-user update does not touch existing tickets", async () => {
    await f.map({ UserRoom: "Room" });
    await f.addUser("carla", "ACME", { room: "C-1" });
    const ticket = await f.app.tickets.create(actor, { title: "Old room", customerUserLogin: "carla" });
    const historyBefore = await f.history(ticket.id);
    await f.app.customerUsers.update(
      "carla",
      { attributes: [{ attribute: "UserRoom", value: "C-2" }] },
      actor,
    );
    expect(await f.values(ticket.id)).toEqual({ Room: "C-1" });
    expect(await f.history(ticket.id)).toEqual(historyBefore);
    expect(await f.app.tickets.preview("carla")).toEqual([{ name: "Room", value: "C-2" }]);
  });

  test("an unknown customer user leaves the mapped fields empty and the history says why", async () => {
    await f.map({ UserRoom: "Room" });
    const ticket = await f.app.tickets.create(actor, { title: "Who?", customerUserLogin: "ghost" });
    expect(ticket).toMatchObject({ customerUserLogin: "ghost", customerId: null });
    expect(await f.values(ticket.id)).toEqual({});
    expect(await f.history(ticket.id)).toContain(
      'Misc %%DynamicFieldFromCustomerUser%%fields left empty: customer user "ghost" not found',
    );
  });

  test("mapping to a missing or non-ticket field is refused, nothing saved", async () => {
    await f.addField("ArticleNote", "Article");
    const before = await f.app.settings.get();
    for (const dynamicField of ["DoesNotExist", "ArticleNote"]) {
      await expect(
        f.app.settings.update(actor, {
          dynamicFieldFromCustomerUserMapping: [{ attribute: "UserRoom", dynamicField }],
        }),
      ).rejects.toMatchObject({
        code: "BAD_USER_INPUT",
        extensions: { field: "dynamicFieldFromCustomerUserMapping" },
      });
    }
    expect(await f.app.settings.get()).toEqual(before);
  });

  test("a hand-set value for a mapped field is refused naming the field; unmapped fields are set by hand", async () => {
    await f.map({ UserRoom: "Room" });
    const tickets = await f.count("ticket");
    await expect(
      f.app.tickets.create(actor, {
        title: "Hand",
        customerUserLogin: "anna",
        dynamicFields: [{ name: "Room", value: "X" }],
      }),
    ).rejects.toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "dynamicFields.0.name" } });
    expect(await f.count("ticket")).toBe(tickets);
    const ticket = await f.app.tickets.create(actor, {
      title: "Hand",
      customerUserLogin: "anna",
      dynamicFields: [{ name: "Notes", value: "call back" }],
    });
    expect(await f.values(ticket.id)).toMatchObject({ Room: "B-204", Notes: "call back" });
    await expect(
      f.app.tickets.setDynamicFields(actor, ticket.id, [{ name: "Room", value: "Y" }]),
    ).rejects.toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "values.0.name" } });
    await f.app.tickets.setDynamicFields(actor, ticket.id, [{ name: "Notes", value: "" }]);
    expect(await f.values(ticket.id)).toEqual({ Room: "B-204" });
  });

  test("with the switch off nothing is filled and the fields may be set by hand", async () => {
    await f.app.settings.update(actor, { dynamicFieldFromCustomerUser: false });
    const ticket = await f.app.tickets.create(actor, {
      title: "Off",
      customerUserLogin: "anna",
      dynamicFields: [{ name: "Room", value: "by hand" }],
    });
    expect(await f.values(ticket.id)).toEqual({ Room: "by hand" });
    await f.app.settings.update(actor, { dynamicFieldFromCustomerUser: true });
  });

  test("bad input: empty title, control characters, unknown field, bad id — all BAD_USER_INPUT", async () => {
    await expect(f.app.tickets.create(actor, { title: "  " })).rejects.toMatchObject({
      extensions: { field: "title" },
    });
    await expect(f.app.tickets.create(actor, { title: "a\u0000" })).rejects.toMatchObject({
      extensions: { field: "title" },
    });
    await expect(f.app.tickets.create(actor, { title: "\ud800" })).rejects.toMatchObject({
      extensions: { field: "title" },
    });
    await expect(
      f.app.tickets.create(actor, { title: "x", dynamicFields: [{ name: "Nope", value: "1" }] }),
    ).rejects.toMatchObject({ extensions: { field: "dynamicFields.0.name" } });
    await expect(f.app.tickets.setCustomerUser(actor, "abc", "anna")).rejects.toMatchObject({
      code: "NOT_FOUND",
      extensions: { field: "ticketId" },
    });
    await expect(f.app.tickets.list({ limit: 0 })).rejects.toMatchObject({ extensions: { field: "limit" } });
  });

  test("list: newest first, search by title, number or customer user, limit with limitReached", async () => {
    const all = await f.app.tickets.list({ limit: 1000 });
    expect(all.nodes.length).toBeGreaterThan(3);
    expect(all.nodes[0]!.id).toBeGreaterThan(all.nodes[1]!.id);
    expect((await f.app.tickets.list({ search: "printer" })).nodes.map((t) => t.title)).toEqual(["Printer"]);
    expect((await f.app.tickets.list({ search: "ghost" })).nodes.map((t) => t.title)).toEqual(["Who?"]);
    expect((await f.app.tickets.list({ search: "100%" })).nodes).toEqual([]);
    const two = await f.app.tickets.list({ limit: 2 });
    expect(two).toMatchObject({ limit: 2, limitReached: true });
    expect(two.nodes).toHaveLength(2);
  });
});

test("history names are shortened to 200 characters exactly as OTOBO does", () => {
  expect(dynamicFieldHistoryName("Room", "B-204", "")).toBe("%%FieldName%%Room%%Value%%B-204%%OldValue%%");
  const long = dynamicFieldHistoryName("F".repeat(100), "v".repeat(100), "o".repeat(100));
  expect(long.length).toBeLessThanOrEqual(200);
  expect(long).toContain(`%%OldValue%%${"o".repeat(50)}[...]`);
  expect(long).toContain("[...]%%Value%%");
});

test("a login rename and a customer id rename carry the tickets along", async () => {
  await f.addCustomer("RENAME-ME");
  await f.addUser("old-login", "RENAME-ME");
  const ticket = await f.app.tickets.create(actor, { title: "Follows", customerUserLogin: "old-login" });
  await f.app.customerUsers.update("old-login", { login: "new-login" }, actor);
  await f.app.customers.update("RENAME-ME", { customerId: "RENAMED" }, actor);
  expect(await f.app.tickets.require(ticket.id)).toMatchObject({
    customerUserLogin: "new-login",
    customerId: "RENAMED",
  });
});
