import { describe, expect, test } from "vitest";
import { BadInputError } from "../src/errors";
import { comparePositions, decodeCursor, encodeCursor, positionOf } from "../src/shared/cursor";

/** Cursors of the paged lists (docs/api.md §Cursor paging): opaque, exact, and refused when forged. */

const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function refusal(run: () => unknown): BadInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadInputError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("cursors", () => {
  test("a cursor names its position exactly, keys in other case and unicode included", () => {
    for (const key of [
      "john",
      "John",
      "JOHN",
      "Jörg.Müller@example.com",
      "😀-user",
      "a\"b'c\\d",
      "x".repeat(191),
    ]) {
      const cursor = encodeCursor("customerUser", positionOf(key));
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor("customerUser", cursor)).toEqual({ lower: key.toLowerCase(), key });
    }
    expect(decodeCursor("customerUser", null)).toBeNull();
    expect(decodeCursor("customer", undefined)).toBeNull();
  });

  test("positions order case-insensitively, ties by the key as stored", () => {
    const keys = ["b", "A", "a", "B", "ab", "Ab", "_x", "z"];
    const sorted = [...keys].sort((x, y) => comparePositions(positionOf(x), positionOf(y)));
    expect(sorted).toEqual(["_x", "A", "a", "Ab", "ab", "B", "b", "z"]); // byte order of the lower-cased key: "_" < "a"
  });

  test("anything this server did not hand out is BAD_USER_INPUT naming the argument", () => {
    const bad = [
      "",
      "!",
      "a b",
      "x".repeat(5000),
      Buffer.from("{").toString("base64url"),
      forged(null),
      forged(7),
      forged([]),
      forged({ t: "customerUser", l: "a" }),
      forged({ t: "customerUser", l: "a", k: "b" }),
      forged({ t: "customerUser", l: "", k: "" }),
      forged({ t: "customerUser", l: "a\u0000", k: "a\u0000" }),
      forged({ t: "customerUser", l: "a\n", k: "a\n" }),
      forged({ t: "customerUser", l: "\udc00", k: "\udc00" }),
      forged({ t: "customerUser", l: "y".repeat(1001), k: "y".repeat(1001) }),
      encodeCursor("customer", positionOf("ACME")),
    ];
    for (const cursor of bad) {
      const error = refusal(() => decodeCursor("customerUser", cursor));
      expect(error.field).toBe("after");
      expect(error.code).toBe("BAD_USER_INPUT");
    }
    expect(refusal(() => decodeCursor("customer", "nope", "customersAfter")).field).toBe("customersAfter");
  });
});
