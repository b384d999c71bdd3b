import { queryRows } from "@clientele/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { adminApiToken, failure, ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;
/** New hashes: Argon2id standalone; OTOBO's BCRYPT form when attached (TEST_DRIVER=otobo). */
const newHashPattern = () => (t.server.clientele.passwordHash === "bcrypt" ? /^BCRYPT:12:/ : /^\$argon2id\$/);
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const CREATE = `mutation($input: CustomerUserInput!, $source: String) {
  createCustomerUser(input: $input, source: $source) { generatedPassword customerUser { login email valid changedAt customerIds } } }`;
const UPDATE = `mutation($login: String!, $input: CustomerUserInput!, $at: DateTime) {
  updateCustomerUser(login: $login, input: $input, expectedChangedAt: $at) { login firstName email customerId valid changedAt customerIds } }`;
const AUTH = `mutation($l: String!, $p: String!) { authenticateCustomerUser(login: $l, password: $p) { login } }`;
const SEARCH = `query($s: String, $c: String, $v: ValidState, $limit: Int) {
  customerUsers(search: $s, customerId: $c, valid: $v, limit: $limit) { limit limitReached nodes { login } } }`;

type Created = {
  createCustomerUser: {
    generatedPassword: string | null;
    customerUser: { login: string; changedAt: string };
  };
};

const user = (login: string, extra: Record<string, unknown> = {}) => ({
  login,
  firstName: `Firstname ${login}`,
  lastName: `Lastname ${login}`,
  email: `${login}@example.com`,
  customerId: "L-Customer-Update-Id",
  password: "some_pass-123",
  ...extra,
});

/** Everything a failed write must leave untouched. */
async function state() {
  const rows = await queryRows(
    t.database.db,
    sql`SELECT (SELECT count(*) FROM customer_user) AS users, (SELECT count(*) FROM customer_user_customer) AS relations,
        (SELECT count(*) FROM clientele.audit_log) AS audit, (SELECT string_agg(login || email || first_name || coalesce(pw,''), ',' ORDER BY login) FROM customer_user) AS content`,
  );
  return rows[0];
}

const logins = async (vars: Record<string, unknown>) =>
  ok(
    await t.gql<{ customerUsers: { nodes: Array<{ login: string }>; limitReached: boolean } }>(SEARCH, vars),
  ).customerUsers.nodes.map((n) => n.login);

