import { BerReader, BerWriter, Client, type Entry, InvalidAsn1Error, SearchEntry } from "ldapts";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import {
  EntryShape,
  RawSearchEntry,
  readEntriesRaw,
  utf8Text,
} from "../../src/customer-users/sources/ldap-entries";
import { LdapCustomerUserSource } from "../../src/customer-users/sources/ldap-source";
import { parseSearch } from "../../src/search/search-syntax";
import { ldapBackend, type SeedFacts, type Slapd, seedDirectory, startSlapd } from "./helpers";

/**
 * User entries read straight from the wire (ldap-entries.ts) must say exactly what ldapts's own
 * decoding says: the same bytes are read both ways and compared, and against a real slapd the
 * records of the whole directory are compared with what a plain ldapts client reads.
 */

type Attribute = [type: string, values: Buffer[]];

/** A SearchResultEntry message as a server sends it. */
function entryMessage(dn: string, attributes: Attribute[], messageId = 7): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeInt(messageId);
  writer.startSequence(0x64);
  writer.writeString(dn);
  writer.startSequence();
  for (const [type, values] of attributes) {
    writer.startSequence();
    writer.writeString(type);
    writer.startSequence(0x31);
    for (const value of values) writer.writeBuffer(value, 0x04);
    writer.endSequence();
    writer.endSequence();
  }
  writer.endSequence();
  writer.endSequence();
  writer.endSequence();
  return writer.buffer;
}

/** A reader placed where ldapts's message parser hands it to the message: at the entry's body. */
function atBody(message: Buffer): BerReader {
  const reader = new BerReader(message);
  reader.readSequence();
  reader.readInt();
  reader.readSequence();
  return reader;
}

const WANTED = ["uid", "givenname", "sn", "description", "createtimestamp"];
const shape = () =>
  new EntryShape(
    WANTED.length,
    (type) => WANTED.indexOf(type.toLowerCase()),
    (_, bytes, start, end) => utf8Text(bytes, start, end),
  );

function readRaw(message: Buffer, entryShape = shape()): RawSearchEntry {
  const entry = new RawSearchEntry(7, entryShape);
  entry.parse(atBody(message), []);
  return entry;
}

/** What the LDAP source made of ldapts's decoding: the first value, a Buffer as UTF-8. */
function readByLdapts(message: Buffer): { dn: string; values: (string | undefined)[] } {
  const entry = new SearchEntry({ messageId: 7 });
  entry.parse(atBody(message), []);
  const object = entry.toObject([], []);
  const values = WANTED.map((name) => {
    const key = Object.keys(object).find((k) => k.toLowerCase() === name);
    const raw = key === undefined ? undefined : object[key];
    const first = Array.isArray(raw) ? raw[0] : raw;
    return first === undefined ? undefined : Buffer.isBuffer(first) ? first.toString("utf8") : String(first);
  });
  return { dn: object.dn, values };
}

