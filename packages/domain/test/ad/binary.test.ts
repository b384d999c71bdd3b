import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import {
  guidFromBytes,
  guidToBytes,
  sidFromBytes,
  sidToBytes,
} from "../../src/customer-users/sources/ad-values";
import { ad, adSource, search } from "./helpers";

const run = promisify(execFile);

/** objectGUID / objectSid as Samba's own tools print them (ldbsearch on the sam.ldb). */
async function samIdentity(login: string): Promise<{ guid: string; sid: string }> {
  const { stdout } = await run("ldbsearch", [
    "-H",
    join(ad().dir, "private", "sam.ldb"),
    `(sAMAccountName=${login})`,
    "objectGUID",
    "objectSid",
  ]);
  const guid = /objectGUID: (\S+)/.exec(stdout)?.[1];
  const sid = /objectSid: (\S+)/.exec(stdout)?.[1];
  if (!guid || !sid) throw new Error(`no objectGUID/objectSid for ${login} in ${stdout}`);
  return { guid, sid };
}

const MAP = [
  ["UserLogin", "Username", "sAMAccountName", 1, 1, "var", "", 0],
  ["UserEmail", "Email", "mail", 1, 1, "var", "", 0],
  ["UserCustomerID", "CustomerID", "company", 0, 1, "var", "", 0],
  ["UserGuid", "GUID", "objectGUID", 1, 0, "var", "", 0],
  ["UserSid", "SID", "objectSid", 1, 0, "var", "", 0],
];

describe("binary identifiers", () => {
  test("byte conversions round-trip (GUID's first three groups are little-endian)", () => {
    const bytes = Buffer.from("hA3mH4P7xk27vh4eBcIENA==", "base64");
    expect(guidFromBytes(bytes)).toBe("1fe60d84-fb83-4dc6-bbbe-1e1e05c20434");
    expect(guidToBytes("1fe60d84-fb83-4dc6-bbbe-1e1e05c20434").equals(bytes)).toBe(true);
    const sid = Buffer.from("AQUAAAAAAAUVAAAAoTz3b5WBR8fIjV3VAAkAAA==", "base64");
    expect(sidFromBytes(sid)).toBe("S-1-5-21-1878473889-3343352213-3579678152-2304");
    expect(sidToBytes("S-1-5-21-1878473889-3343352213-3579678152-2304").equals(sid)).toBe(true);
  });

  test("objectGUID and objectSid come back as the strings Samba itself shows", async () => {
    const src = adSource({ map: MAP });
    const record = await src.findByLogin("ad0042");
    const expected = await samIdentity("ad0042");
    expect(record?.attributes.UserGuid).toBe(expected.guid);
    expect(record?.attributes.UserSid).toBe(expected.sid);
  });

  test("objectGUID as customerKey: listed, unique, and looked up by its string", async () => {
    const src = adSource({
      map: MAP,
      customerKey: "objectGUID",
      customerUserSearchFields: ["sAMAccountName"],
    });
    const { records } = await search(src, "ad000");
    expect(records.length).toBe(9);
    for (const r of records)
      expect(r.login).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(records.map((r) => r.login)).size).toBe(records.length);
    const { guid } = await samIdentity("ad0007");
    const found = await src.findByLogin(guid);
    expect(found?.login).toBe(guid);
    expect(found?.attributes.UserEmail).toBe("ad0007@acc.test");
    expect(await src.findByLogin(guid.toUpperCase())).not.toBeNull();
    // Not a GUID: nothing, and no error.
    expect(await src.findByLogin("not-a-guid")).toBeNull();
  });

  test("objectSid as customerKey is looked up by its string too", async () => {
    const src = adSource({ map: MAP, customerKey: "objectSid" });
    const { sid } = await samIdentity("jweiss");
    expect((await src.findByLogin(sid))?.attributes.UserEmail).toBe("jürgen.weiß@acc.test");
  });
});