describe("creating customer users", () => {
  test("no customer yet → PRECONDITION_FAILED, nothing written", async () => {
    const before = await state();
    const error = failure(await t.gql(CREATE, { input: user("first") }));
    expect(error.extensions).toMatchObject({ code: "PRECONDITION_FAILED", params: { reason: "noCustomer" } });
    expect(error.message).toMatch(/customer/i);
    expect(await state()).toEqual(before);
    ok(
      await t.gql(
        `mutation { createCustomer(input: { customerId: "L-Customer-Update-Id", name: "Unit" }) { customerId } }`,
      ),
    );
    ok(
      await t.gql(`mutation { createCustomer(input: { customerId: "C2", name: "Second" }) { customerId } }`),
    );
    ok(await t.gql(`mutation { createCustomer(input: { customerId: "C3", name: "Third" }) { customerId } }`));
  });

  test("an empty password is generated, returned once, and works for authenticateCustomerUser", async () => {
    const created = ok(await t.gql<Created>(CREATE, { input: { ...user("gen-user"), password: "" } }));
    const password = created.createCustomerUser.generatedPassword;
    expect(password).toMatch(/^.{20}$/);
    expect(ok(await t.gql(AUTH, { l: "GEN-USER", p: password }))).toEqual({
      authenticateCustomerUser: { login: "gen-user" },
    });
    expect(ok(await t.gql(AUTH, { l: "gen-user", p: "wrong" }))).toEqual({ authenticateCustomerUser: null });
    const [row] = await queryRows<{ pw: string }>(
      t.database.db,
      sql`SELECT pw FROM customer_user WHERE login = 'gen-user'`,
    );
    expect(row?.pw).toMatch(newHashPattern());
    const withPassword = ok(await t.gql<Created>(CREATE, { input: user("given-pw") }));
    expect(withPassword.createCustomerUser.generatedPassword).toBeNull();
  });

  test("authenticateCustomerUser needs a session or token and refuses invalid users", async () => {
    const anonymous = await t.raw(AUTH, { l: "given-pw", p: "some_pass-123" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.data ?? null).toBeNull();
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const token = await adminApiToken(t, "ticket system");
    const withToken = await t.raw(
      AUTH,
      { l: "given-pw", p: "some_pass-123" },
      { authorization: `Bearer ${token}` },
    );
    expect(withToken.body).toEqual({ data: { authenticateCustomerUser: { login: "given-pw" } } });
    ok(await t.gql(UPDATE, { login: "given-pw", input: { valid: "INVALID" } }));
    expect(ok(await t.gql(AUTH, { l: "given-pw", p: "some_pass-123" }))).toEqual({
      authenticateCustomerUser: null,
    });
  });

  test("bad input names the field and writes nothing", async () => {
    ok(await t.gql(CREATE, { input: user("taken", { email: "Taken@Example.com" }) }));
    const before = await state();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [user("", {}), "BAD_USER_INPUT", "login"],
      [user("no-first", { firstName: "" }), "BAD_USER_INPUT", "firstName"],
      [user("no-last", { lastName: "  " }), "BAD_USER_INPUT", "lastName"],
      [user("no-email", { email: null }), "BAD_USER_INPUT", "email"],
      [user("no-customer", { customerId: "" }), "BAD_USER_INPUT", "customerId"],
      [user("bad-email", { email: "not-an-address" }), "BAD_USER_INPUT", "email"],
      [user("bad-email2", { email: "a..b@example.com" }), "BAD_USER_INPUT", "email"],
      [
        user("x".repeat(192), { firstName: "F", lastName: "L", email: "long@example.com" }),
        "BAD_USER_INPUT",
        "login",
      ],
      [user("long-first", { firstName: "f".repeat(101) }), "BAD_USER_INPUT", "firstName"],
      [user("long-title", { title: "t".repeat(51) }), "BAD_USER_INPUT", "title"],
      [user("long-comment", { comment: "c".repeat(251) }), "BAD_USER_INPUT", "comment"],
      [user("long-city", { city: "c".repeat(201) }), "BAD_USER_INPUT", "city"],
      [user("long-email", { email: `${"e".repeat(140)}@example.com` }), "BAD_USER_INPUT", "email"],
      [user("unknown-customer", { customerId: "NOPE" }), "BAD_USER_INPUT", "customerId"],
      [user("TAKEN", { email: "new@example.com" }), "CONFLICT", "login"],
      [user("dup-email", { email: "taken@EXAMPLE.com" }), "CONFLICT", "email"],
      [user("space login"), "BAD_USER_INPUT", "login"],
      [
        user("unknown-attr", { attributes: [{ attribute: "UserRoom", value: "1" }] }),
        "BAD_USER_INPUT",
        "UserRoom",
      ],
    ];
    for (const [input, code, field] of cases) {
      const error = failure(await t.gql(CREATE, { input }));
      expect(error.extensions, `${String(input.login).slice(0, 20)}: ${error.message}`).toMatchObject({
        code,
        field,
      });
    }
    expect(await state()).toEqual(before);
  });

  test("an invalid user may carry a malformed email (checked only for valid users, as OTOBO)", async () => {
    const created = ok(
      await t.gql<Created>(CREATE, { input: user("old-import", { email: "broken", valid: "INVALID" }) }),
    );
    expect(created.createCustomerUser.customerUser.login).toBe("old-import");
    expect(
      failure(await t.gql(UPDATE, { login: "old-import", input: { valid: "VALID" } })).extensions,
    ).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "email",
    });
  });

  test("refusals carry the values a client needs to translate them (extensions.params)", async () => {
    expect(
      failure(await t.gql(CREATE, { input: user("TAKEN", { email: "params@example.com" }) })).extensions,
    ).toMatchObject({ code: "CONFLICT", field: "login", params: { value: "taken" } });
    expect(
      failure(await t.gql(CREATE, { input: user("params-cust", { customerId: "NOPE" }) })).extensions,
    ).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "customerId",
      params: { reason: "unknownCustomer", value: "NOPE" },
    });
  });

  test("example.com addresses are accepted (differs from OTOBO's default)", async () => {
    ok(await t.gql(CREATE, { input: user("ex", { email: "x@example.com" }) }));
  });
});

