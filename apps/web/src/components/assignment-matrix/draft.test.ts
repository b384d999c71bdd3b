import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type Assignments, useMatrixDraft } from "./draft";

const saved: Assignments = new Map([
  ["support", new Set(["RW"])],
  ["billing", new Set(["RO"])],
]);

describe("useMatrixDraft", () => {
  it("shows the saved ticks and is clean until something changes", () => {
    const { result } = renderHook(() => useMatrixDraft(saved));
    expect([...result.current.get("support")]).toEqual(["RW"]);
    expect(result.current.get("stats").size).toBe(0);
    expect(result.current.dirty).toBe(false);
    expect(result.current.tickedCount).toBe(2);
  });

  it("keeps changes locally, counts ticked rows, and a row changed back is no change", () => {
    const { result } = renderHook(() => useMatrixDraft(saved));
    act(() => result.current.set(["stats"], "RO", true));
    expect(result.current.dirty).toBe(true);
    expect(result.current.tickedCount).toBe(3);
    act(() => result.current.set(["stats"], "RO", false));
    expect(result.current.dirty).toBe(false);
    expect(result.current.tickedCount).toBe(2);
  });

  it("the result is the whole set to save: saved rows plus changes, empty rows left out", () => {
    const { result } = renderHook(() => useMatrixDraft(saved));
    act(() => result.current.set(["billing"], "RO", false));
    act(() => result.current.set(["stats", "users"], "RW", true));
    const all = result.current.result();
    expect([...all.keys()].sort()).toEqual(["stats", "support", "users"]);
    expect([...(all.get("support") ?? [])]).toEqual(["RW"]);
    expect(result.current.tickedCount).toBe(3);
  });

  it("select all over 10,000 rows is one state change", () => {
    const { result } = renderHook(() => useMatrixDraft(new Map()));
    const rows = Array.from({ length: 10_000 }, (_, i) => `user${i}`);
    act(() => result.current.set(rows, "assigned", true));
    expect(result.current.tickedCount).toBe(10_000);
    act(() => result.current.discard());
    expect(result.current.tickedCount).toBe(0);
    expect(result.current.dirty).toBe(false);
  });
});
