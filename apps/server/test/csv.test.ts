import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLogger } from "../src/security/logging";
import { ADMIN_PASSWORD, adminApiToken, ok, otoboMap, startTestServer, type TestServer } from "./helpers";

/** OTOBO's default map plus a comment and a custom `UserRoom` column (see backends.test.ts). */
const map = otoboMap(
  ["UserComment", "Comment", "comments", 1, 0, "var", "", 0, null, null],
  ["UserRoom", "Room", "room", 1, 0, "var", "", 0, null, null],
);

let t: TestServer;
let cookie: string;
const isPglite = process.env.TEST_DRIVER === "pglite";

beforeAll(async () => {
  t = await startTestServer({
    config: { backends: [{ module: "db", map }] },
    prepare: (db) => db.db.execute(sql`ALTER TABLE customer_user ADD room varchar(250)`).then(() => {}),
  });
  const login = await t.raw(
    "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }",
    {
      l: "root@localhost",
      p: ADMIN_PASSWORD,
    },
  );
  cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  ok(await t.gql(`mutation { createCustomer(input: { customerId: "ACME", name: "Acme" }) { customerId } }`));
  ok(
    await t.gql(
      `mutation { createCustomer(input: { customerId: "GLOBEX", name: "Globex" }) { customerId } }`,
    ),
  );
  ok(await t.gql(`mutation { createGroup(input: { name: "support" }) { id } }`));
  ok(await t.gql(`mutation { createService(input: { name: "Email" }) { id } }`));
  ok(
    await t.gql(
      `mutation { createCustomerUser(input: { login: "taken", firstName: "T", lastName: "Aken", email: "taken@example.com", customerId: "ACME" }) { customerUser { login } } }`,
    ),
  );
});
afterAll(async () => {
  await t?.close();
});

const post = (path: string, body: string | Buffer, headers: Record<string, string> = { cookie }) =>
  fetch(`${t.url}${path}`, { method: "POST", headers: { "content-type": "text/csv", ...headers }, body });
const get = (path: string, headers: Record<string, string> = { cookie }) =>
  fetch(`${t.url}${path}`, { headers });

interface Job {
  id: string;
  kind: string;
  state: string;
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  errorCount: number;
  lastLine: number;
  generatedPasswords: number;
  errors: Array<{ line: number; column: string | null; code: string; message: string }>;
}
const JOB = `query($id: ID!) { importJob(id: $id) { id kind state total processed created updated errorCount lastLine generatedPasswords errors { line column code message } } }`;

/** Starts an import and waits until its run in the server has ended. */
async function runImport(path: string, body: string): Promise<Job> {
  const response = await post(path, body);
  expect(response.status).toBe(202);
  const { jobId } = (await response.json()) as { jobId: string };
  await t.server.clientele.imports.settled(Number(jobId));
  return ok(await t.gql<{ importJob: Job }>(JOB, { id: jobId })).importJob;
}

/** A fingerprint of every table an import writes to. */
async function checksum(): Promise<string> {
  const tables = [
    "customer_user",
    "customer_company",
    "customer_user_customer",
    "group_customer_user",
    "service_customer_user",
    "clientele.audit_log",
    "clientele.import_job",
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const result = await t.database.db.execute(
      sql.raw(
        `SELECT count(*)::text || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS c FROM ${table} x`,
      ),
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
      c: string;
    }>;
    parts.push(`${table}=${rows[0]!.c}`);
  }
  return parts.join(" ");
}

const HEADER =
  "UserLogin,UserFirstname,UserLastname,UserEmail,UserCustomerID,UserRoom,ValidID,ExtraCustomers,Groups,Services,UserPassword";

