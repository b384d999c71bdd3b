import { createHash } from "node:crypto";
import { defaultDbMap, defaultLdapMap } from "@clientele/domain";
import { createOtoboSysconfig, type TestDatabase, testDriver } from "@clientele/domain/testing";
import { DEFAULT_SUFFIX, ldifEntry, ouLdif, readerLdif, type Slapd, startSlapd } from "@clientele/slapd";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { failure, type GraphQLResponse, ok, startTestServer, type TestServer } from "./helpers";

/**
 * Data protection over HTTP (docs/api.md §Data protection): the export holds every part of what is
 * kept about a person, and after anonymisation no column of any table in any schema holds their
 * name, email or login. Runs standalone, on PGlite (TEST_DRIVER=pglite) and attached to an OTOBO 11
 * database (TEST_DRIVER=otobo), where the tickets are OTOBO's and the mapping is its System Configuration.
 */

const driver = testDriver();
const attached = driver === "otobo";

const PERSON = {
  login: "xaver.quendel",
  firstName: "Xaver",
  lastName: "Quendelbrink",
  email: "xaver.quendel@example.org",
  room: "Q-4711-Nord",
  phone: "+49 30 5550123",
  street: "Zwirnweg 17",
  comment: "Prefers calls after nine",
};
/** What must be gone from the whole database after anonymising. */
const NEEDLES = [PERSON.login, PERSON.firstName, PERSON.lastName, PERSON.email, PERSON.room, PERSON.street];

