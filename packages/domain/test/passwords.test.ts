import { describe, expect, test } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "../src/security/passwords";

// Fixtures made with independent tools (libxcrypt via Python's crypt, OpenSSL, hashlib), not with this code.
const PASSWORD = "someäöü";
const LEGACY: Array<[string, string, string]> = [
  ["md5-crypt", "$1$otobo123$KHD9llpngun/zS1fJvJ161", PASSWORD],
  ["apr1", "$apr1$otobo123$kdB6KXTaeZPpUCJi9iAys/", PASSWORD],
  ["crypt (DES)", "abt8PCVHYZyGY", "some_pass"],
  ["bcrypt", "$2b$12$WUHhXETkX0fnYkrqZU3ta.Mjtg/Yqt0jZW44aOHbU1ZaypFsYqvPW", PASSWORD],
  ["OTOBO BCRYPT:cost:salt:hash", "BCRYPT:12:abcdefghijklmnop:Mjtg/Yqt0jZW44aOHbU1ZaypFsYqvPW", PASSWORD],
  [
    "sha512 hex",
    "de53b7533350fa89b49f2db4615ee0492727a25b8ea8af6fe1405986ec4b0b01a0d75ede646474ec061a52b91efa00bac1f97550ccf5cda33405ef53b55a91d3",
    PASSWORD,
  ],
  ["plain", "some_pass", "some_pass"],
];

describe("OTOBO's legacy password formats", () => {
  test.each(LEGACY)(
    "%s: right password verifies and asks for a re-hash; wrong one fails",
    async (_kind, stored, password) => {
      expect(await verifyPassword(stored, password)).toEqual({ ok: true, needsRehash: true });
      // DES crypt reads 8 characters only, so the wrong password differs at the start.
      expect((await verifyPassword(stored, `x${password}`)).ok).toBe(false);
      expect((await verifyPassword(stored, "")).ok).toBe(false);
    },
  );
});

describe("new hashes", () => {
  test("Argon2id, verified without a re-hash", async () => {
    const hash = await hashPassword("someカス");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash.length).toBeLessThanOrEqual(128); // fits OTOBO's pw varchar(128)
    expect(await verifyPassword(hash, "someカス")).toEqual({ ok: true, needsRehash: false });
    expect((await verifyPassword(hash, "somekasu")).ok).toBe(false);
    expect((await verifyPassword(null, "x")).ok).toBe(false);
  });

  test("generated passwords are long and differ", () => {
    const passwords = new Set(Array.from({ length: 50 }, () => generatePassword()));
    expect(passwords.size).toBe(50);
    for (const p of passwords) expect(p).toHaveLength(20);
  });
});
