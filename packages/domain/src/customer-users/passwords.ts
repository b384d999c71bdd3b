/// <reference path="../vendor.d.ts" />
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { hash as argon2Hash, verify as argon2Verify } from "@node-rs/argon2";
import apacheMd5 from "apache-md5";
import bcrypt from "bcryptjs";
import unixCrypt from "unix-crypt-td-js";

/** New hashes are Argon2id (OWASP's first choice); OTOBO's formats are only ever verified. */
export function hashPassword(password: string): Promise<string> {
  // 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot read).
  return argon2Hash(password, { algorithm: 2 });
}

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash is a legacy format and should be replaced with Argon2id after a successful check. */
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
function verifyOtoboBcrypt(stored: string, password: string): boolean {
  const [, cost, salt, expected] = stored.split(":");
  if (!cost || !salt || !expected || salt.length !== 16) return false;
  const standardSalt = `$2a$${cost.padStart(2, "0")}$${bcryptBase64(Buffer.from(salt, "latin1")).slice(0, 22)}`;
  const computed = bcrypt.hashSync(password, standardSalt);
  return sameText(computed.slice(29), expected);
}

/**
 * Verifies a password against any format OTOBO/Znuny may have stored (docs/domain.md §Customer users):
 * Argon2id, bcrypt, OTOBO's BCRYPT:…, md5-crypt ($1$), apr1, DES crypt, hex sha256/sha1/sha512, plain.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<PasswordCheck> {
  if (!stored || password === "") return { ok: false, needsRehash: false };
  if (stored.startsWith("$argon2")) {
    return { ok: await argon2Verify(stored, password).catch(() => false), needsRehash: false };
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
  return { ok, needsRehash: ok };
}

const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_!@#%+=";

/** A strong random password (20 characters, ~120 bits), returned once on create (differs: OTOBO never generated one). */
export function generatePassword(length = 20): string {
  let out = "";
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}