const rows = async <T>(db: TestDatabase, query: SQL): Promise<T[]> => {
  const result = (await db.db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
};

/** Every text-like column of every table in every schema that holds one of the needles (case-insensitive). */
async function findEverywhere(db: TestDatabase, needles: readonly string[]): Promise<string[]> {
  const columns = await rows<{ s: string; t: string; c: string }>(
    db,
    sql`select c.table_schema as s, c.table_name as t, c.column_name as c
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')
          and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const patterns = needles.map((n) => `%${n.toLowerCase()}%`);
  const hits: string[] = [];
  for (const { s, t, c } of columns) {
    const found = await rows<{ v: string }>(
      db,
      sql`select ${sql.identifier(c)}::text as v from ${sql.identifier(s)}.${sql.identifier(t)}
          where lower(${sql.identifier(c)}::text) like any(${sql.raw(`array[${patterns.map((p) => `'${p.replace(/'/g, "''")}'`).join(", ")}]`)})`,
    );
    for (const f of found) hits.push(`${s}.${t}.${c}: ${f.v}`);
  }
  return hits;
}

const EXPORT = `query($login: String!) { exportCustomerUserData(login: $login) }`;
const ANONYMISE = `mutation($login: String!) { anonymiseCustomerUser(login: $login) {
  login email firstName lastName customerId valid attributes { attribute value } } }`;

type Anonymised = {
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  customerId: string;
  valid: string;
  attributes: Array<{ attribute: string; value: string | null }>;
};

describe(`export and anonymise a database customer user (${driver})`, () => {
  let t: TestServer;
  let ticketNumber: string;
  let groupIds: string[];
  let serviceId: string;

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
      prepare: async (db) => {
        await db.db.execute(sql`ALTER TABLE customer_user ADD room varchar(250)`);
        if (attached) {
          // OTOBO's System Configuration holds the mapping when attached; its sessions table the customer sessions.
          const sysconfig = await createOtoboSysconfig(db.db, { tables: false });
          await sysconfig.addDefault(
            "DynamicFieldFromCustomerUser::Mapping",
            "---\nUserRoom: Room\nUserLastname: CustomerLastname\n",
          );
          await sysconfig.addDefault(
            "Ticket::EventModulePost###4100-DynamicFieldFromCustomerUser",
            "---\nEvent: (TicketCreate|TicketCustomerUpdate)\nModule: Kernel::System::Ticket::Event::DynamicFieldFromCustomerUser\n",
          );
          await db.db.execute(sql`CREATE TABLE sessions (id bigserial NOT NULL, session_id VARCHAR(100) NOT NULL,
            data_key VARCHAR(100) NOT NULL, data_value TEXT NULL, serialized SMALLINT NOT NULL, PRIMARY KEY(id))`);
        }
      },
    });
    ok(
      await t.gql(
        `mutation { createCustomer(input: { customerId: "ACME", name: "ACME Inc." }) { customerId } }`,
      ),
    );
    ok(
      await t.gql(
        `mutation { createCustomer(input: { customerId: "BETA", name: "Beta Ltd." }) { customerId } }`,
      ),
    );
    ok(
      await t.gql(
        `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`,
        {
          input: {
            login: PERSON.login,
            firstName: PERSON.firstName,
            lastName: PERSON.lastName,
            email: PERSON.email,
            customerId: "ACME",
            phone: PERSON.phone,
            street: PERSON.street,
            comment: PERSON.comment,
            password: "Quendel-secret-42",
            attributes: [{ attribute: "UserRoom", value: PERSON.room }],
          },
        },
      ),
    );
    // A second user whose data must survive untouched.
    ok(
      await t.gql(`mutation { createCustomerUser(input: { login: "bystander", firstName: "Berta", lastName: "Stand",
        email: "berta@example.org", customerId: "ACME" }) { customerUser { login } } }`),
    );
    // An update, so the audit log holds the person's values in before and after.
    ok(
      await t.gql(
        `mutation { updateCustomerUser(login: "${PERSON.login}", input: { city: "Quendelstadt" }) { login } }`,
      ),
    );
    ok(
      await t.gql(
        `mutation { setCustomerUserCustomers(login: "${PERSON.login}", customerIds: ["BETA"]) { login } }`,
      ),
    );
    groupIds = [];
    for (const name of ["gdpr-readers", "gdpr-writers"]) {
      groupIds.push(
        ok(
          await t.gql<{ createGroup: { id: string } }>(
            `mutation { createGroup(input: { name: "${name}" }) { id } }`,
          ),
        ).createGroup.id,
      );
    }
    ok(
      await t.gql(`mutation { setCustomerUserGroups(login: "${PERSON.login}", grants: [
        { groupId: "${groupIds[0]}", permissions: [RO] }, { groupId: "${groupIds[1]}", permissions: [RO, RW] }]) { login } }`),
    );
    serviceId = ok(
      await t.gql<{ createService: { id: string } }>(
        `mutation { createService(input: { name: "Printing" }) { id } }`,
      ),
    ).createService.id;
    ok(
      await t.gql(
        `mutation { setCustomerUserServices(login: "${PERSON.login}", serviceIds: ["${serviceId}"]) { login } }`,
      ),
    );
    ok(
      await t.gql(`mutation { setCustomerUserPreferences(login: "${PERSON.login}", preferences: [
        { key: "UserLanguage", value: "de" }, { key: "UserSignature", value: "Xaver from room ${PERSON.room}" }]) { login } }`),
    );
    // A failed sign-in leaves a throttle row keyed by the login.
    expect(
      ok(
        await t.gql(
          `mutation { authenticateCustomerUser(login: "${PERSON.login}", password: "wrong-password") { login } }`,
        ),
      ),
    ).toEqual({ authenticateCustomerUser: null });

    for (const name of ["Room", "CustomerLastname"])
      ok(await t.gql(`mutation { createDynamicField(input: { name: "${name}", label: "${name}" }) { id } }`));
    if (attached) {
      // OTOBO made the ticket, filled the mapped fields and wrote its history; a customer session is open.
      const fields = await rows<{ id: number; name: string }>(
        t.database,
        sql`select id, name from dynamic_field`,
      );
      const fieldId = (name: string) => fields.find((f) => f.name === name)!.id;
      ticketNumber = "2026112910000001";
      const [ticket] = await rows<{ id: number }>(
        t.database,
        sql`insert into ticket (tn, title, queue_id, ticket_lock_id, user_id, responsible_user_id, ticket_priority_id,
              ticket_state_id, customer_id, customer_user_id, timeout, until_time, escalation_time, escalation_update_time,
              escalation_response_time, escalation_solution_time, create_time, create_by, change_time, change_by)
            values (${ticketNumber}, 'Printer jammed', 1, 1, 1, 1, 3, 1, 'ACME', ${PERSON.login}, 0, 0, 0, 0, 0, 0,
              now(), 1, now(), 1) returning id`,
      );
      await t.database.db.execute(sql`insert into dynamic_field_value (field_id, object_id, value_text) values
        (${fieldId("Room")}, ${ticket!.id}, ${PERSON.room}), (${fieldId("CustomerLastname")}, ${ticket!.id}, ${PERSON.lastName})`);
      await t.database.db.execute(sql`insert into ticket_history (name, history_type_id, ticket_id, type_id, queue_id,
          owner_id, priority_id, state_id, create_time, create_by, change_time, change_by)
        select n, ht.id, ${ticket!.id}, 1, 1, 1, 3, 1, now(), 1, now(), 1
        from (values (${`%%CustomerID=ACME;CustomerUser=${PERSON.login};`}, 'CustomerUpdate'),
                     (${`%%FieldName%%Room%%Value%%${PERSON.room}%%OldValue%%`}, 'TicketDynamicFieldUpdate')) v(n, type)
        join ticket_history_type ht on ht.name = v.type`);
      await t.database.db.execute(sql`insert into sessions (session_id, data_key, data_value, serialized) values
        ('s-person', 'UserLogin', ${PERSON.login}, 0), ('s-person', 'UserType', 'Customer', 0),
        ('s-person', 'UserEmail', ${PERSON.email}, 0), ('s-other', 'UserLogin', 'bystander', 0),
        ('s-other', 'UserType', 'Customer', 0)`);
    } else {
      ok(
        await t.gql(`mutation { updateSettings(input: { dynamicFieldFromCustomerUser: true, dynamicFieldFromCustomerUserMapping: [
          { attribute: "UserRoom", dynamicField: "Room" }, { attribute: "UserLastname", dynamicField: "CustomerLastname" }] }) {
          dynamicFieldFromCustomerUser } }`),
      );
      const ticket = ok(
        await t.gql<{ createTicket: { id: string; number: string } }>(
          `mutation { createTicket(input: { title: "Printer jammed", customerUserLogin: "bystander" }) { id number } }`,
        ),
      ).createTicket;
      // Moved to the person: a CustomerUpdate history line naming the login, the mapped values filled.
      ok(
        await t.gql(
          `mutation { setTicketCustomerUser(ticketId: "${ticket.id}", customerUserLogin: "${PERSON.login}") { id } }`,
        ),
      );
      ticketNumber = ticket.number;
    }
  }, 120_000);
  afterAll(() => t?.close());

  test("the export holds every part of what is kept about the person, never the password", async () => {
    const data = ok(
      await t.gql<{ exportCustomerUserData: Record<string, unknown> }>(EXPORT, { login: PERSON.login }),
    ).exportCustomerUserData;
    expect(data).toMatchObject({
      login: PERSON.login,
      source: { id: "CustomerUser", readOnly: false },
      valid: "VALID",
      fields: {
        UserLogin: PERSON.login,
        UserFirstname: PERSON.firstName,
        UserLastname: PERSON.lastName,
        UserEmail: PERSON.email,
        UserRoom: PERSON.room,
        UserPhone: PERSON.phone,
        UserCity: "Quendelstadt",
        UserCustomerID: "ACME",
      },
      customers: { primary: "ACME", extra: ["BETA"], all: ["ACME", "BETA"] },
      groups: [
        { group: "gdpr-readers", permissions: ["RO"] },
        { group: "gdpr-writers", permissions: ["RW"] },
      ],
      services: [{ name: "Printing" }],
      preferences: { UserLanguage: "de", UserSignature: `Xaver from room ${PERSON.room}` },
      tickets: [
        {
          number: ticketNumber,
          customerId: "ACME",
          mappedDynamicFields: { Room: PERSON.room, CustomerLastname: PERSON.lastName },
        },
      ],
    });
    expect(typeof data.createdAt).toBe("string");
    expect(data.fields).not.toHaveProperty("UserPassword");
    expect(JSON.stringify(data)).not.toMatch(/Quendel-secret-42|\$argon2|\$2[aby]\$/);
    const permissions = data.effectivePermissions as Array<{ group: string; permissions: string[] }>;
    expect(permissions.map((p) => p.group)).toEqual(expect.arrayContaining(["gdpr-readers", "gdpr-writers"]));
    const audit = data.auditEntries as Array<{ action: string; after: unknown }>;
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "create",
        "update",
        "set_customers",
        "set_groups",
        "set_services",
        "set_preferences",
      ]),
    );
    // The export itself is recorded, without personal data.
    const [entry] = await rows<{ before: unknown; after: unknown }>(
      t.database,
      sql`select before, after from clientele.audit_log where action = 'export' and entity_id = ${PERSON.login}`,
    );
    expect(entry).toEqual({ before: null, after: null });
  });

  test("READ_ONLY agents and tokens may neither export nor anonymise; unknown logins are NOT_FOUND", async () => {
    const token = ok(
      await t.gql<{ createApiToken: { token: string } }>(
        `mutation { createApiToken(name: "gdpr reader", role: READ_ONLY) { token } }`,
      ),
    ).createApiToken.token;
    const created = ok(
      await t.gql<{ createAgent: { generatedPassword: string } }>(
        `mutation { createAgent(input: { login: "gdpr-reader", firstName: "Rea", lastName: "Der", role: READ_ONLY }) { generatedPassword } }`,
      ),
    ).createAgent;
    const signIn = await t.raw(
      `mutation($p: String!) { login(login: "gdpr-reader", password: $p) { login } }`,
      {
        p: created.generatedPassword,
      },
    );
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const callers: Record<string, string>[] = [{ authorization: `Bearer ${token}` }, { cookie }];
    for (const headers of callers) {
      for (const query of [EXPORT, ANONYMISE]) {
        const { body } = await t.raw(query, { login: PERSON.login }, headers);
        expect(failure(body).extensions?.code).toBe("FORBIDDEN");
        expect(body.data ?? null).toBeNull();
      }
    }
    for (const query of [EXPORT, ANONYMISE]) {
      const error = failure(await t.gql(query, { login: "nobody-here" }));
      expect(error.extensions).toMatchObject({ code: "NOT_FOUND", field: "login" });
      const { body } = await t.raw(query, { login: PERSON.login });
      expect(failure(body).extensions?.code).toBe("UNAUTHENTICATED");
    }
    // Nothing was changed by the refusals.
    expect(ok(await t.gql(`{ customerUser(login: "${PERSON.login}") { email } }`))).toEqual({
      customerUser: { email: PERSON.email },
    });
  });

  test("anonymising leaves no trace of the name, email or login anywhere in the database", async () => {
    expect((await findEverywhere(t.database, NEEDLES)).length).toBeGreaterThan(5);
    const result = ok(
      await t.gql<{ anonymiseCustomerUser: Anonymised }>(ANONYMISE, { login: PERSON.login }),
    ).anonymiseCustomerUser;
    expect(result.login).toMatch(/^anonymised-[0-9a-f]{16}$/);
    expect(result).toMatchObject({
      email: `${result.login}@anonymised.invalid`,
      firstName: "Anonymised",
      lastName: "Anonymised",
      customerId: "ACME",
      valid: "VALID",
    });
    expect(result.attributes).toContainEqual({ attribute: "UserRoom", value: null });
    expect(result.attributes).toContainEqual({ attribute: "UserPhone", value: null });

    expect(await findEverywhere(t.database, NEEDLES)).toEqual([]);
    // The bystander's data is untouched.
    expect(await findEverywhere(t.database, ["berta@example.org"])).not.toEqual([]);

    // Relations and tickets are kept under the new login; preferences are gone.
    const kept = ok(
      await t.gql<{
        customerUser: {
          customers: Array<{ customerId: string }>;
          groups: Array<{ group: { name: string }; permissions: string[] }>;
          services: Array<{ name: string }>;
          preferences: unknown[];
        };
      }>(`{ customerUser(login: "${result.login}") { customers { customerId }
        groups { group { name } permissions } services { name } preferences { key } } }`),
    ).customerUser;
    expect(kept).toEqual({
      customers: [{ customerId: "BETA" }],
      groups: [
        { group: { name: "gdpr-readers" }, permissions: ["RO"] },
        { group: { name: "gdpr-writers" }, permissions: ["RW"] },
      ],
      services: [{ name: "Printing" }],
      preferences: [],
    });
    const tickets = ok(
      await t.gql<{
        tickets: Array<{ number: string; customerUserLogin: string; dynamicFields: unknown[] }>;
      }>(`{ tickets(search: "${result.login}") { number customerUserLogin dynamicFields { name value } } }`),
    ).tickets;
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ number: ticketNumber, customerUserLogin: result.login });
    expect(tickets[0]!.dynamicFields).toEqual(
      expect.arrayContaining([
        { name: "Room", value: null },
        { name: "CustomerLastname", value: "Anonymised" },
      ]),
    );
    // Written as OTOBO writes it: the user's, the relations' and the ticket's change by the agent.
    const [root] = await rows<{ id: number }>(
      t.database,
      sql`select id from users where login = 'root@localhost'`,
    );
    const changedBy = await rows<{ t: string; change_by: number }>(
      t.database,
      sql`select 'customer_user' as t, change_by from customer_user where login = ${result.login}
          union all select 'customer_user_customer', change_by from customer_user_customer where user_id = ${result.login}
          union all select 'group_customer_user', change_by from group_customer_user where user_id = ${result.login}
          union all select 'ticket', change_by from ticket where tn = ${ticketNumber}`,
    );
    expect(changedBy.map((r) => [r.t, Number(r.change_by)]).sort()).toEqual(
      [
        ["customer_user", root!.id],
        ["customer_user_customer", root!.id],
        ["group_customer_user", root!.id],
        ["group_customer_user", root!.id],
        ["ticket", root!.id],
      ].map(([table, id]) => [table, Number(id)]),
    );

    // The old login is gone: neither found nor searchable; the throttle row of the login is removed.
    expect(ok(await t.gql(`{ customerUser(login: "${PERSON.login}") { login } }`))).toEqual({
      customerUser: null,
    });
    expect(ok(await t.gql(`{ customerUsers(search: "${PERSON.lastName}") { nodes { login } } }`))).toEqual({
      customerUsers: { nodes: [] },
    });
    const key = `account:customer-user:${createHash("sha256").update(PERSON.login).digest("hex")}`;
    expect(await rows(t.database, sql`select key from clientele.login_throttle where key = ${key}`)).toEqual(
      [],
    );
    if (attached) {
      const sessions = await rows<{ session_id: string }>(
        t.database,
        sql`select distinct session_id from sessions`,
      );
      expect(sessions).toEqual([{ session_id: "s-other" }]);
    }

    // One audit entry, without personal data (the search above found none), under the new login.
    const entries = await rows<{ action: string; after: { fields: string[]; tickets: number } }>(
      t.database,
      sql`select action, after from clientele.audit_log where entity_id = ${result.login} and action = 'anonymise'`,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.after).toMatchObject({ tickets: 1 });
    expect(entries[0]!.after.fields).toEqual(
      expect.arrayContaining(["UserFirstname", "UserEmail", "UserRoom"]),
    );
    // The placeholders pass the form's checks: the anonymised user can still be saved.
    expect(
      ok(
        await t.gql(
          `mutation { updateCustomerUser(login: "${result.login}", input: { valid: VALID, comment: null }) { email } }`,
        ),
      ),
    ).toEqual({ updateCustomerUser: { email: result.email } });
    // The password no longer opens anything.
    expect(
      ok(
        await t.gql(
          `mutation { authenticateCustomerUser(login: "${result.login}", password: "Quendel-secret-42") { login } }`,
        ),
      ),
    ).toEqual({ authenticateCustomerUser: null });
  });

  test("anonymising an anonymised user again gives it another placeholder login, relations kept", async () => {
    const [first] = await rows<{ login: string }>(
      t.database,
      sql`select login from customer_user where login like 'anonymised-%'`,
    );
    const again = ok(
      await t.gql<{ anonymiseCustomerUser: Anonymised }>(ANONYMISE, { login: first!.login }),
    ).anonymiseCustomerUser;
    expect(again.login).toMatch(/^anonymised-/);
    expect(again.login).not.toBe(first!.login);
    expect(ok(await t.gql(`{ customerUser(login: "${first!.login}") { login } }`))).toEqual({
      customerUser: null,
    });
    expect(
      ok(
        await t.gql(
          `{ customerUser(login: "${again.login}") { customers { customerId } services { name } } }`,
        ),
      ),
    ).toEqual({ customerUser: { customers: [{ customerId: "BETA" }], services: [{ name: "Printing" }] } });
    expect(await findEverywhere(t.database, [first!.login])).toEqual([]);
  });
});

