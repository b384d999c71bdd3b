import { createHash, randomInt } from "node:crypto";
import { createRequire } from "node:module";
import bcrypt from "bcryptjs";

/**
 * A test oracle: OTOBO's password check (Kernel/System/CustomerAuth/DB.pm, and Auth/DB.pm for
 * agents, which branches the same way) re-told in TypeScript. It picks the method by the shape of
 * the stored value exactly as OTOBO does, so a hash OTOBO would route to the wrong method (say an
 * Argon2id `$argon2id$…`, which OTOBO treats as MD5-crypt) fails here as it would fail in OTOBO.
 */
const require = createRequire(import.meta.url);
const md5Crypt = require("apache-md5") as (password: string, salt: string) => string;
const desCrypt = require("unix-crypt-td-js") as (password: string, salt: string) => string;

/** Perl's EncodeOutput: the UTF-8 octets, one per char, as the crypt functions read them. */
const octets = (text: string): string => Buffer.from(text, "utf8").toString("latin1");
const hexDigest = (algorithm: string, password: string): string =>
  createHash(algorithm).update(password, "utf8").digest("hex");

const BCRYPT_CHARS = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Crypt::Eksblowfish::Bcrypt::en_base64. */
function enBase64(bytes: Buffer): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const c1 = bytes[i++]!;
    out += BCRYPT_CHARS[c1 >> 2];
    let c = (c1 & 0x03) << 4;
    if (i >= bytes.length) {
      out += BCRYPT_CHARS[c];
      break;
    }
    const c2 = bytes[i++]!;
    out += BCRYPT_CHARS[c | (c2 >> 4)];
    c = (c2 & 0x0f) << 2;
    if (i >= bytes.length) {
      out += BCRYPT_CHARS[c];
      break;
    }
    const c3 = bytes[i++]!;
    out += BCRYPT_CHARS[c | (c3 >> 6)];
    out += BCRYPT_CHARS[c3 & 0x3f];
  }
  return out;
}

/**
 * Crypt::Eksblowfish::Bcrypt::bcrypt_hash({ key_nul => 1, cost, salt }, password) followed by
 * en_base64: bcrypt over the password with its NUL, a 16-octet salt taken as raw bytes.
 */
export function otoboBcryptHash(password: string, cost: number, salt: string): string {
  const standardSalt = `$2a$${String(cost).padStart(2, "0")}$${enBase64(Buffer.from(salt, "latin1")).slice(0, 22)}`;
  return bcrypt.hashSync(password, standardSalt).slice(29);
}

/** OTOBO's check: true when OTOBO would sign `login` in with `password` against `stored`. */
export function otoboVerifies(stored: string | null, password: string, login: string): boolean {
  if (stored === null || stored === "") return false;
  let crypted: string;
  if (!/^.{13}$/s.test(stored)) {
    const md5 = /^\$(.+?)\$(.+?)\$.*$/s.exec(stored);
    if (md5) {
      const magic = `$${md5[1]}$`;
      const salt = md5[2]!;
      crypted = md5Crypt(octets(password), `${magic === "$apr1$" ? "$apr1$" : "$1$"}${salt}$`);
    } else if (/^[0-9a-f]{64}$/i.test(stored)) crypted = hexDigest("sha256", password);
    else if (/^[0-9a-f]{128}$/i.test(stored)) crypted = hexDigest("sha512", password);
    else if (stored.startsWith("BCRYPT:")) {
      const parts = /^BCRYPT:(\d+):(.{16}):(.*)$/s.exec(stored);
      if (!parts) return false;
      const cost = Number(parts[1]);
      crypted = `BCRYPT:${parts[1]}:${parts[2]}:${otoboBcryptHash(password, cost, parts[2]!)}`;
    } else if (/^[0-9a-f]{40}$/i.test(stored)) crypted = hexDigest("sha1", password);
    else crypted = desCrypt(octets(password), octets(login));
  } else {
    crypted = desCrypt(octets(password), stored.startsWith("$") ? stored : stored.slice(0, 2));
  }
  return crypted === stored;
}

/** Every stored format OTOBO and its predecessors wrote, for fixture rows. */
export const legacyHashes = {
  sha256: (pw: string) => hexDigest("sha256", pw),
  sha512: (pw: string) => hexDigest("sha512", pw),
  sha1: (pw: string) => hexDigest("sha1", pw),
  md5: (pw: string) => md5Crypt(octets(pw), "$1$k3Ys4lt9$"),
  apr1: (pw: string) => md5Crypt(octets(pw), "$apr1$Qx7vB2mn$"),
  crypt: (pw: string) => desCrypt(octets(pw), "xY"),
  bcrypt: (pw: string) => {
    let salt = "";
    for (let i = 0; i < 16; i++) salt += BCRYPT_CHARS.slice(2)[randomInt(62)];
    return `BCRYPT:9:${salt}:${otoboBcryptHash(pw, 9, salt)}`;
  },
} as const;
