import { act, screen as dom, render } from "@testing-library/react";
import { Suspense } from "react";
import { describe, expect, test } from "vitest";
import { screen } from "./screen";

function Page() {
  return <p>the page</p>;
}

describe("a screen's chunk fetched ahead", () => {
  test("renders at once, without the Suspense fallback", async () => {
    const Screen = screen(async () => ({ default: Page }));
    await Screen.preload();
    act(() => {
      render(
        <Suspense fallback={<p>Loading…</p>}>
          <Screen />
        </Suspense>,
      );
    });
    expect(dom.queryByText("Loading…")).toBeNull();
    expect(dom.getByText("the page")).toBeTruthy();
  });

  test("a screen not fetched ahead shows the fallback until its chunk arrives", async () => {
    let arrive: (module: { default: typeof Page }) => void = () => {};
    const Screen = screen(() => new Promise((resolve) => (arrive = resolve)));
    act(() => {
      render(
        <Suspense fallback={<p>Loading…</p>}>
          <Screen />
        </Suspense>,
      );
    });
    expect(dom.getByText("Loading…")).toBeTruthy();
    await act(async () => arrive({ default: Page }));
    expect(await dom.findByText("the page")).toBeTruthy();
  });
});