describe("CSV import: dry run", () => {
  test("a file with 20 kinds of bad rows: every error with line, column and message, nothing written", async () => {
    const long = "x".repeat(101);
    const lines = [
      HEADER, // 1
      "alice,Alice,A,alice@example.com,ACME,B-1,1,,support:rw,Email,", // 2 fine
      'bob,Bob,B,bob@example.com,ACME,"Room\r\nwith a line break",1,GLOBEX,,,', // 3-4 fine (quoted newline)
      "Alice,Al,Ice,alice2@example.com,ACME,,1,,,,", // 5 duplicate login in other case
      "carol,Carol,C,carol@example.com,NOPE,,1,,,,", // 6 unknown customer
      "dave,Dave,D,not-an-email,ACME,,1,,,,", // 7 bad email
      `erin,${long},E,erin@example.com,ACME,,1,,,,`, // 8 too long
      "frank,Frank,F\u0000,frank@example.com,ACME,,1,,,,", // 9 NUL
      "grace,Grace,G,grace@example.com,ACME,,1,,,", // 10 wrong column count
      ",Nobody,N,nobody@example.com,ACME,,1,,,,", // 11 no login
      "heidi,Heidi,,heidi@example.com,ACME,,1,,,,", // 12 required last name missing
      "ivan smith,Ivan,S,ivan@example.com,ACME,,1,,,,", // 13 space in login
      "judy,Judy,J,judy@example.com,ACME,,7,,,,", // 14 bad valid id
      "ken,Ken,K,ken@example.com,ACME,,1,,nosuchgroup:ro,,", // 15 unknown group
      "leo,Leo,L,leo@example.com,ACME,,1,,support:write,,", // 16 bad permission
      "mia,Mia,M,mia@example.com,ACME,,1,,,Fax,", // 17 unknown service
      "nick,Nick,N,nick@example.com,ACME,,1,INITECH,,,", // 18 unknown extra customer
      "olga,Olga,O,olga@example.com,ACME,,1,ACME,,,", // 19 primary as extra customer
      "pete,Pete,P,TAKEN@example.com,ACME,,1,,,,", // 20 email of an existing user
      "quinn,Quinn,Q,alice@example.com,ACME,,1,,,,", // 21 email used earlier in the file
      "rita,Rita,R,rita@example.com,ACME,,1,,,,abc", // 22 short password
      `sam,Sam,S,sam@example.com,ACME,${"r".repeat(251)},1,,,,`, // 23 custom column too long
      "tom,Tom,T,,ACME,,1,,,,", // 24 required email missing
      'uma,Uma,U,uma@example.com,ACME,"two\nlines",1,,,,', // 25-26 fine, LF inside CRLF file
      "TAKEN,Ta,Ken,other@example.com,GLOBEX,,1,,,,", // 27 fine: update of an existing user by login
    ];
    const body = `\uFEFF${lines.join("\r\n")}\r\n`;
    const before = await checksum();
    const response = await post("/api/import/customer-users?dryRun=1", body);
    expect(response.status).toBe(200);
    const result = (await response.json()) as { rows: number; errors: Job["errors"] };
    expect(result.rows).toBe(lines.length - 1);
    const expected: Array<[number, string | null, string]> = [
      [5, "UserLogin", "CONFLICT"],
      [6, "UserCustomerID", "NOT_FOUND"],
      [7, "UserEmail", "BAD_USER_INPUT"],
      [8, "UserFirstname", "BAD_USER_INPUT"],
      [9, "UserLastname", "BAD_USER_INPUT"],
      [10, null, "BAD_USER_INPUT"],
      [11, "UserLogin", "BAD_USER_INPUT"],
      [12, "UserLastname", "BAD_USER_INPUT"],
      [13, "UserLogin", "BAD_USER_INPUT"],
      [14, "ValidID", "BAD_USER_INPUT"],
      [15, "Groups", "NOT_FOUND"],
      [16, "Groups", "BAD_USER_INPUT"],
      [17, "Services", "NOT_FOUND"],
      [18, "ExtraCustomers", "NOT_FOUND"],
      [19, "ExtraCustomers", "BAD_USER_INPUT"],
      [20, "UserEmail", "CONFLICT"],
      [21, "UserEmail", "CONFLICT"],
      [22, "UserPassword", "BAD_USER_INPUT"],
      [23, "UserRoom", "BAD_USER_INPUT"],
      [24, "UserEmail", "BAD_USER_INPUT"],
    ];
    expect(result.errors.map((e) => [e.line, e.column, e.code])).toEqual(expected);
    for (const error of result.errors) expect(error.message.length).toBeGreaterThan(10);
    expect(result.errors.find((e) => e.line === 6)?.message).toMatch(/NOPE.*customers first/);
    expect(result.errors.find((e) => e.line === 5)?.message).toMatch(/line 2/);
    expect(await checksum()).toBe(before);
  });

  test("a semicolon file; unknown columns and a broken quote are reported, nothing written", async () => {
    const before = await checksum();
    const semi = await post(
      "/api/import/customer-users?dryRun=1",
      "UserLogin;UserFirstname;UserLastname;UserEmail;UserCustomerID\nsemi;Se;Mi;semi@example.com;ACME\n",
    );
    expect(await semi.json()).toEqual({ rows: 1, errors: [], errorCount: 0 });
    const unknown = (await (
      await post("/api/import/customer-users?dryRun=1", "UserLogin,Shoe\nx,1\n")
    ).json()) as {
      errors: Job["errors"];
    };
    expect(unknown.errors).toEqual([
      expect.objectContaining({ line: 1, column: "Shoe", code: "BAD_USER_INPUT" }),
    ]);
    const broken = (await (
      await post("/api/import/customer-users?dryRun=1", `${HEADER}\n"open,quote\n`)
    ).json()) as { errors: Job["errors"] };
    expect(broken.errors).toEqual([expect.objectContaining({ line: 2, column: null })]);
    expect(await checksum()).toBe(before);
  });
});

