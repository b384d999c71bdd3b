import { act, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { changeLanguage } from "../../app/i18n";
import { useMutedLabel } from "./lists";

afterEach(async () => {
  await act(() => changeLanguage("en"));
});

describe("useMutedLabel", () => {
  it("keeps one function while the language stays and follows a language switch", async () => {
    await act(() => changeLanguage("en"));
    const { result, rerender } = renderHook(() => useMutedLabel());
    const first = result.current;
    expect(first("VALID")).toBeNull();
    expect(first("INVALID")).toBe("invalid");

    rerender();
    expect(result.current).toBe(first);

    await act(() => changeLanguage("nl"));
    expect(result.current).not.toBe(first);
    expect(result.current("INVALID")).toBe("ongeldig");
    expect(result.current("INVALID_TEMPORARILY")).toBe("tijdelijk ongeldig");
  });
});
