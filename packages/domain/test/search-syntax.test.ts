import { describe, expect, test } from "vitest";
import { applyAffixes, parseSearch, toSqlLike } from "../src/search/search-syntax";

const words = (input: string) =>
  parseSearch(input)?.groups.map((g) => g.map((w) => `${w.negated ? "!" : ""}${w.text}`)) ?? null;

describe("search syntax", () => {
  test.each([
    ["", null],
    ["   ", null],
    ["john", [["john"]]],
    ["john doe", [["john", "doe"]]],
    ["john+doe", [["john", "doe"]]],
    ["john AND doe", [["john", "doe"]]],
    ['"john doe"', [["john doe"]]],
    ['!"john doe" x', [["!john doe", "x"]]],
    ["john OR jane", [["john"], ["jane"]]],
    ["a b OR c", [["a", "b"], ["c"]]],
    ["OR a", [["a"]]],
    ["!x", [["!x"]]],
    ["!", null],
    ["jo*n", [["jo*n"]]],
    ["100% under_score", [["100%", "under_score"]]],
    ['"unterminated phrase', [["unterminated phrase"]]],
  ])("%j", (input, expected) => {
    expect(words(input)).toEqual(expected);
  });

  test("prefix/suffix and collapsed wildcards", () => {
    expect(applyAffixes({ text: "x", negated: false }, "*", "*")).toBe("*x*");
    expect(applyAffixes({ text: "*x**", negated: false }, "*", "*")).toBe("*x*");
    expect(applyAffixes({ text: "x", negated: false }, "", "*")).toBe("x*");
  });

  test("SQL LIKE keeps %, _ and \\ literal", () => {
    expect(toSqlLike("*10%_a\\b*")).toBe("%10\\%\\_a\\\\b%");
  });

  test("oversized input is refused naming the field", () => {
    expect(() => parseSearch("x".repeat(501))).toThrow(expect.objectContaining({ field: "search" }));
    expect(() => parseSearch(Array.from({ length: 40 }, (_, i) => `w${i}`).join(" "))).toThrow(
      /Too many words/,
    );
  });
});