describe("CSV import: jobs", () => {
  test("customers first, then users with relations; generated passwords once; update by login", async () => {
    const customers = await runImport(
      "/api/import/customers",
      "CustomerID,CustomerCompanyName,CustomerCompanyCity,ValidID\nINITECH,Initech,Austin,1\nACME,Acme Corp,,1\n",
    );
    expect(customers).toMatchObject({ state: "DONE", created: 1, updated: 1, errorCount: 0 });
    const job = await runImport(
      "/api/import/customer-users",
      [
        HEADER,
        "anna,Anna,A,anna@example.com,INITECH,R-1,1,ACME,support:rw,Email,",
        "ben,Ben,B,ben@example.com,INITECH,,1,,,,secret-password",
        "cleo,Cleo,C,cleo@example.com,UMBRELLA,,1,,,,",
      ].join("\n"),
    );
    expect(job).toMatchObject({
      state: "DONE",
      total: 3,
      processed: 3,
      created: 2,
      errorCount: 1,
      generatedPasswords: 1,
    });
    expect(job.errors).toEqual([
      expect.objectContaining({ line: 4, column: "UserCustomerID", code: "NOT_FOUND" }),
    ]);
    const anna = ok(
      await t.gql<{
        customerUser: { attributes: Array<{ attribute: string; value: string }>; groups: unknown[] };
      }>(`{ customerUser(login: "anna") { attributes { attribute value } } }`),
    ).customerUser;
    expect(anna.attributes).toContainEqual({ attribute: "UserRoom", value: "R-1" });
    expect(await t.server.clientele.customerUsers.get("cleo")).toBeNull();
    // Rows as OTOBO writes them: every audit column named, the agent's id, valid_id given.
    const admin = await t.server.clientele.agents.actorByLogin();
    const stored = await t.database.db.execute(
      sql`SELECT u.create_by, u.change_by, u.valid_id, u.create_time IS NOT NULL AND u.change_time IS NOT NULL AS timed,
                 c.create_by AS company_by, c.valid_id AS company_valid, g.create_by AS grant_by, g.permission_key
          FROM customer_user u JOIN customer_company c ON c.customer_id = 'INITECH'
          JOIN group_customer_user g ON g.user_id = u.login WHERE u.login = 'anna'`,
    );
    const written = (Array.isArray(stored) ? stored : (stored as { rows: unknown[] }).rows)[0];
    expect(written).toMatchObject({
      create_by: admin.id,
      change_by: admin.id,
      valid_id: 1,
      timed: true,
      company_by: admin.id,
      company_valid: 1,
      grant_by: admin.id,
      permission_key: "rw",
    });

    // Credentials: for the agent who started it, once.
    const other = await t.server.clientele.agents.actorByLogin();
    expect(other.login).toBe("root@localhost");
    const first = await get(`/api/import/${job.id}/credentials.csv`);
    expect(first.status).toBe(200);
    const text = await first.text();
    const [head, row] = text.trim().split("\r\n");
    expect(head).toBe("UserLogin,UserPassword");
    const [login, password] = row!.split(",");
    expect(login).toBe("anna");
    expect(await t.server.clientele.customerUsers.authenticate("anna", password!)).not.toBeNull();
    expect(await t.server.clientele.customerUsers.authenticate("ben", "secret-password")).not.toBeNull();
    expect((await get(`/api/import/${job.id}/credentials.csv`)).status).toBe(410);

    // Update by login: named columns change, the others and the password stay.
    const update = await runImport(
      "/api/import/customer-users",
      "UserLogin,UserFirstname,UserRoom,Groups\nANNA,Annabel,R-2,support:ro\n",
    );
    expect(update).toMatchObject({ state: "DONE", created: 0, updated: 1, generatedPasswords: 0 });
    const after = await t.server.clientele.customerUsers.get("anna");
    expect(after?.attributes).toMatchObject({ UserFirstname: "Annabel", UserRoom: "R-2", UserLastname: "A" });
    expect(await t.server.clientele.customerUsers.authenticate("anna", password!)).not.toBeNull();
  });

  test("cancelled halfway: each batch all or nothing, the job says which lines were written", async () => {
    const imports = t.server.clientele.imports;
    imports.deps.batchSize = 10;
    const rows = Array.from(
      { length: 50 },
      (_, i) => `cancel${String(i).padStart(2, "0")},C,N,c${i}@example.com,ACME,,1,,,,long-enough-pw`,
    );
    let jobId = 0;
    imports.deps.onBatch = async (job) => {
      jobId = job.id;
      if (job.processed === 20) await imports.cancel(await t.server.clientele.agents.actorByLogin(), job.id);
    };
    try {
      const job = await runImport("/api/import/customer-users", [HEADER, ...rows].join("\n"));
      expect(job).toMatchObject({ state: "CANCELLED", processed: 20, created: 20, lastLine: 21 });
      expect(Number(job.id)).toBe(jobId);
      const found = await t.server.clientele.customerUsers.search({ search: "cancel*", limit: 1000 });
      expect(found.nodes.map((n) => n.login)).toEqual(rows.slice(0, 20).map((r) => r.split(",")[0]));
    } finally {
      imports.deps.batchSize = undefined;
      imports.deps.onBatch = undefined;
    }
  });
});

