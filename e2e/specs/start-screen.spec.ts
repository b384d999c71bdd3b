import { uniqueName } from "../fixtures/env";
import { expect, test } from "../fixtures/test";
import { adminApi, createCustomer } from "../pages/assignment-screen";
import { CustomerUsersPage } from "../pages/customer-users-page";

const CREATE = `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`;

// The app opened on the customer-user list (a bookmark, the start page): what the first load shows.
test.describe("starting on the customer-user list", () => {
  // At least one user to list, whichever specs ran before.
  test.beforeAll(async ({ browser }) => {
    const { api, close } = await adminApi(browser);
    const customerId = await createCustomer(
      api,
      uniqueName("START").toUpperCase(),
      uniqueName("Start Company"),
    );
    const login = uniqueName("start.user");
    await api(CREATE, {
      input: {
        login,
        firstName: "Start",
        lastName: "User",
        email: `${login}@example.com`,
        customerId,
        password: "Start-Test-123",
      },
    });
    await close();
  });

  test("its rows appear with all their columns at once, never with fewer columns first", async ({
    admin,
  }) => {
    // Every header row the table had while it listed users, from the page's first mutation on.
    await admin.addInitScript(() => {
      const seen: string[][] = [];
      (window as unknown as { listedHeaders: string[][] }).listedHeaders = seen;
      new MutationObserver(() => {
        const table = document.querySelector("table.data-table");
        if (Number(table?.getAttribute("aria-rowcount") ?? 0) <= 1) return;
        // Array.from, not a spread: the function is sent to the page as its source text.
        const headers = Array.from(table?.querySelectorAll("thead th") ?? [], (th) => th.textContent ?? "");
        if (seen.at(-1)?.join("|") !== headers.join("|")) seen.push(headers);
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const list = new CustomerUsersPage(admin);
    await list.goto();
    // A column of the backend's map: the list has its columns once it is there.
    await expect(list.table.getByRole("columnheader", { name: /Email/ })).toBeVisible();
    await expect(list.table.getByRole("row").nth(1).getByRole("link").first()).toBeVisible();
    const listed = await admin.evaluate(
      () => (window as unknown as { listedHeaders: string[][] }).listedHeaders,
    );
    expect(listed).toHaveLength(1);
  });

  test("the page preloads the list's chunks on the list's paths only", async ({ admin }) => {
    const page = async (path: string) => {
      const html = await (await admin.request.get(path)).text();
      const entry = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
      const preloads = [...html.matchAll(/rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
      return { entry, preloads };
    };
    const { entry, preloads } = await page("/customer-users");
    expect(preloads.length).toBeGreaterThan(0);
    expect((await page("/")).preloads).toEqual(preloads);
    expect((await page("/customers")).preloads).toEqual([]);
    // They are the chunks the list needs: opening it asks for no script but the entry and them.
    const scripts: string[] = [];
    admin.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    const list = new CustomerUsersPage(admin);
    await list.goto();
    await expect(list.table.getByRole("row").nth(1).getByRole("link").first()).toBeVisible();
    expect(scripts).toContain(entry);
    expect(scripts.filter((s) => s !== entry && !preloads.includes(s))).toEqual([]);
  });
});
