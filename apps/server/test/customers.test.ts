import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { failure, ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const CREATE = `mutation($input: CustomerInput!) { createCustomer(input: $input) { customerId name valid changedAt } }`;
const UPDATE = `mutation($id: String!, $input: CustomerInput!, $at: DateTime) {
  updateCustomer(customerId: $id, input: $input, expectedChangedAt: $at) { customerId name city valid changedAt } }`;
const COUNT = `{ customers(limit: 1000) { nodes { customerId name city } } }`;

async function snapshot() {
  return ok(await t.gql<{ customers: { nodes: unknown[] } }>(COUNT)).customers.nodes;
}

describe("customers", () => {
  test("create, read back, search", async () => {
    const created = ok(
      await t.gql<{ createCustomer: { customerId: string; valid: string } }>(CREATE, {
        input: { customerId: "ACME", name: "Acme Corporation", city: "Phoenix" },
      }),
    );
    expect(created.createCustomer).toMatchObject({ customerId: "ACME", valid: "VALID" });
    ok(await t.gql(CREATE, { input: { customerId: "GLOBEX", name: "Globex Ltd" } }));
    const found = ok(
      await t.gql<{ customers: { nodes: Array<{ customerId: string }> } }>(
        `{ customers(search: "acme") { nodes { customerId } limitReached } }`,
      ),
    );
    expect(found.customers.nodes.map((c) => c.customerId)).toEqual(["ACME"]);
  });

  test("bad input names the field and writes nothing", async () => {
    const before = await snapshot();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ customerId: "", name: "X" }, "BAD_USER_INPUT", "customerId"],
      [{ customerId: "NEW", name: "   " }, "BAD_USER_INPUT", "name"],
      [{ customerId: "x".repeat(151), name: "Long" }, "BAD_USER_INPUT", "customerId"],
      [{ customerId: "NEW", name: "n".repeat(192) }, "BAD_USER_INPUT", "name"],
      [{ customerId: "NEW", name: "New", url: "u".repeat(201) }, "BAD_USER_INPUT", "url"],
      [{ customerId: "NEW", name: "New", url: "javascript:alert(1)" }, "BAD_USER_INPUT", "url"],
      [{ customerId: "NEW", name: "New", url: "www.example.com" }, "BAD_USER_INPUT", "url"],
      [{ customerId: "acme", name: "Another" }, "CONFLICT", "customerId"],
      [{ customerId: "NEW", name: "Globex Ltd" }, "CONFLICT", "name"],
    ];
    expect(
      failure(await t.gql(CREATE, { input: { customerId: "acme", name: "Another" } })).extensions,
    ).toMatchObject({ code: "CONFLICT", field: "customerId", params: { value: "ACME" } });
    for (const [input, code, field] of cases) {
      const error = failure(await t.gql(CREATE, { input }));
      expect(error.extensions, JSON.stringify(input)).toMatchObject({ code, field });
      expect(error.message.length).toBeGreaterThan(10);
    }
    expect(await snapshot()).toEqual(before);
  });

  test("update keeps left-out fields; a stale expectedChangedAt is a conflict", async () => {
    const first = ok(
      await t.gql<{ updateCustomer: { changedAt: string; city: string } }>(UPDATE, {
        id: "GLOBEX",
        input: { city: "Portland" },
      }),
    ).updateCustomer;
    expect(first.city).toBe("Portland");
    const second = ok(
      await t.gql<{ updateCustomer: { changedAt: string; name: string } }>(UPDATE, {
        id: "GLOBEX",
        input: { city: "Springfield" },
        at: first.changedAt,
      }),
    ).updateCustomer;
    expect(second.name).toBe("Globex Ltd");
    const stale = failure(
      await t.gql(UPDATE, { id: "GLOBEX", input: { city: "Lost update" }, at: first.changedAt }),
    );
    expect(stale.extensions?.code).toBe("CONFLICT");
    const now = ok(
      await t.gql<{ customer: { city: string } }>(`{ customer(customerId: "GLOBEX") { city } }`),
    );
    expect(now.customer.city).toBe("Springfield");
  });

  test("unknown customer → NOT_FOUND; invalid is a valid state, never a delete", async () => {
    expect(failure(await t.gql(UPDATE, { id: "NOPE", input: { city: "x" } })).extensions?.code).toBe(
      "NOT_FOUND",
    );
    const invalid = ok(
      await t.gql<{ updateCustomer: { valid: string } }>(UPDATE, {
        id: "GLOBEX",
        input: { valid: "INVALID_TEMPORARILY" },
      }),
    );
    expect(invalid.updateCustomer.valid).toBe("INVALID_TEMPORARILY");
    const onlyValid = ok(
      await t.gql<{ customers: { nodes: Array<{ customerId: string }> } }>(
        `{ customers(valid: VALID) { nodes { customerId } } }`,
      ),
    );
    expect(onlyValid.customers.nodes.map((c) => c.customerId)).toEqual(["ACME"]);
  });

  test("renaming the customer id moves users, extra-customer relations and grants along", async () => {
    ok(await t.gql(CREATE, { input: { customerId: "OLD-ID", name: "Renamed Inc" } }));
    ok(
      await t.gql(
        `mutation { createCustomerUser(input: { login: "ren", firstName: "Re", lastName: "Name", email: "ren@example.com", customerId: "OLD-ID", password: "secret-pass-1" }) { customerUser { login } } }`,
      ),
    );
    ok(
      await t.gql(
        `mutation { createCustomerUser(input: { login: "other", firstName: "Ot", lastName: "Her", email: "other@example.com", customerId: "ACME", password: "secret-pass-1" }) { customerUser { login } } }`,
      ),
    );
    ok(
      await t.gql(`mutation { setCustomerUserCustomers(login: "other", customerIds: ["OLD-ID"]) { login } }`),
    );
    ok(await t.gql(UPDATE, { id: "OLD-ID", input: { customerId: "NEW-ID" } }));
    const users = ok(
      await t.gql<{ ren: { customerId: string }; other: { customerIds: string[] } }>(
        `{ ren: customerUser(login: "ren") { customerId } other: customerUser(login: "other") { customerIds } }`,
      ),
    );
    expect(users.ren.customerId).toBe("NEW-ID");
    expect(users.other.customerIds).toEqual(["ACME", "NEW-ID"]);
    const customer = ok(
      await t.gql<{ customer: { customerUsers: Array<{ login: string }> } }>(
        `{ customer(customerId: "NEW-ID") { customerUsers { login } } }`,
      ),
    );
    expect(customer.customer.customerUsers.map((u) => u.login)).toEqual(["other", "ren"]);
  });
});