describe("updating customer users", () => {
  test("a stale expectedChangedAt is a CONFLICT and nothing is lost", async () => {
    const created = ok(await t.gql<Created>(CREATE, { input: user("conc") })).createCustomerUser.customerUser;
    const first = ok(
      await t.gql<{ updateCustomerUser: { changedAt: string } }>(UPDATE, {
        login: "conc",
        input: { firstName: "One" },
        at: created.changedAt,
      }),
    ).updateCustomerUser;
    const before = await state();
    const stale = failure(
      await t.gql(UPDATE, { login: "conc", input: { firstName: "Two" }, at: created.changedAt }),
    );
    expect(stale.extensions?.code).toBe("CONFLICT");
    expect(await state()).toEqual(before);
    ok(await t.gql(UPDATE, { login: "conc", input: { firstName: "Three" }, at: first.changedAt }));
  });

  test("rename moves extra customers, group grants, services and preferences (differs: OTOBO forgets the first two)", async () => {
    ok(await t.gql(CREATE, { input: user("L") }));
    ok(await t.gql(`mutation { setCustomerUserCustomers(login: "L", customerIds: ["C2", "C3"]) { login } }`));
    await t.database.db.execute(
      sql`INSERT INTO group_customer_user (user_id, group_id, permission_key, permission_value, create_time, create_by, change_time, change_by) VALUES ('L', 1, 'rw', 1, now(), 1, now(), 1)`,
    );
    await t.database.db.execute(
      sql`INSERT INTO service (name, valid_id, create_time, create_by, change_time, change_by) VALUES ('Email', 1, now(), 1, now(), 1)`,
    );
    await t.database.db.execute(
      sql`INSERT INTO service_customer_user (customer_user_login, service_id, create_time, create_by) SELECT 'L', id, now(), 1 FROM service WHERE name = 'Email'`,
    );
    await t.database.db.execute(
      sql`INSERT INTO customer_preferences (user_id, preferences_key, preferences_value) VALUES ('L', 'UserLanguage', 'da')`,
    );
    const renamed = ok(
      await t.gql<{ updateCustomerUser: { login: string; customerIds: string[] } }>(UPDATE, {
        login: "l",
        input: { login: "NewLoginL" },
      }),
    ).updateCustomerUser;
    expect(renamed).toMatchObject({ login: "NewLoginL", customerIds: ["L-Customer-Update-Id", "C2", "C3"] });
    const [moved] = await queryRows<Record<string, number>>(
      t.database.db,
      sql`SELECT (SELECT count(*)::int FROM group_customer_user WHERE user_id = 'NewLoginL') AS groups,
                 (SELECT count(*)::int FROM service_customer_user WHERE customer_user_login = 'NewLoginL') AS services,
                 (SELECT count(*)::int FROM customer_preferences WHERE user_id = 'NewLoginL' AND preferences_value = 'da') AS prefs,
                 (SELECT count(*)::int FROM customer_user_customer WHERE user_id = 'L') AS leftovers`,
    );
    expect(moved).toEqual({ groups: 1, services: 1, prefs: 1, leftovers: 0 });
    expect(ok(await t.gql(`{ customerUser(login: "L") { login } }`))).toEqual({ customerUser: null });
  });

  test("rename onto an existing login in another case → CONFLICT; case-only rename is allowed", async () => {
    expect(
      failure(await t.gql(UPDATE, { login: "newloginl", input: { login: "TAKEN" } })).extensions,
    ).toMatchObject({
      code: "CONFLICT",
      field: "login",
    });
    const renamed = ok(
      await t.gql<{ updateCustomerUser: { login: string } }>(UPDATE, {
        login: "newloginl",
        input: { login: "NEWLOGINL" },
      }),
    );
    expect(renamed.updateCustomerUser.login).toBe("NEWLOGINL");
  });

  test("updating to another user's email → CONFLICT (DuplicateEmail.t)", async () => {
    ok(await t.gql(CREATE, { input: user("dup1") }));
    ok(await t.gql(CREATE, { input: user("dup2") }));
    expect(
      failure(await t.gql(UPDATE, { login: "dup2", input: { email: "DUP1@example.com" } })).extensions,
    ).toMatchObject({
      code: "CONFLICT",
      field: "email",
    });
    expect(
      failure(await t.gql(CREATE, { input: user("dup3", { email: "dup1@example.com" }) })).extensions?.code,
    ).toBe("CONFLICT");
  });

  test("unknown login → NOT_FOUND; password change works and is validated", async () => {
    expect(failure(await t.gql(UPDATE, { login: "ghost", input: { firstName: "x" } })).extensions?.code).toBe(
      "NOT_FOUND",
    );
    const set = `mutation($l: String!, $p: String!) { setCustomerUserPassword(login: $l, password: $p) }`;
    expect(failure(await t.gql(set, { l: "dup1", p: "short" })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "password",
    });
    expect(ok(await t.gql(set, { l: "dup1", p: "a-new-password" }))).toEqual({
      setCustomerUserPassword: true,
    });
    expect(ok(await t.gql(AUTH, { l: "dup1", p: "a-new-password" }))).toEqual({
      authenticateCustomerUser: { login: "dup1" },
    });
  });

  test("extra customers: primary never assignable, unknown ids NOT_FOUND, nothing changed", async () => {
    const before = await state();
    const setCustomers = `mutation($l: String!, $c: [String!]!) { setCustomerUserCustomers(login: $l, customerIds: $c) { customerIds } }`;
    expect(
      failure(await t.gql(setCustomers, { l: "dup1", c: ["C2", "L-Customer-Update-Id"] })).extensions,
    ).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "customerIds",
    });
    expect(failure(await t.gql(setCustomers, { l: "dup1", c: ["C2", "NOPE"] })).extensions?.code).toBe(
      "NOT_FOUND",
    );
    expect(failure(await t.gql(setCustomers, { l: "ghost", c: ["C2"] })).extensions?.code).toBe("NOT_FOUND");
    expect(await state()).toEqual(before);
    // CustomerUserCustomer.t: add, list both ways, remove.
    ok(await t.gql(setCustomers, { l: "dup1", c: ["C2"] }));
    ok(
      await t.gql(
        `mutation { setCustomerCustomerUsers(customerId: "C2", logins: ["dup1", "dup2"]) { customerId } }`,
      ),
    );
    const c2 = ok(
      await t.gql<{ customer: { customerUsers: Array<{ login: string }> } }>(
        `{ customer(customerId: "C2") { customerUsers { login } } }`,
      ),
    );
    expect(c2.customer.customerUsers.map((u) => u.login)).toEqual(["dup1", "dup2"]);
    ok(await t.gql(`mutation { setCustomerCustomerUsers(customerId: "C2", logins: []) { customerId } }`));
    const after = ok(
      await t.gql<{ customerUser: { customerIds: string[]; customers: unknown[] } }>(
        `{ customerUser(login: "dup1") { customerIds customers { customerId } } }`,
      ),
    );
    expect(after.customerUser).toEqual({ customerIds: ["L-Customer-Update-Id"], customers: [] });
  });
});

