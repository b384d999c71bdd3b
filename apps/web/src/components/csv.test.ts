import { describe, expect, test } from "vitest";
import { toCsv } from "./csv";

describe("CSV of a list", () => {
  test("plain cells stay plain; delimiters, quotes and line breaks are quoted", () => {
    expect(
      toCsv(
        ["Login", "Name"],
        [
          ["anna", "Anna, de Vries"],
          ["bob", 'Bob "B" Smith\nline 2'],
        ],
      ),
    ).toBe('Login,Name\r\nanna,"Anna, de Vries"\r\nbob,"Bob ""B"" Smith\nline 2"\r\n');
    expect(toCsv(["a"], [["x;y"]], ";")).toBe('a\r\n"x;y"\r\n');
  });

  test("cells a spreadsheet would run as formulas are neutralised", () => {
    expect(toCsv(["v"], [["=HYPERLINK(1)"], ["+1"], ["-2"], ["@SUM(A1)"], ["ok=1"]])).toBe(
      "v\r\n'=HYPERLINK(1)\r\n'+1\r\n'-2\r\n'@SUM(A1)\r\nok=1\r\n",
    );
  });
});