const text = (value: string) => Buffer.from(value, "utf8");
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe("a search entry read raw", () => {
  const cases: Record<string, [string, Attribute[]]> = {
    "plain values, the first of several, names in the server's spelling": [
      "uid=cu0001,ou=people,dc=example,dc=com",
      [
        ["objectClass", [text("top"), text("inetOrgPerson")]],
        ["uid", [text("cu0001")]],
        ["GIVENNAME", [text("Jörg"), text("Georg")]],
        ["sn", [text("Żółtowski")]],
        ["createTimestamp", [text("20261128005741Z")]],
      ],
    ],
    "an attribute without values, and one repeated after it": [
      "uid=a,dc=example,dc=com",
      [
        ["uid", [text("a")]],
        ["sn", []],
        ["sn", [text("Second")]],
        ["description", [text("")]],
      ],
    ],
    "a byte order mark, invalid UTF-8 and a non-ASCII DN": [
      "uid=ü,dc=example,dc=com",
      [
        ["uid", [Buffer.concat([BOM, text("bom")])]],
        ["givenName", [Buffer.from([0x4a, 0xfc, 0x72, 0x67])]],
        ["sn", [Buffer.concat([BOM, Buffer.from([0xff])])]],
      ],
    ],
    "long values (two- and three-byte lengths)": [
      `uid=${"x".repeat(300)},dc=example,dc=com`,
      [
        ["uid", [text("long")]],
        ["description", [text("ä".repeat(40_000))]],
        ["jpegPhoto", [Buffer.alloc(70_000, 1)]],
        ["sn", [text("y".repeat(200))]],
      ],
    ],
  };

  for (const [name, [dn, attributes]] of Object.entries(cases)) {
    test(`${name}: as ldapts decodes it`, () => {
      const message = entryMessage(dn, attributes);
      const raw = readRaw(message);
      expect({ dn: raw.name, values: raw.values }).toEqual(readByLdapts(message));
    });
  }

  test("the reader ends after the entry, where ldapts looks for controls", () => {
    const message = entryMessage("uid=a,dc=example,dc=com", [["uid", [text("a")]]]);
    const reader = atBody(message);
    new RawSearchEntry(7, shape()).parse(reader, []);
    expect(reader.offset).toBe(message.length);
  });

  test("names seen before are recognised by their bytes, names not wanted are never decoded", () => {
    const slotOf = vi.fn((type: string) => WANTED.indexOf(type.toLowerCase()));
    const decode = vi.fn((_: number, bytes: Buffer, start: number, end: number) =>
      utf8Text(bytes, start, end),
    );
    const counted = new EntryShape(WANTED.length, slotOf, decode);
    for (let i = 0; i < 5; i++) {
      const entry = readRaw(
        entryMessage(`uid=u${i},dc=example,dc=com`, [
          ["uid", [text(`u${i}`)]],
          ["mail", [text(`u${i}@example.com`)]],
          ["sn", [text(`Sn${i}`)]],
        ]),
        counted,
      );
      expect(entry.values).toEqual([`u${i}`, undefined, `Sn${i}`, undefined, undefined]);
    }
    expect(slotOf.mock.calls.map(([type]) => type)).toEqual(["uid", "mail", "sn"]);
    expect(decode).toHaveBeenCalledTimes(10);
    // A name of the same length in another spelling is looked up once more.
    readRaw(entryMessage("uid=x,dc=example,dc=com", [["UID", [text("x")]]]), counted);
    expect(slotOf).toHaveBeenLastCalledWith("UID");
  });

  test("a truncated or malformed entry is an error, not a wrong entry", () => {
    const message = entryMessage("uid=a,dc=example,dc=com", [["uid", [text("abcdef")]]]);
    // The lengths promise more than the message holds.
    const truncated = Buffer.from(message);
    truncated[truncated.length - 7] = 0x7f;
    expect(() => readRaw(truncated)).toThrow(InvalidAsn1Error);
    // A value that is not an OCTET STRING.
    const mistyped = Buffer.from(message);
    mistyped[mistyped.length - 8] = 0x02;
    expect(() => readRaw(mistyped)).toThrow(InvalidAsn1Error);
  });
});