describe("LDAP customer users are anonymised in the directory", () => {
  let t: TestServer;
  let slapd: Slapd;
  const people = `ou=people,${DEFAULT_SUFFIX}`;

  beforeAll(async () => {
    slapd = await startSlapd({
      ldif:
        readerLdif(DEFAULT_SUFFIX) +
        ouLdif("people", DEFAULT_SUFFIX) +
        ldifEntry(`uid=lotte,${people}`, {
          objectClass: ["top", "person", "organizationalPerson", "inetOrgPerson"],
          uid: "lotte",
          cn: "Lotte Ldap",
          givenName: "Lotte",
          sn: "Ldap",
          mail: "lotte@example.com",
          roomNumber: "L-17",
        }),
    });
    t = await startTestServer({
      config: {
        backends: [
          { module: "db", name: "Database" },
          {
            module: "ldap",
            name: "Directory",
            params: { url: slapd.url, baseDn: people, timeoutMs: 3000 },
            customerCompanySupport: false,
            map: [
              ...defaultLdapMap,
              { attribute: "UserRoom", label: "Room", storage: "roomNumber", shown: 1, required: false },
            ],
          },
        ],
      },
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await slapd?.destroy();
  });

  test("export works; anonymise is READ_ONLY_SOURCE naming the backend, and nothing changes", async () => {
    const data = ok(
      await t.gql<{ exportCustomerUserData: Record<string, unknown> }>(EXPORT, { login: "lotte" }),
    ).exportCustomerUserData;
    expect(data).toMatchObject({
      login: "lotte",
      source: { readOnly: true },
      fields: { UserFirstname: "Lotte", UserEmail: "lotte@example.com", UserRoom: "L-17" },
    });
    const response: GraphQLResponse = await t.gql(ANONYMISE, { login: "lotte" });
    const error = failure(response);
    expect(error.extensions?.code).toBe("READ_ONLY_SOURCE");
    expect(error.message).toMatch(/directory/);
    expect(ok(await t.gql(`{ customerUser(login: "lotte") { email } }`))).toEqual({
      customerUser: { email: "lotte@example.com" },
    });
    expect(await rows(t.database, sql`select 1 from clientele.audit_log where action = 'anonymise'`)).toEqual(
      [],
    );
  });
});