describe("CSV over HTTP: who may do what", () => {
  test("a READ_ONLY token exports but may not import; no credentials, customer-user credentials: 401", async () => {
    const agents = t.server.clientele.agents;
    const { token } = await agents.createApiToken(await agents.actorByLogin(), {
      name: "reader",
      role: "READ_ONLY",
    });
    const reader = { authorization: `Bearer ${token}` };
    expect((await get("/api/export/customers.csv", reader)).status).toBe(200);
    const refused = await post("/api/import/customers?dryRun=1", "CustomerID\nX\n", reader);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: "FORBIDDEN" } }] });
    expect((await get(`/api/import/1/credentials.csv`, reader)).status).toBe(403);
    expect((await get("/api/export/customer-users.csv", {})).status).toBe(401);
    expect((await post("/api/import/customers", "CustomerID\nX\n", {})).status).toBe(401);
    const basic = { authorization: `Basic ${Buffer.from("anna:secret-password").toString("base64")}` };
    expect((await get("/api/export/customer-users.csv", basic)).status).toBe(401);
    expect((await post("/api/import/customers", "CustomerID\nX\n", basic)).status).toBe(401);
    const cancel = await t.raw(`mutation { cancelImportJob(id: "1") { id state } }`, {}, reader);
    expect(cancel.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const job = await t.raw(`{ importJob(id: "1") { id kind state } }`, {}, reader);
    expect(job.body).toMatchObject({ data: { importJob: { id: "1", kind: "CUSTOMERS", state: "DONE" } } });
    expect(
      ok(
        await t.gql<{ cancelImportJob: { state: string } }>(
          `mutation { cancelImportJob(id: "1") { state } }`,
        ),
      ),
    ).toEqual({ cancelImportJob: { state: "DONE" } });
    expect((await t.raw(`{ importJob(id: "1") { id } }`)).body.errors?.[0]?.extensions?.code).toBe(
      "UNAUTHENTICATED",
    );
    const admin = { authorization: `Bearer ${await adminApiToken(t, "csv-admin")}` };
    expect(
      (await post("/api/import/customers?dryRun=1", "CustomerID,CustomerCompanyName\nX,X\n", admin)).status,
    ).toBe(200);
  });

  test("hostile requests: wrong type 415, too large 413, bad parameters 400, unknown job 404", async () => {
    const json = await fetch(`${t.url}/api/import/customers?dryRun=1`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
    if (!isPglite) {
      const huge = await post("/api/import/customers?dryRun=1", Buffer.alloc(51 * 1024 * 1024, 97));
      expect(huge.status).toBe(413);
    }
    expect((await get("/api/export/customers.csv?delimiter=|")).status).toBe(400);
    expect((await get("/api/export/customers.csv?valid=maybe")).status).toBe(400);
    expect((await get("/api/export/customers.csv?search=a&search=b")).status).toBe(400);
    expect((await get("/api/import/99999999999/credentials.csv")).status).toBe(404);
    expect((await get("/api/import/424242/credentials.csv")).status).toBe(404);
    expect((await post("/api/import/customers?dryRun=yes", "CustomerID\n")).status).toBe(400);
    expect((await post("/api/import/customers", "Nope\n")).status).toBe(400);
    // An unclosed quote over the largest cell: an error naming the line, not a server error.
    const unclosed = await post(
      "/api/import/customers?dryRun=1",
      `CustomerID\n"${"a".repeat(2 * 1024 * 1024)}`,
    );
    expect(unclosed.status).toBe(200);
    expect(((await unclosed.json()) as { errors: Job["errors"] }).errors).toEqual([
      expect.objectContaining({ line: 2, column: null, code: "BAD_USER_INPUT" }),
    ]);
    expect((await post("/api/import/customers", `CustomerID\n"${"a".repeat(2 * 1024 * 1024)}`)).status).toBe(
      400,
    );
  });
});