describe("against slapd", () => {
  let server: Slapd;
  let facts: SeedFacts;

  beforeAll(async () => {
    facts = seedDirectory().facts;
    server = await startSlapd();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  test("only the searches the shape is given for come back raw; the rest as ldapts makes them", async () => {
    const client = new Client({ url: server.url });
    const attributes = ["uid", "givenName", "sn", "description", "createTimestamp"];
    try {
      // false would mean this ldapts parses messages differently: every search would be decoded by ldapts.
      expect(readEntriesRaw(client, (request) => (request.attributes === attributes ? shape() : null))).toBe(
        true,
      );
      const pages: Entry[][] = [];
      for await (const page of client.searchPaginated(facts.peopleDn, {
        filter: "(uid=cu00*)",
        attributes,
        paged: { pageSize: 40 },
      })) {
        pages.push(page.searchEntries);
      }
      const entries = pages.flat();
      expect(pages.length).toBeGreaterThan(1);
      expect(entries.length).toBe(facts.people.filter((p) => p.uid.startsWith("cu00")).length);
      expect(entries.every((e) => e instanceof RawSearchEntry)).toBe(true);

      const plain = await client.search(facts.peopleDn, {
        filter: "(uid=cu00*)",
        attributes: [...attributes],
      });
      expect(plain.searchEntries.some((e) => e instanceof RawSearchEntry)).toBe(false);
      const byDn = new Map(plain.searchEntries.map((e) => [e.dn, e]));
      for (const entry of entries as unknown as RawSearchEntry[]) {
        const other = byDn.get(entry.name) as Entry;
        expect(entry.values).toEqual(
          WANTED.map((name) => {
            const key = Object.keys(other).find((k) => k.toLowerCase() === name);
            const value = key === undefined ? undefined : other[key];
            return Array.isArray(value) ? (value[0] as string | undefined) : (value as string);
          }),
        );
      }
    } finally {
      await client.unbind();
    }
  });

  test("the source's records of every user are what ldapts's own decoding of the entries makes", async () => {
    const config = ldapBackend(server, { customerUserSearchFields: ["uid"] });
    const source = new LdapCustomerUserSource(config);
    const parsed = vi.spyOn(RawSearchEntry.prototype, "parseMessage");
    try {
      const result = await source.search({ query: parseSearch(null), limit: 10_000 });
      // Every entry was read raw, not decoded by ldapts.
      expect(parsed).toHaveBeenCalledTimes(facts.totalUsers);
      expect(result.records).toHaveLength(facts.totalUsers);

      const client = new Client({ url: server.url });
      const storages = [...new Set(config.map.map((r) => r.storage)), "createTimestamp", "modifyTimestamp"];
      const entries: Entry[] = [];
      for await (const page of client.searchPaginated(facts.peopleDn, {
        filter: "(uid=*)",
        attributes: storages,
        paged: { pageSize: 500 },
      })) {
        entries.push(...page.searchEntries);
      }
      await client.unbind();
      const first = (entry: Entry, name: string): string | undefined => {
        const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
        const value = key === undefined ? undefined : entry[key];
        return Array.isArray(value) ? (value[0] as string | undefined) : (value as string);
      };
      const time = (value: string | undefined) =>
        value
          ? new Date(value.replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d).*$/, "$1-$2-$3T$4:$5:$6Z"))
          : null;
      const expected = new Map(
        entries.map((entry) => {
          const login = first(entry, "uid") as string;
          const attributes: Record<string, string> = {};
          for (const row of config.map) attributes[row.attribute] = first(entry, row.storage) ?? "";
          attributes.UserLogin = login;
          return [
            login,
            {
              login,
              attributes,
              createdAt: time(first(entry, "createTimestamp")),
              changedAt: time(first(entry, "modifyTimestamp")),
            },
          ];
        }),
      );
      for (const record of result.records) {
        const { login, attributes, createdAt, changedAt } = record;
        expect({ login, attributes, createdAt, changedAt }).toEqual(expected.get(record.login));
      }
    } finally {
      parsed.mockRestore();
      await source.close();
    }
  });

  test("a page request's controls still reach ldapts: paging goes on past the first page", async () => {
    const client = new Client({ url: server.url });
    const attributes = ["uid"];
    readEntriesRaw(client, (request) => (request.attributes === attributes ? shape() : null));
    try {
      const sizes: number[] = [];
      const search = client.searchPaginated(facts.peopleDn, {
        filter: "(uid=*)",
        attributes,
        paged: { pageSize: 700 },
      });
      for await (const page of search) sizes.push(page.searchEntries.length);
      expect(sizes).toEqual([700, 700, facts.totalUsers - 1400]);
    } finally {
      await client.unbind();
    }
  });
});
