/**
 * Walking 10,000 customer users page by page (first: 500) over HTTP across a database backend and a
 * real slapd directory, while other requests add users to both and rename database users. What a
 * keyset walk guarantees (docs/api.md §Paging): logins come in strictly increasing login order, so
 * no login twice; every user that exists under the same login for the whole walk comes exactly
 * once; a user added or renamed during the walk comes (under its new login) only if that login sorts
 * after the page being read, so a renamed user can be seen under its old and its new login.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  ouLdif,
  personLdif,
  readerLdif,
  type Slapd,
  startSlapd,
} from "../../../packages/domain/test/ldap/helpers";
import { ok, startTestServer, type TestServer } from "./helpers";

const SUFFIX = "dc=paging,dc=test";
const TOTAL = 10_000;
/** Every third login lives in the directory; a few directory logins also exist in the database. */
const inDirectory = (i: number) => i % 3 === 0;
const SHADOWED = 150;
const loginOf = (i: number) => `${i % 7 === 0 ? "Walk" : "walk"}-${String(i).padStart(5, "0")}`;

let t: TestServer;
let directory: Slapd;
const dbLogins: string[] = [];
const ldapLogins: string[] = [];

beforeAll(async () => {
  for (let i = 1; i <= TOTAL; i++) (inDirectory(i) ? ldapLogins : dbLogins).push(loginOf(i));
  // The first SHADOWED directory logins are also database rows (in other case): the database wins them.
  const shadowed = ldapLogins.slice(0, SHADOWED).map((l) => l.toUpperCase());
  const ldif =
    readerLdif(SUFFIX) +
    ouLdif("people", SUFFIX) +
    ldapLogins
      .map((uid) => personLdif({ uid, givenName: "Lena", sn: "Directory", mail: `${uid}@dir.test` }, SUFFIX))
      .join("");
  directory = await startSlapd({ suffix: SUFFIX, ldif });
  t = await startTestServer({
    config: {
      backends: [
        { module: "db" },
        {
          module: "ldap",
          name: "Directory",
          params: { url: directory.url, baseDn: `ou=people,${SUFFIX}`, timeoutMs: 10_000 },
          cacheTtl: 0,
        },
      ],
    },
  });
  const audit = sql`now(), 1, now(), 1`;
  await t.database.db.execute(sql`INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
    VALUES ('WALK', 'Walkers', 1, ${audit})`);
  const rows = [...dbLogins, ...shadowed];
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows
      .slice(i, i + 1000)
      .map(
        (login) =>
          sql`(${login}, ${`${login.toLowerCase()}@db.test`}, 'WALK', 'Dora', 'Database', 1, ${audit})`,
      );
    await t.database.db.execute(sql`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
      VALUES ${sql.join(values, sql`, `)}`);
  }
}, 300_000);
afterAll(async () => {
  await t?.close();
  await directory?.destroy();
});

