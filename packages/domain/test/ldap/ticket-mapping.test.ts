import { DEFAULT_SUFFIX, ldifEntry, ouLdif, readerLdif } from "@clientele/slapd";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Clientele, createClientele } from "../../src/clientele";
import { parseConfig } from "../../src/config/backends";
import { defaultLdapMap } from "../../src/config/map";
import { createTestDatabase, type TestDatabase } from "../../src/testing";
import { type Slapd, startSlapd } from "./helpers";

/** The mapping with an LDAP customer user on a real slapd: a custom attribute (roomNumber) and a directory that is down. */

const actor = { id: 1, login: "root@localhost" };
const people = `ou=people,${DEFAULT_SUFFIX}`;

let db: TestDatabase;
let app: Clientele;
let slapd: Slapd;

beforeAll(async () => {
  const ldif =
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
      telephoneNumber: "+49 30 1234",
    });
  [db, slapd] = await Promise.all([createTestDatabase(), startSlapd({ ldif })]);
  const config = parseConfig({
    backends: [
      { module: "db", name: "Database" },
      {
        module: "ldap",
        name: "Directory",
        params: { url: slapd.url, baseDn: people, timeoutMs: 1500 },
        customerCompanySupport: false,
        map: [
          ...defaultLdapMap,
          { attribute: "UserRoom", label: "Room", storage: "roomNumber", shown: 1, required: false },
        ],
      },
    ],
  });
  app = await createClientele({ database: db, config });
  for (const name of ["Room", "Phone", "Lastname"])
    await app.dynamicFields.create(actor, { name, label: name });
  await app.settings.update(actor, {
    dynamicFieldFromCustomerUser: true,
    dynamicFieldFromCustomerUserMapping: [
      { attribute: "UserRoom", dynamicField: "Room" },
      { attribute: "UserPhone", dynamicField: "Phone" },
      { attribute: "UserLastname", dynamicField: "Lastname" },
    ],
  });
}, 120_000);
afterAll(async () => {
  await slapd?.destroy();
  await db?.drop();
});

const values = async (id: number) =>
  Object.fromEntries(
    ((await app.tickets.valuesMany([id])).get(id) ?? []).filter((v) => v.value).map((v) => [v.name, v.value]),
  );

test("an LDAP customer user's attributes, a custom one included, fill the ticket", async () => {
  const ticket = await app.tickets.create(actor, { title: "From the directory", customerUserLogin: "lotte" });
  expect(ticket.customerUserLogin).toBe("lotte");
  expect(await values(ticket.id)).toEqual({ Room: "L-17", Phone: "+49 30 1234", Lastname: "Ldap" });
  expect(await app.tickets.preview("lotte")).toEqual([
    { name: "Room", value: "L-17" },
    { name: "Phone", value: "+49 30 1234" },
    { name: "Lastname", value: "Ldap" },
  ]);
});

test("a directory that is down: the ticket is created, the fields stay empty and the history says why", async () => {
  await slapd.stop();
  try {
    const ticket = await app.tickets.create(actor, { title: "Directory down", customerUserLogin: "lotte" });
    expect(await values(ticket.id)).toEqual({});
    const history = (await app.tickets.history(ticket.id)).map((h) => `${h.type} ${h.name}`);
    expect(history.at(-1)).toMatch(
      /^Misc %%DynamicFieldFromCustomerUser%%fields left empty: customer user "lotte" could not be read/,
    );
  } finally {
    await slapd.start();
  }
});