describe("CSV export", () => {
  test("round trip: export with ; and BOM, dry run of it has 0 errors; formulas are defused and restored", async () => {
    ok(
      await t.gql(
        `mutation { createCustomerUser(input: { login: "formula", firstName: "F", lastName: "Ormula", email: "f@example.com", customerId: "ACME", comment: "=1+2",
        attributes: [{ attribute: "UserRoom", value: "Room; \\"7\\"" }] }) { customerUser { login } } }`,
      ),
    );
    const lineBreak = await runImport(
      "/api/import/customer-users",
      'UserLogin,UserFirstname,UserLastname,UserEmail,UserCustomerID,UserRoom,UserPasswordHash\nbreak,B,R,break@example.com,ACME,"A\nB",' +
        "b".repeat(64),
    );
    expect(lineBreak).toMatchObject({ state: "DONE", created: 1 });
    const response = await get("/api/export/customer-users.csv?delimiter=%3B&bom=1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    const header = text.slice(1).split("\r\n")[0]!;
    expect(header.split(";")).toEqual(
      expect.arrayContaining(["UserLogin", "UserRoom", "ExtraCustomers", "Groups", "Services", "ValidID"]),
    );
    expect(text).toContain("'=1+2");
    expect(text).toContain('\r\nbreak;;B;R;break@example.com;ACME;;"A\nB";1;;;\r\n');
    expect(text).toContain('"Room; ""7"""');
    expect(text).toMatch(/\r\nanna;.*ACME;support:ro;Email\r\n/);
    const users = await t.server.clientele.customerUsers.search({ limit: 1000 });
    const dry = (await (await post("/api/import/customer-users?dryRun=1", bytes)).json()) as {
      rows: number;
      errors: unknown[];
    };
    expect(dry).toMatchObject({ rows: users.nodes.length, errors: [] });
    const job = await runImport("/api/import/customer-users", text);
    expect(job).toMatchObject({ state: "DONE", errorCount: 0, created: 0, updated: users.nodes.length });
    expect((await t.server.clientele.customerUsers.get("formula"))?.attributes.UserComment).toBe("=1+2");

    const customers = await (await get("/api/export/customers.csv?search=acme")).text();
    expect(customers.trim().split("\r\n")).toEqual([
      "CustomerID,CustomerCompanyName,CustomerCompanyStreet,CustomerCompanyZIP,CustomerCompanyCity,CustomerCompanyCountry,CustomerCompanyURL,CustomerCompanyComment,ValidID",
      "ACME,Acme Corp,,,,,,,1",
    ]);
  });

  test("the export walks past one page", async () => {
    const imports = t.server.clientele.imports;
    // Stored hashes as they are (SHA-256 hex): no hashing work for 2,500 rows.
    const hash = "a".repeat(64);
    const rows = Array.from(
      { length: 2500 },
      (_, i) => `page${String(i).padStart(4, "0")},P,G,p${i}@example.com,ACME,${hash}`,
    );
    const job = await runImport(
      "/api/import/customer-users",
      ["UserLogin,UserFirstname,UserLastname,UserEmail,UserCustomerID,UserPasswordHash", ...rows].join("\n"),
    );
    expect(job).toMatchObject({ state: "DONE", created: 2500 });
    expect(imports.deps.batchSize).toBeUndefined();
    const text = await (await get("/api/export/customer-users.csv?search=page*")).text();
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(2501);
    expect(lines[2500]).toMatch(/^page2499,/);
  });
});

describe("CSV import and the log", () => {
  test("at debug level, neither the file's passwords nor the generated ones reach the log", async () => {
    let captured = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        captured += chunk.toString();
        done();
      },
    });
    const logged = await startTestServer({ logger: createLogger("debug", sink) });
    try {
      const token = await adminApiToken(logged, "log test");
      const headers = { authorization: `Bearer ${token}`, "content-type": "text/csv" };
      const send = (path: string, body: string) =>
        fetch(`${logged.url}${path}`, { method: "POST", headers, body });
      const customers = (await (
        await send("/api/import/customers", "CustomerID,CustomerCompanyName\nLOG,Log\n")
      ).json()) as {
        jobId: string;
      };
      await logged.server.clientele.imports.settled(Number(customers.jobId));
      const given = "Given-Password-In-The-File-4711";
      const users = (await (
        await send(
          "/api/import/customer-users",
          `UserLogin,UserFirstname,UserLastname,UserEmail,UserCustomerID,UserPassword\nlog1,L,One,log1@example.com,LOG,\nlog2,L,Two,log2@example.com,LOG,${given}\nlog3,L,Three,bad-address,LOG,\n`,
        )
      ).json()) as { jobId: string };
      const job = await logged.server.clientele.imports.settled(Number(users.jobId));
      expect(job).toMatchObject({ state: "DONE", created: 2, errorCount: 1, generatedPasswords: 1 });
      const credentials = await (
        await fetch(`${logged.url}/api/import/${users.jobId}/credentials.csv`, { headers })
      ).text();
      const generated = credentials.trim().split("\r\n")[1]!.split(",")[1]!;
      expect(generated).toHaveLength(20);
      expect(captured.length).toBeGreaterThan(0);
      expect(captured).not.toContain(generated);
      expect(captured).not.toContain(given);
      expect(captured).not.toContain(token);
      const audit = await logged.database.db.execute(
        sql`SELECT coalesce(before::text, '') || coalesce(after::text, '') AS t FROM clientele.audit_log`,
      );
      const text = JSON.stringify(audit);
      expect(text).toContain("log2@example.com");
      expect(text).not.toContain(given);
      expect(text).not.toContain(generated);
    } finally {
      await logged.close();
    }
  });
});

