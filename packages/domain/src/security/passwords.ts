/// <reference path="../vendor.d.ts" />
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { hash as argon2Hash, verify as argon2Verify } from "@node-rs/argon2";
import apacheMd5 from "apache-md5";
import bcrypt from "bcryptjs";
import unixCrypt from "unix-crypt-td-js";

/**
 * The formats Clientele writes (`passwordHash` in the config file, `CLIENTELE_PASSWORD_HASH`):
 * `argon2id` (standalone default, OWASP's first choice), or one OTOBO's CustomerAuth/Auth DB modules
 * verify: `bcrypt` in OTOBO's own `BCRYPT:<cost>:<salt>:<hash>` form (attach default), `sha2`
 * (hex SHA-256, OTOBO's CryptType default) and `sha512` (hex SHA-512).
 */
export const PASSWORD_HASH_FORMATS = ["argon2id", "bcrypt", "sha2", "sha512"] as const;
export type PasswordHashFormat = (typeof PASSWORD_HASH_FORMATS)[number];

/** OTOBO's `Customer::AuthModule::DB::bcryptCost` default. */
export const OTOBO_BCRYPT_COST = 12;

/**
 * The format to write in a mode: argon2id standalone, bcrypt attached. Argon2id on an attached
 * database is refused, because OTOBO could no longer sign those users in.
 */
export function resolvePasswordHash(
  mode: "standalone" | "attach",
  configured: PasswordHashFormat | undefined,
): PasswordHashFormat {
  if (mode === "standalone") return configured ?? "argon2id";
  if (configured === "argon2id") {
    throw new Error(
      "passwordHash argon2id cannot be used on an OTOBO or Znuny database: OTOBO cannot verify Argon2id hashes, so its customers could no longer sign in. Set CLIENTELE_PASSWORD_HASH (or passwordHash in CLIENTELE_CONFIG) to bcrypt (the default), sha2 or sha512.",
    );
  }
  return configured ?? "bcrypt";
}

const SALT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** OTOBO's `BCRYPT:<cost>:<16-char salt>:<bcrypt base64 of the 23 hash octets>` (CustomerUser/DB.pm SetPassword). */
async function otoboBcrypt(password: string, cost = OTOBO_BCRYPT_COST): Promise<string> {
  let salt = "";
  for (let i = 0; i < 16; i++) salt += SALT_ALPHABET[randomInt(SALT_ALPHABET.length)];
  const computed = await bcrypt.hash(password, standardBcryptSalt(cost, salt));
  return `BCRYPT:${cost}:${salt}:${computed.slice(29)}`;
}

/** Hashes a new password in the configured format (Argon2id unless told otherwise). */
export function hashPassword(password: string, format: PasswordHashFormat = "argon2id"): Promise<string> {
  switch (format) {
    case "bcrypt":
      return otoboBcrypt(password);
    case "sha2":
      return Promise.resolve(hex("sha256", password));
    case "sha512":
      return Promise.resolve(hex("sha512", password));
    default:
      // 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot read).
      return argon2Hash(password, { algorithm: 2 });
  }
}

/** The format of a stored hash, as far as Clientele writes it; `other` for every legacy format. */
export function storedHashFormat(stored: string | null): PasswordHashFormat | "other" {
  if (!stored) return "other";
  if (stored.startsWith("$argon2id$")) return "argon2id";
  if (/^BCRYPT:\d+:.{16}:/.test(stored)) return "bcrypt";
  if (/^[0-9a-f]{64}$/i.test(stored)) return "sha2";
  if (/^[0-9a-f]{128}$/i.test(stored)) return "sha512";
  return "other";
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as checking a real password (an Argon2id hash made by hashPassword, so the
 * same algorithm and cost) and always fails. Used where there is no stored hash to check, e.g. an
 * unknown login, so the answer time does not tell which logins exist.
 */
export async function verifyDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(24).toString("base64url"));
  await argon2Verify(await dummyHash, password === "" ? " " : password).catch(() => false);
  return false;
}

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash is in another format than the configured one and is re-hashed after a successful check. */
  needsRehash: boolean;
}

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** The legacy crypt libraries read one byte per char; OTOBO hashed the UTF-8 bytes. */
const utf8Bytes = (password: string): string => Buffer.from(password, "utf8").toString("latin1");

