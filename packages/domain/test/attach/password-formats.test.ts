import { afterEach, describe, expect, test } from "vitest";
import { loadConfig } from "../../src/config/backends";
import {
  hashPassword,
  PASSWORD_HASH_FORMATS,
  resolvePasswordHash,
  storedHashFormat,
  verifyPassword,
} from "../../src/security/passwords";
import { legacyHashes, otoboVerifies } from "../support/otobo/oracle";

const PASSWORD = "someäöü";

describe("the OTOBO oracle itself", () => {
  // Known answers made outside this code (see test/passwords.test.ts): the oracle must accept them.
  test.each([
    ["BCRYPT:12:abcdefghijklmnop:Mjtg/Yqt0jZW44aOHbU1ZaypFsYqvPW", PASSWORD],
    ["$1$otobo123$KHD9llpngun/zS1fJvJ161", PASSWORD],
    ["$apr1$otobo123$kdB6KXTaeZPpUCJi9iAys/", PASSWORD],
    ["abt8PCVHYZyGY", "some_pass"],
  ])("accepts %s and refuses a wrong password", (stored, password) => {
    expect(otoboVerifies(stored, password, "someone")).toBe(true);
    expect(otoboVerifies(stored, `x${password}`, "someone")).toBe(false);
  });

  test("refuses what OTOBO cannot verify: Argon2id and standard $2b$ bcrypt", async () => {
    expect(otoboVerifies(await hashPassword(PASSWORD, "argon2id"), PASSWORD, "someone")).toBe(false);
    expect(
      otoboVerifies("$2b$12$WUHhXETkX0fnYkrqZU3ta.Mjtg/Yqt0jZW44aOHbU1ZaypFsYqvPW", PASSWORD, "someone"),
    ).toBe(false);
  });
});

describe("formats Clientele writes", () => {
  test.each(["bcrypt", "sha2", "sha512"] as const)(
    "%s: OTOBO verifies it, and so does Clientele",
    async (format) => {
      const stored = await hashPassword(PASSWORD, format);
      expect(storedHashFormat(stored)).toBe(format);
      expect(otoboVerifies(stored, PASSWORD, "someone")).toBe(true);
      expect(otoboVerifies(stored, "other", "someone")).toBe(false);
      expect(await verifyPassword(stored, PASSWORD, format)).toEqual({ ok: true, needsRehash: false });
    },
  );

  test("bcrypt is OTOBO's own form with its default cost", async () => {
    expect(await hashPassword(PASSWORD, "bcrypt")).toMatch(/^BCRYPT:12:[A-Za-z0-9]{16}:[./A-Za-z0-9]{31}$/);
  });

  test("a sign-in asks for a re-hash only when the stored format differs from the configured one", async () => {
    for (const [kind, make] of Object.entries(legacyHashes)) {
      const stored = make(PASSWORD);
      const check = await verifyPassword(stored, PASSWORD, "bcrypt");
      expect(check, kind).toEqual({ ok: true, needsRehash: kind !== "bcrypt" });
    }
    expect(await verifyPassword(await hashPassword(PASSWORD, "sha2"), PASSWORD, "sha2")).toEqual({
      ok: true,
      needsRehash: false,
    });
  });
});

describe("choosing the format", () => {
  const saved = process.env.CLIENTELE_PASSWORD_HASH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CLIENTELE_PASSWORD_HASH;
    else process.env.CLIENTELE_PASSWORD_HASH = saved;
  });

  test("defaults: argon2id standalone, bcrypt attached; argon2id attached is refused with how to fix it", () => {
    expect(resolvePasswordHash("standalone", undefined)).toBe("argon2id");
    expect(resolvePasswordHash("attach", undefined)).toBe("bcrypt");
    expect(resolvePasswordHash("attach", "sha512")).toBe("sha512");
    expect(() => resolvePasswordHash("attach", "argon2id")).toThrow(/CLIENTELE_PASSWORD_HASH.*bcrypt/);
  });

  test("CLIENTELE_PASSWORD_HASH sets it; an unknown value stops the start naming the choices", () => {
    process.env.CLIENTELE_PASSWORD_HASH = "sha2";
    expect(loadConfig(undefined).passwordHash).toBe("sha2");
    process.env.CLIENTELE_PASSWORD_HASH = "md5";
    expect(() => loadConfig(undefined)).toThrow(PASSWORD_HASH_FORMATS.join(", "));
  });
});
