import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_LIMITS, parseConfig } from "../../src";

const backends = [{ module: "db" }];

describe("the limits: section of the configuration file", () => {
  it("defaults to API.md §Limits", () => {
    expect(parseConfig({ backends }).limits).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toMatchObject({
      depth: 12,
      aliases: 30,
      tokens: 5000,
      cost: 50_000,
      bodyBytes: 2 * 1024 * 1024,
      maxLimit: 10_000,
    });
  });

  it("takes each limit on its own and keeps the defaults for the rest", () => {
    expect(parseConfig({ backends, limits: { depth: 8, cost: 1000 } }).limits).toEqual({
      ...DEFAULT_LIMITS,
      depth: 8,
      cost: 1000,
    });
  });

  it("names the key of a wrong or unknown limit", () => {
    expect(() => parseConfig({ backends, limits: { depth: 0 } })).toThrow(ConfigError);
    expect(() => parseConfig({ backends, limits: { depth: 0 } })).toThrow(/limits\.depth/);
    expect(() => parseConfig({ backends, limits: { tokens: "many" } })).toThrow(/limits\.tokens/);
    expect(() => parseConfig({ backends, limits: { dept: 5 } })).toThrow(/limits.*dept/);
  });
});