describe("audit", () => {
  test("every write is recorded with who and what, queryable per customer and customer user; no passwords", async () => {
    ok(
      await t.gql(
        `mutation { createCustomerUser(input: { login: "audited", firstName: "A", lastName: "U", email: "audited@example.com", customerId: "ACME", password: "very-secret-1" }) { customerUser { login } } }`,
      ),
    );
    ok(
      await t.gql(
        `mutation { updateCustomerUser(login: "audited", input: { city: "Delft", password: "very-secret-2" }) { login } }`,
      ),
    );
    const user = ok(
      await t.gql<{
        customerUser: {
          history: Array<{ actor: string; action: string; before: string | null; after: string }>;
        };
      }>(`{ customerUser(login: "audited") { history { at actor action before after } } }`),
    ).customerUser.history;
    expect(user.map((h) => [h.actor, h.action])).toEqual([
      ["root@localhost", "update"],
      ["root@localhost", "create"],
    ]);
    expect(JSON.parse(user[0]!.after)).toMatchObject({ UserCity: "Delft" });
    expect(JSON.stringify(user)).not.toMatch(/very-secret/);
    const customer = ok(
      await t.gql<{ customer: { history: Array<{ action: string }> } }>(
        `{ customer(customerId: "GLOBEX") { history { action } } }`,
      ),
    ).customer.history;
    expect(customer.map((h) => h.action)).toEqual(["update", "update", "update", "create"]);
  });
});

describe("batch reads", () => {
  test("a list's customers, read in one batch, are the customers as the search reads them", async () => {
    const fields = "customerId name street zip city country url comment valid createdAt changedAt";
    ok(
      await t.gql(CREATE, {
        input: {
          customerId: "BATCH-1",
          name: "Batch Één GmbH",
          street: "Hauptstraße 1",
          zip: "8001",
          city: "Zürich",
          country: "Switzerland",
          url: "https://batch.example",
          comment: "read in one batch",
        },
      }),
    );
    ok(await t.gql(CREATE, { input: { customerId: "BATCH-2", name: "Batch Two", valid: "INVALID" } }));
    for (const [login, customerId] of [
      ["batch.one", "BATCH-1"],
      ["batch.two", "BATCH-2"],
    ]) {
      ok(
        await t.gql(
          `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`,
          {
            input: { login, firstName: "Batch", lastName: login, email: `${login}@example.com`, customerId },
          },
        ),
      );
    }
    const searched = ok(
      await t.gql<{ customers: { nodes: Array<{ customerId: string }> } }>(
        `{ customers(search: "batch-*") { nodes { ${fields} } } }`,
      ),
    ).customers.nodes;
    const listed = ok(
      await t.gql<{ customerUsers: { nodes: Array<{ customer: unknown }> } }>(
        `{ customerUsers(search: "batch.*") { nodes { login customer { ${fields} } } } }`,
      ),
    ).customerUsers.nodes.map((u) => u.customer);
    expect(searched).toHaveLength(2);
    expect(searched[0]).toMatchObject({ city: "Zürich", valid: "VALID", createdAt: expect.any(String) });
    expect(searched[1]).toMatchObject({ street: null, valid: "INVALID" });
    expect(listed).toEqual(searched);
  });
});
