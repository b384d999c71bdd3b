import { describe, expect, test } from "vitest";
import { compareText } from "../src/shared/text";

/** The order compareText promises, spelled out. */
const reference = (a: string, b: string) => {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

const SAMPLES = [
  "",
  "a",
  "A",
  "ab",
  "aB",
  "Ab",
  "abc",
  "abd",
  "ab-c",
  "ab_c",
  "ab~",
  "ab[",
  "ab`",
  "admin",
  "Admin",
  "ADMIN",
  "admins",
  "john.smith1",
  "John.Smith10",
  "john.smith2",
  "Müller",
  "müller",
  "Mueller",
  "Muller",
  "Møller",
  "ÄRGER",
  "ärger",
  "arger",
  "ΑΣ",
  "ΑΣ~",
  "ΑΣa",
  "ΑΣB",
  "ας",
  "İstanbul",
  "istanbul",
  "i̇stanbul",
  "straße",
  "STRASSE",
  "Zoë",
  "zoe",
  "日本",
  "😀a",
  "a😀",
  "Z",
  "z",
  "[",
  "_",
];

describe("compareText", () => {
  test("orders every pair of the samples exactly as comparing the lower-cased strings, then the strings", () => {
    for (const a of SAMPLES) {
      for (const b of SAMPLES) expect([a, b, compareText(a, b)]).toEqual([a, b, reference(a, b)]);
    }
  });

  test("random ASCII and non-ASCII strings sort the same as the reference", () => {
    const alphabet = "aAbBzZ09 -_.[]~`@ÄäßΣσςİı😀";
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const word = () =>
      Array.from(
        { length: Math.floor(random() * 6) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join("");
    const words = Array.from({ length: 2000 }, word);
    expect([...words].sort(compareText)).toEqual([...words].sort(reference));
  });
});
