import { describe, expect, test } from "vitest";
import { changesOf, validStateOf } from "./changes";

describe("what a history entry changed", () => {
  test("an update lists only the fields that differ, before → after", () => {
    expect(
      changesOf(
        JSON.stringify({ UserFirstname: "Ada", UserCity: "Lagos", validId: 1 }),
        JSON.stringify({ UserFirstname: "Adaeze", UserCity: "Lagos", validId: 2 }),
      ),
    ).toEqual([
      { field: "UserFirstname", before: "Ada", after: "Adaeze" },
      { field: "validId", before: "1", after: "2" },
    ]);
  });

  test("a create has no before; an emptied field has no after", () => {
    expect(changesOf(null, JSON.stringify({ name: "support", comment: "" }))).toEqual([
      { field: "name", before: null, after: "support" },
    ]);
    expect(changesOf(JSON.stringify({ comment: "x" }), JSON.stringify({ comment: null }))).toEqual([
      { field: "comment", before: "x", after: null },
    ]);
  });

  test("a replaced set is one change of the whole value", () => {
    expect(changesOf(JSON.stringify(["A"]), JSON.stringify(["A", "B"]))).toEqual([
      { field: "", before: '["A"]', after: '["A","B"]' },
    ]);
    expect(changesOf(JSON.stringify(["A"]), JSON.stringify(["A"]))).toEqual([]);
  });

  test("validity ids read as states", () => {
    expect(validStateOf("ValidID", "2")).toBe("INVALID");
    expect(validStateOf("validId", "3")).toBe("INVALID_TEMPORARILY");
    expect(validStateOf("UserCity", "2")).toBeNull();
    expect(validStateOf("ValidID", null)).toBeNull();
  });
});