interface Page {
  nodes: { login: string; source: string }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

const lowerOrder = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

test("walking 10,000 users of a database and a directory with first: 500 while users are added and renamed", async () => {
  const seen: { login: string; source: string }[] = [];
  const added: string[] = [];
  const renamed = new Map<string, string>();
  let done = false;
  let pagesRead = 0;
  // The walk waits for a write round after each of its first pages, so the writes land mid-walk.
  let rounds = 0;
  let roundDone: () => void = () => {};
  const nextRound = () => new Promise<void>((resolve) => (roundDone = resolve));

  // Writes running beside the walk, as fast as they go, until the walk ends.
  const writer = (async () => {
    let n = 0;
    while (!done) {
      n++;
      const login = `walk-${String(Math.floor(Math.random() * TOTAL)).padStart(5, "0")}-new${n}`;
      await t.database.db.execute(sql`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
          VALUES (${login}, ${`${login}@db.test`}, 'WALK', 'Nina', 'New', 1, now(), 1, now(), 1)`);
      added.push(login);
      const victim = dbLogins[(n * 7919) % dbLogins.length]!;
      if (!renamed.has(victim)) {
        const to = n % 2 === 0 ? `a-renamed-${victim}` : `zz-renamed-${victim}`;
        ok(
          await t.gql(
            `mutation($l: String!, $to: String!) { updateCustomerUser(login: $l, input: { login: $to }) { login } }`,
            { l: victim, to },
          ),
        );
        renamed.set(victim, to);
      }
      if (n % 10 === 0) {
        const uid = `walk-${String(Math.floor(Math.random() * TOTAL)).padStart(5, "0")}-dir${n}`;
        await directory.add(
          personLdif({ uid, givenName: "Neu", sn: "Directory", mail: `${uid}@dir.test` }, SUFFIX),
        );
        added.push(uid);
      }
      rounds++;
      roundDone();
    }
    return n;
  })();

  let after: string | null = null;
  try {
    for (;;) {
      const page: Page = ok(
        await t.gql<{ customerUsers: Page }>(
          `query($after: String) { customerUsers(first: 500, after: $after) {
              nodes { login source } pageInfo { endCursor hasNextPage } } }`,
          { after },
        ),
      ).customerUsers;
      pagesRead++;
      expect(page.nodes.length).toBeLessThanOrEqual(500);
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      if (pagesRead <= 12) await nextRound();
      if (pagesRead > 100) throw new Error("the walk does not end");
    }
  } finally {
    done = true;
  }
  const writes = await writer;
  console.log(
    `[paging/walk] ${pagesRead} pages, ${seen.length} users; meanwhile ${writes} write rounds: ${added.length} added, ${renamed.size} renamed`,
  );
  expect(writes).toBeGreaterThanOrEqual(12);
  expect(rounds).toBe(writes);

  // Strictly increasing login order: no login twice.
  const logins = seen.map((s) => s.login);
  for (let i = 1; i < logins.length; i++) expect(lowerOrder(logins[i - 1]!, logins[i]!)).toBe(-1);
  expect(new Set(logins.map((l) => l.toLowerCase())).size).toBe(logins.length);

  // Every user that kept its login throughout: exactly once, the shadowed ones from the database.
  const present = new Set(logins.map((l) => l.toLowerCase()));
  const throughout = [...dbLogins.filter((l) => !renamed.has(l)), ...ldapLogins];
  const missing = throughout.filter((l) => !present.has(l.toLowerCase()));
  expect(missing).toEqual([]);
  const sourceOf = new Map(seen.map((s) => [s.login.toLowerCase(), s.source]));
  for (const login of ldapLogins.slice(0, SHADOWED))
    expect(sourceOf.get(login.toLowerCase())).toBe("CustomerUser");
  expect(sourceOf.get(ldapLogins[SHADOWED]!.toLowerCase())).toBe("CustomerUser1");

  // Nothing else: what came is an original login, a new one, or a rename's new login.
  const known = new Set(
    [...dbLogins, ...ldapLogins, ...added, ...renamed.values()].map((l) => l.toLowerCase()),
  );
  expect(logins.filter((l) => !known.has(l.toLowerCase()))).toEqual([]);
  // Renames to the front (a-renamed-…) happened behind the walk: only those done before page 1 can show.
  expect(logins.length).toBeGreaterThanOrEqual(TOTAL - renamed.size);
}, 600_000);

test("Customer.customerUsers pages users of the directory, of the database and assigned ones together", async () => {
  const ldapUser = ldapLogins[SHADOWED + 10]!;
  // Two database users the walk's writer never renames (it renames dbLogins[n * 7919 % length]).
  const renamedIndexes = new Set(Array.from({ length: 1000 }, (_, n) => ((n + 1) * 7919) % dbLogins.length));
  const [first, second] = [5, 4000].map((start) => {
    let i = start;
    while (renamedIndexes.has(i)) i++;
    return dbLogins[i]!;
  });
  const customerId = `${ldapUser}@dir.test`; // the directory's default customer id attribute is mail
  const audit = sql`now(), 1, now(), 1`;
  await t.database.db.execute(sql`INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
    VALUES (${customerId}, 'Directory person as customer', 1, ${audit})`);
  await t.database.db.execute(sql`INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
    VALUES ('b-primary-1', 'bp1@db.test', ${customerId}, 'B', 'P', 1, ${audit}), ('zz-primary-2', 'bp2@db.test', ${customerId}, 'B', 'P', 1, ${audit})`);
  await t.database.db.execute(sql`INSERT INTO customer_user_customer (user_id, customer_id, create_time, create_by, change_time, change_by)
    VALUES (${first!}, ${customerId}, ${audit}), (${second!}, ${customerId}, ${audit})`);
  const expected = ["b-primary-1", ldapUser, first!, second!, "zz-primary-2"].sort(lowerOrder);
  const logins: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const data: {
      customer: { customerUsers: { login: string }[]; customerUsersPageInfo: Page["pageInfo"] };
    } = ok(
      await t.gql(
        `query($c: String!, $a: String) { customer(customerId: $c) {
          customerUsers(first: 2, after: $a) { login } customerUsersPageInfo(first: 2, after: $a) { endCursor hasNextPage } } }`,
        { c: customerId, a: after },
      ),
    );
    logins.push(...data.customer.customerUsers.map((u) => u.login));
    if (!data.customer.customerUsersPageInfo.hasNextPage) break;
    after = data.customer.customerUsersPageInfo.endCursor;
  }
  expect(logins).toEqual(expected);
});

test("a page of directory users the database hides (same login) ends where the directory stopped: nothing skipped", async () => {
  // Only the directory's users are named Lena; its first SHADOWED logins are database users (Dora),
  // which win and do not match. The first page is empty, and says where to go on.
  const logins: string[] = [];
  const sizes: number[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page: Page = ok(
      await t.gql<{ customerUsers: Page }>(
        `query($after: String) { customerUsers(search: "lena", first: 100, after: $after) {
          nodes { login source } pageInfo { endCursor hasNextPage } } }`,
        { after },
      ),
    ).customerUsers;
    sizes.push(page.nodes.length);
    logins.push(...page.nodes.map((n) => n.login));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(sizes[0]).toBe(0);
  expect(sizes[1]).toBe(50);
  expect(logins.filter((l) => l.startsWith("walk-") || l.startsWith("Walk-"))).toEqual(
    ldapLogins.slice(SHADOWED),
  );
});
