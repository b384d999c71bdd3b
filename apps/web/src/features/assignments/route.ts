import { useSearchParams } from "react-router";

export interface DirectionSpec<By extends string> {
  by: By;
  /** The URL parameter holding the picked item, e.g. `customerUser` or `group`. */
  param: string;
}

/** Which direction the screen shows and which item is picked, both read from the URL (deep links). */
export function usePick<By extends string>(
  directions: readonly [DirectionSpec<By>, DirectionSpec<By>],
): { by: By; picked: string | null } {
  const [params] = useSearchParams();
  for (const d of directions) {
    const value = params.get(d.param);
    if (value) return { by: d.by, picked: value };
  }
  const by = directions.find((d) => d.by === params.get("by"))?.by ?? directions[0].by;
  return { by, picked: null };
}

export function pickHref(path: string, param: string, id: string): string {
  return `${path}?${new URLSearchParams({ [param]: id }).toString()}`;
}

export function directionHref(path: string, by: string): string {
  return `${path}?by=${encodeURIComponent(by)}`;
}