describe("search (CustomerUser.t matrix, adapted)", () => {
  const L = "unittest-1ä_カス&x";
  beforeAll(async () => {
    ok(
      await t.gql(CREATE, {
        input: {
          ...user(L),
          firstName: "Firstname Test1",
          lastName: "Lastname Test1",
          email: "L-Update@example.com",
        },
      }),
    );
    ok(await t.gql(CREATE, { input: user("percent%user", { firstName: "Per", lastName: "Cent" }) }));
    ok(await t.gql(CREATE, { input: user("quote'o", { firstName: "O'Brien", lastName: "Back\\slash" }) }));
    ok(await t.gql(CREATE, { input: user("john.doe", { firstName: "John", lastName: "Doe" }) }));
    ok(await t.gql(CREATE, { input: user("jane.doe", { firstName: "Jane", lastName: "Doe" }) }));
  });

  test.each([
    ["exact login", L, true],
    ["L+firstname", `${L}+firstname`, true],
    ["L+!firstname", `${L}+!firstname`, false],
    ["L+firstname_with_not_match", `${L}+firstname_with_not_match`, false],
    ["L+!firstname_with_not_match", `${L}+!firstname_with_not_match`, true],
    ["L*", `${L}*`, true],
    ["*L", `*${L}`, true],
    ["*L*", `*${L}*`, true],
    ["lc(L*)", `${L.toLowerCase()}*`, true],
    ["uc(*L*)", `*${L.toUpperCase()}*`, true],
    ["lc(customer id)", "l-customer-update-id", true],
    ["two words, both must match (differs)", "firstname test1", true],
    ["two words, one misses", "firstname nomatch", false],
    ["quoted phrase", '"Firstname Test1"', true],
    ["quoted phrase in wrong order", '"Test1 Firstname"', false],
  ])("%s", async (_name, search, found) => {
    expect((await logins({ s: search, limit: 1000 })).includes(L)).toBe(found);
  });

  test("OR between words, ! negation", async () => {
    expect(await logins({ s: "john OR jane" })).toEqual(["jane.doe", "john.doe"]);
    expect(await logins({ s: "doe !jane" })).toEqual(["john.doe"]);
  });

  test("%, _, ', \\ are literal, never wildcards or SQL", async () => {
    expect(await logins({ s: "percent%" })).toEqual(["percent%user"]);
    expect(await logins({ s: "%" })).toEqual(["percent%user"]);
    expect(await logins({ s: "1ä_" })).toEqual([L]);
    expect(await logins({ s: "1ä%" })).toEqual([]);
    expect(await logins({ s: "_" })).toEqual([L]);
    expect(await logins({ s: "quote'o" })).toEqual(["quote'o"]);
    expect(await logins({ s: "back\\slash" })).toEqual(["quote'o"]);
    expect(await logins({ s: "'; DROP TABLE customer_user; --" })).toEqual([]);
    expect((await logins({ s: "*" })).length).toBeGreaterThan(10);
  });

  test("customerId filter: exact, or wildcard with *", async () => {
    expect((await logins({ c: "L-Customer-Update-Id" })).includes(L)).toBe(true);
    expect((await logins({ c: "L-Customer*" })).includes(L)).toBe(true);
    expect((await logins({ c: "L-Customer" })).includes(L)).toBe(false);
    expect((await logins({ c: "%" })).length).toBe(0);
  });

  test("valid filter", async () => {
    const invalid = await logins({ v: "INVALID" });
    expect(invalid).toEqual(["given-pw", "old-import"]);
  });

  test("results are sorted by login case-insensitively, cut globally, limitReached truthful", async () => {
    const all = await logins({ s: "*", limit: 1000 });
    expect(all).toEqual([...all].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const cut = ok(
      await t.gql<{ customerUsers: { nodes: unknown[]; limitReached: boolean; limit: number } }>(SEARCH, {
        s: "*",
        limit: 3,
      }),
    ).customerUsers;
    expect(cut).toMatchObject({ limit: 3, limitReached: true });
    expect(cut.nodes).toHaveLength(3);
    const exact = ok(
      await t.gql<{ customerUsers: { limitReached: boolean } }>(SEARCH, { s: "*", limit: all.length }),
    );
    expect(exact.customerUsers.limitReached).toBe(false);
    const byDefault = ok(await t.gql<{ customerUsers: { limit: number } }>(SEARCH, {}));
    expect(byDefault.customerUsers.limit).toBe(1000);
    expect(failure(await t.gql(SEARCH, { limit: 0 })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "limit",
    });
  });

  test("a list asking a few typed fields gets the same values as one asking every field", async () => {
    // Typed fields alone are read as a projection of the columns; anything else reads whole rows.
    const few = `query { customerUsers(search: "doe") { nodes { __typename login valid email lastName
      ... on CustomerUser { city: customerId } } } }`;
    const all = `query { customerUsers(search: "doe") { nodes { login valid email lastName customerId
      fullName createdAt customer { customerId } attributes { attribute value } } } }`;
    type Node = Record<string, unknown> & { login: string };
    const fewNodes = ok(await t.gql<{ customerUsers: { nodes: Node[] } }>(few)).customerUsers.nodes;
    const allNodes = ok(await t.gql<{ customerUsers: { nodes: Node[] } }>(all)).customerUsers.nodes;
    expect(fewNodes.map((n) => n.login)).toEqual(["jane.doe", "john.doe"]);
    expect(fewNodes[1]).toEqual({
      __typename: "CustomerUser",
      login: "john.doe",
      valid: "VALID",
      email: "john.doe@example.com",
      lastName: "Doe",
      city: "L-Customer-Update-Id",
    });
    expect(allNodes[1]).toMatchObject({
      login: "john.doe",
      email: "john.doe@example.com",
      fullName: "John Doe",
      customer: { customerId: "L-Customer-Update-Id" },
      attributes: expect.arrayContaining([{ attribute: "UserFirstname", value: "John" }]),
    });
    expect(allNodes[1]?.createdAt).toEqual(expect.any(String));
  });

  test("PostMasterSearch by email: exact and case-insensitive only", async () => {
    const q = `query($e: String!) { customerUsersByEmail(email: $e) { login } }`;
    const find = async (e: string) =>
      ok(await t.gql<{ customerUsersByEmail: Array<{ login: string }> }>(q, { e })).customerUsersByEmail
        .length;
    expect(await find("john.doe@example.com")).toBe(1);
    expect(await find("John.Doe@Example.com")).toBe(1);
    expect(await find("doe@example.com")).toBe(0);
    expect(await find("ohn.doe@example.com")).toBe(0);
  });

  test("case-insensitive login lookup", async () => {
    for (const login of ["john.doe", "JOHN.DOE", "John.Doe"]) {
      expect(
        ok(await t.gql(`query($l: String!) { customerUser(login: $l) { login } }`, { l: login })),
      ).toEqual({
        customerUser: { login: "john.doe" },
      });
    }
  });
});

describe("legacy OTOBO password hashes", () => {
  test.each(["sha2", "sha1", "plain"])(
    "%s verifies and is re-hashed to the configured format",
    async (kind) => {
      const { createHash } = await import("node:crypto");
      const password = "someäöü";
      const stored =
        kind === "sha2"
          ? createHash("sha256").update(password).digest("hex")
          : kind === "sha1"
            ? createHash("sha1").update(password).digest("hex")
            : password;
      const login = `legacy-${kind}`;
      ok(await t.gql(CREATE, { input: user(login) }));
      await t.database.db.execute(sql`UPDATE customer_user SET pw = ${stored} WHERE login = ${login}`);
      expect(ok(await t.gql(AUTH, { l: login, p: "wrong" }))).toEqual({ authenticateCustomerUser: null });
      expect(ok(await t.gql(AUTH, { l: login, p: password }))).toEqual({
        authenticateCustomerUser: { login },
      });
      const [row] = await queryRows<{ pw: string }>(
        t.database.db,
        sql`SELECT pw FROM customer_user WHERE login = ${login}`,
      );
      expect(row?.pw).toMatch(newHashPattern());
      expect(ok(await t.gql(AUTH, { l: login, p: password }))).toEqual({
        authenticateCustomerUser: { login },
      });
    },
  );
});

describe("bulk validity", () => {
  const BULK = `mutation($logins: [String!]!, $valid: ValidState!) {
    setCustomerUsersValid(logins: $logins, valid: $valid) { requested changed } }`;
  const validOf = async (logins: string[]) =>
    (
      await queryRows<{ login: string; valid_id: number }>(
        t.database.db,
        sql`SELECT login, valid_id FROM customer_user WHERE login IN ${sql.raw(`(${logins.map((l) => `'${l}'`).join(",")})`)} ORDER BY login`,
      )
    ).map((r) => [r.login, r.valid_id]);

  test("many users change in one go, audited; a refusal changes none", async () => {
    const logins = ["bulk-a", "bulk-b", "bulk-c"];
    for (const login of logins) ok(await t.gql(CREATE, { input: user(login) }));
    ok(await t.gql(UPDATE, { login: "bulk-c", input: { valid: "INVALID" } }));

    expect(
      failure(await t.gql(BULK, { logins: [...logins, "bulk-nobody"], valid: "INVALID" })).extensions,
    ).toMatchObject({ code: "NOT_FOUND", field: "logins", params: { value: "bulk-nobody" } });
    expect(failure(await t.gql(BULK, { logins: [], valid: "INVALID" })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "logins",
    });
    expect(await validOf(logins)).toEqual([
      ["bulk-a", 1],
      ["bulk-b", 1],
      ["bulk-c", 2],
    ]);

    const result = ok(
      await t.gql<{ setCustomerUsersValid: unknown }>(BULK, {
        logins: [...logins, "BULK-A"],
        valid: "INVALID",
      }),
    );
    expect(result.setCustomerUsersValid).toEqual({ requested: 3, changed: 2 });
    expect(await validOf(logins)).toEqual([
      ["bulk-a", 2],
      ["bulk-b", 2],
      ["bulk-c", 2],
    ]);
    const history = ok(
      await t.gql<{ customerUser: { history: { action: string; before: string; after: string }[] } }>(
        `{ customerUser(login: "bulk-a") { history(limit: 1) { action before after } } }`,
      ),
    ).customerUser.history;
    expect(history[0]).toMatchObject({ action: "update" });
    expect(JSON.parse(history[0]!.after)).toEqual({ ValidID: "2" });
  });

  test("making a user with a malformed email valid is refused and names the user", async () => {
    ok(await t.gql(CREATE, { input: user("bulk-broken", { email: "bulk-broken", valid: "INVALID" }) }));
    expect(failure(await t.gql(BULK, { logins: ["bulk-broken"], valid: "VALID" })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "logins",
      params: { reason: "invalidRecord", value: "bulk-broken" },
    });
  });
});

describe("bulk assignment of a customer", () => {
  const ADD = `mutation($c: String!, $l: [String!]!) {
    addCustomerUsersToCustomer(customerId: $c, logins: $l) { requested changed } }`;
  const relations = async (logins: string[]) =>
    queryRows<{ user_id: string; customer_id: string; create_by: number; change_by: number; ok: boolean }>(
      t.database.db,
      sql`SELECT user_id, customer_id, create_by, change_by,
                 (create_time IS NOT NULL AND change_time IS NOT NULL) AS ok
            FROM customer_user_customer WHERE user_id IN ${sql.raw(`(${logins.map((l) => `'${l}'`).join(",")})`)}
           ORDER BY user_id, customer_id`,
    );

  test("the customer is added beside the others, audited; a user's primary customer counts as unchanged", async () => {
    ok(await t.gql(CREATE, { input: user("assign-a") }));
    ok(await t.gql(CREATE, { input: user("assign-b") }));
    ok(await t.gql(CREATE, { input: user("assign-home", { customerId: "C3" }) }));
    ok(
      await t.gql(`mutation { setCustomerUserCustomers(login: "assign-b", customerIds: ["C2"]) { login } }`),
    );
    const logins = ["assign-a", "assign-b", "assign-home"];

    // Refusals write nothing: an unknown customer, an unknown login, no login at all.
    const before = await state();
    expect(failure(await t.gql(ADD, { c: "NO-SUCH", l: logins })).extensions).toMatchObject({
      code: "NOT_FOUND",
      field: "customerId",
    });
    expect(failure(await t.gql(ADD, { c: "C3", l: [...logins, "assign-nobody"] })).extensions).toMatchObject({
      code: "NOT_FOUND",
      field: "logins",
      params: { value: "assign-nobody" },
    });
    expect(failure(await t.gql(ADD, { c: "C3", l: [] })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "logins",
    });
    expect(await state()).toEqual(before);

    const result = ok(
      await t.gql<{ addCustomerUsersToCustomer: unknown }>(ADD, { c: "C3", l: [...logins, "ASSIGN-A"] }),
    );
    expect(result.addCustomerUsersToCustomer).toEqual({ requested: 3, changed: 2 });
    const rows = await relations(logins);
    expect(rows.map((r) => [r.user_id, r.customer_id])).toEqual([
      ["assign-a", "C3"],
      ["assign-b", "C2"],
      ["assign-b", "C3"],
    ]);
    // Written with every OTOBO audit column, as an edit of the user's customers would.
    expect(rows.every((r) => r.ok && r.create_by > 0 && r.change_by > 0)).toBe(true);
    const history = ok(
      await t.gql<{ customerUser: { history: { action: string; before: string; after: string }[] } }>(
        `{ customerUser(login: "assign-b") { history(limit: 1) { action before after } } }`,
      ),
    ).customerUser.history;
    expect(history[0]).toMatchObject({ action: "set_customers" });
    expect(JSON.parse(history[0]!.before)).toEqual(["C2"]);
    expect(JSON.parse(history[0]!.after)).toEqual(["C2", "C3"]);

    // Again: nothing left to change, nothing written.
    const settled = await state();
    expect(
      ok(await t.gql<{ addCustomerUsersToCustomer: unknown }>(ADD, { c: "C3", l: logins }))
        .addCustomerUsersToCustomer,
    ).toEqual({ requested: 3, changed: 0 });
    expect(await state()).toEqual(settled);
  });

  test("a READ_ONLY token may not assign", async () => {
    const token = ok(
      await t.gql<{ createApiToken: { token: string } }>(
        `mutation { createApiToken(name: "bulk reader", role: READ_ONLY) { token } }`,
      ),
    ).createApiToken.token;
    const before = await state();
    const response = await t.raw(ADD, { c: "C2", l: ["assign-a"] }, { authorization: `Bearer ${token}` });
    expect(response.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await state()).toEqual(before);
  });
});

describe("refusal reasons", () => {
  test("required, email syntax and too long say so in extensions.params, for clients to translate", async () => {
    const before = await state();
    expect(
      failure(await t.gql(CREATE, { input: user("reason-a", { lastName: "" }) })).extensions,
    ).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "lastName",
      params: { reason: "required" },
    });
    expect(
      failure(await t.gql(CREATE, { input: user("reason-b", { email: "no-at" }) })).extensions,
    ).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "email",
      params: { reason: "email", value: "no-at" },
    });
    const long = failure(await t.gql(CREATE, { input: user("reason-c", { city: "x".repeat(5000) }) }));
    expect(long.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "city",
      params: { reason: "tooLong" },
    });
    expect((long.extensions as { params: { max: number } }).params.max).toBeGreaterThan(0);
    expect(await state()).toEqual(before);
  });
});