describe("CSV with a directory backend that cannot be reached", () => {
  test("the export says SOURCE_UNAVAILABLE (503) before any row; new logins cannot be checked, so they are refused", async () => {
    const down = await startTestServer({
      config: {
        backends: [
          { module: "db" },
          {
            module: "ldap",
            id: "directory",
            params: { url: "ldap://127.0.0.1:1", baseDn: "dc=example,dc=com", timeoutMs: 1000 },
          },
        ],
      },
    });
    try {
      const token = await adminApiToken(down, "outage");
      const headers = { authorization: `Bearer ${token}` };
      const users = await fetch(`${down.url}/api/export/customer-users.csv`, { headers });
      expect(users.status).toBe(503);
      expect(await users.json()).toMatchObject({
        errors: [{ extensions: { code: "SOURCE_UNAVAILABLE", source: "directory" } }],
      });
      expect((await fetch(`${down.url}/api/export/customers.csv`, { headers })).status).toBe(200);
      ok(await down.gql(`mutation { createCustomer(input: { customerId: "C", name: "C" }) { customerId } }`));
      const dry = await fetch(`${down.url}/api/import/customer-users?dryRun=1`, {
        method: "POST",
        headers: { ...headers, "content-type": "text/csv" },
        body: "UserLogin,UserFirstname,UserLastname,UserEmail,UserCustomerID\nnew,N,N,n@example.com,C\n",
      });
      expect(((await dry.json()) as { errors: Job["errors"] }).errors).toEqual([
        expect.objectContaining({ line: 2, column: "UserLogin", code: "SOURCE_UNAVAILABLE" }),
      ]);
    } finally {
      await down.close();
    }
  });
});
