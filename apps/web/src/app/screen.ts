import { type ComponentType, lazy } from "react";

type ScreenModule = { default: ComponentType };

/**
 * A screen in a chunk of its own; `preload` starts fetching the chunk before the screen renders.
 * React.lazy suspends on its first render even when the chunk is already there (a promise's
 * callbacks run later), and a route that suspended shows "Loading…" and is then held back (React
 * reveals content no sooner than 300 ms after a fallback). A chunk fetched ahead is therefore handed
 * to React at once, through a thenable that answers synchronously.
 */
export function screen(load: () => Promise<ScreenModule>) {
  let loaded: ScreenModule | undefined;
  const preload = () =>
    load().then((module) => {
      loaded = module;
      return module;
    });
  const Screen = lazy(() => {
    if (!loaded) return preload();
    const module = loaded;
    // biome-ignore lint/suspicious/noThenProperty: React.lazy reads a thenable; this one answers at once
    return { then: (resolve: (value: ScreenModule) => void) => resolve(module) } as Promise<ScreenModule>;
  });
  return Object.assign(Screen, { preload });
}
