import { afterEach, describe, expect, test } from "vitest";
import { listUrl, rememberListUrl } from "./list-return";
import { formatSort, parseSort } from "./search-results";

afterEach(() => sessionStorage.clear());

describe("list state in the URL", () => {
  test("sort round-trips through ?sort=", () => {
    expect(parseSort("login")).toEqual({ id: "login", desc: false });
    expect(parseSort("-UserEmail")).toEqual({ id: "UserEmail", desc: true });
    expect(parseSort(null)).toBeNull();
    expect(parseSort("-")).toBeNull();
    for (const s of [
      { id: "city", desc: true },
      { id: "login", desc: false },
    ])
      expect(parseSort(formatSort(s))).toEqual(s);
    expect(formatSort(null)).toBeNull();
  });

  test("a form goes back to the list as it was left, and only to that list", () => {
    expect(listUrl("/customer-users")).toBe("/customer-users");
    rememberListUrl("/customer-users", "/customer-users?search=okafor&sort=-login");
    expect(listUrl("/customer-users")).toBe("/customer-users?search=okafor&sort=-login");
    expect(listUrl("/customers")).toBe("/customers");
    // Something else stored under the key is never followed.
    rememberListUrl("/customers", "https://elsewhere.example/customers");
    expect(listUrl("/customers")).toBe("/customers");
    rememberListUrl("/groups", "/groups-elsewhere");
    expect(listUrl("/groups")).toBe("/groups");
  });
});