const hex = (algorithm: string, password: string): string =>
  createHash(algorithm).update(password, "utf8").digest("hex");

const BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function bcryptBase64(bytes: Buffer): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    out += BCRYPT_ALPHABET[b0 >> 2];
    out += BCRYPT_ALPHABET[((b0 & 0x03) << 4) | (b1 >> 4)];
    if (i + 1 >= bytes.length) break;
    out += BCRYPT_ALPHABET[((b1 & 0x0f) << 2) | (b2 >> 6)];
    if (i + 2 >= bytes.length) break;
    out += BCRYPT_ALPHABET[b2 & 0x3f];
  }
  return out;
}

/**
 * OTOBO's `BCRYPT:<cost>:<16-char salt>:<hash>` stores the raw 16-byte salt; re-encode it as a
 * standard `$2a$` salt so bcryptjs can recompute the hash.
 */
const standardBcryptSalt = (cost: number | string, salt: string): string =>
  `$2a$${String(cost).padStart(2, "0")}$${bcryptBase64(Buffer.from(salt, "latin1")).slice(0, 22)}`;

function verifyOtoboBcrypt(stored: string, password: string): boolean {
  const match = /^BCRYPT:(\d+):(.{16}):(.*)$/s.exec(stored);
  if (!match) return false;
  const [, cost, salt, expected] = match as unknown as [string, string, string, string];
  const computed = bcrypt.hashSync(password, standardBcryptSalt(cost, salt));
  return sameText(computed.slice(29), expected);
}

/**
 * Verifies a password against any format OTOBO/Znuny may have stored (docs/domain.md §Customer users):
 * Argon2id, bcrypt, OTOBO's BCRYPT:…, md5-crypt ($1$), apr1, DES crypt, hex sha256/sha1/sha512, plain.
 */
export async function verifyPassword(
  stored: string | null,
  password: string,
  target: PasswordHashFormat = "argon2id",
): Promise<PasswordCheck> {
  if (password === "") return { ok: false, needsRehash: false };
  if (!stored) {
    await verifyDummy(password);
    return { ok: false, needsRehash: false };
  }
  const needsRehash = storedHashFormat(stored) !== target;
  if (stored.startsWith("$argon2")) {
    const ok = await argon2Verify(stored, password).catch(() => false);
    return { ok, needsRehash: ok && needsRehash };
  }
  let ok: boolean;
  if (/^\$2[abxy]\$/.test(stored)) ok = await bcrypt.compare(password, stored);
  else if (stored.startsWith("BCRYPT:")) ok = verifyOtoboBcrypt(stored, password);
  else if (stored.startsWith("$1$") || stored.startsWith("$apr1$"))
    ok = sameText(apacheMd5(utf8Bytes(password), stored), stored);
  else if (/^[0-9a-f]{64}$/i.test(stored)) ok = sameText(hex("sha256", password), stored.toLowerCase());
  else if (/^[0-9a-f]{128}$/i.test(stored)) ok = sameText(hex("sha512", password), stored.toLowerCase());
  else if (/^[0-9a-f]{40}$/i.test(stored)) ok = sameText(hex("sha1", password), stored.toLowerCase());
  else if (
    /^[./0-9A-Za-z]{13}$/.test(stored) &&
    sameText(unixCrypt(utf8Bytes(password), stored.slice(0, 2)), stored)
  )
    ok = true;
  else ok = sameText(password, stored); // OTOBO's CryptType "plain"
  // A fast legacy check that fails still spends an Argon2id check's time: it tells nothing either.
  if (!ok) await verifyDummy(password);
  return { ok, needsRehash: ok && needsRehash };
}

const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_!@#%+=";

/** A strong random password (20 characters, ~120 bits), returned once on create (differs: OTOBO never generated one). */
export function generatePassword(length = 20): string {
  let out = "";
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}
