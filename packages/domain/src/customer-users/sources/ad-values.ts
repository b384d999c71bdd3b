/**
 * Active Directory's binary identifiers and times as strings: objectGUID (16 bytes, the first
 * three groups little-endian) as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, objectSid as `S-1-5-…`,
 * FILETIME (100 ns since 1601-01-01) as Unix milliseconds.
 */

export function guidFromBytes(bytes: Buffer): string {
  if (bytes.length !== 16) return bytes.toString("hex");
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = Buffer.from(bytes.subarray(from, to));
    return (reverse ? part.reverse() : part).toString("hex");
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)].join("-");
}

export function guidToBytes(guid: string): Buffer {
  const [a = "", b = "", c = "", d = "", e = ""] = guid.split("-");
  const le = (h: string) => Buffer.from(h, "hex").reverse();
  return Buffer.concat([le(a), le(b), le(c), Buffer.from(d + e, "hex")]);
}

export function sidFromBytes(bytes: Buffer): string {
  if (bytes.length < 8) return bytes.toString("hex");
  const revision = bytes[0] ?? 0;
  const count = bytes[1] ?? 0;
  const authority = bytes.readUIntBE(2, 6);
  const parts = [`S-${revision}-${authority}`];
  for (let i = 0; i < count && 8 + i * 4 + 4 <= bytes.length; i++)
    parts.push(String(bytes.readUInt32LE(8 + i * 4)));
  return parts.join("-");
}

export function sidToBytes(sid: string): Buffer {
  const [, revision = "1", authority = "0", ...subs] = sid.toUpperCase().split("-");
  const bytes = Buffer.alloc(8 + subs.length * 4);
  bytes[0] = Number(revision);
  bytes[1] = subs.length;
  bytes.writeUIntBE(Number(authority), 2, 6);
  subs.forEach((sub, i) => {
    bytes.writeUInt32LE(Number(sub) >>> 0, 8 + i * 4);
  });
  return bytes;
}

const FILETIME_UNIX_EPOCH = 116_444_736_000_000_000n;

/** FILETIME → Unix ms; null for an empty or unparsable value. */
export function fileTimeToMs(value: string | undefined): number | null {
  if (!value || !/^-?\d+$/.test(value)) return null;
  return Number((BigInt(value) - FILETIME_UNIX_EPOCH) / 10_000n);
}
