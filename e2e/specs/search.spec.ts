import { uniqueName } from "../fixtures/env";
import { expect, test } from "../fixtures/test";
import { adminApi, createCustomer } from "../pages/assignment-screen";
import { CustomerUsersPage } from "../pages/customer-users-page";

const CREATE = `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`;

// The run's own users: every login ends in this spec's tag, so a search with the tag finds only them.
const TAG = uniqueName("s").replace("-", "");
const login = (name: string) => `${name}.${TAG}`;

test.describe("customer user search", () => {
  test.beforeAll(async ({ browser }) => {
    const { api, close } = await adminApi(browser);
    const customerId = await createCustomer(api, `SEARCH-${TAG}`.toUpperCase(), uniqueName("Search Company"));
    for (const [firstName, lastName] of [
      ["Jan", "Jansen"],
      ["Piet", "Jansen"],
      ["Janine", "Bakker"],
    ] as const) {
      const user = login(`${firstName}.${lastName}`.toLowerCase());
      await api(CREATE, {
        input: {
          login: user,
          firstName,
          lastName,
          email: `${user}@example.com`,
          customerId,
          password: "Search-Test-123",
        },
      });
    }
    await close();
  });

  test("a wildcard search, started with Enter, is kept in the URL", async ({ admin }) => {
    const list = new CustomerUsersPage(admin);
    const term = `pi*sen.${TAG}`;
    await list.goto();
    await list.searchFor(term);
    await expect(admin).toHaveURL(new RegExp(`\\?search=pi\\*sen\\.${TAG}$`));
    await expect(admin).toHaveTitle(`Customer user management: ${term} · Clientele`);
    await expect(list.count).toHaveText("1 customer user found");
    await expect.poll(() => list.logins()).toEqual([login("piet.jansen")]);

    // The URL alone reproduces the result (deep link), and the box shows the term.
    await admin.reload();
    await expect(list.search).toHaveValue(term);
    await expect.poll(() => list.logins()).toEqual([login("piet.jansen")]);
  });

  test("two words must both match (OTOBO would look for the phrase)", async ({ admin }) => {
    const list = new CustomerUsersPage(admin);
    await list.goto();
    await list.searchFor(`jansen ${TAG}`, "button");
    await expect(list.count).toHaveText("2 customer users found");
    await expect.poll(() => list.logins()).toEqual([login("jan.jansen"), login("piet.jansen")]);

    await list.searchFor(`piet jansen ${TAG}`);
    await expect(list.count).toHaveText("1 customer user found");
    await expect.poll(() => list.logins()).toEqual([login("piet.jansen")]);

    await list.searchFor(`janine bakker ${TAG}`);
    await expect(list.count).toHaveText("1 customer user found");
    await expect.poll(() => list.logins()).toEqual([login("janine.bakker")]);

    // Back returns to the previous search.
    await admin.goBack();
    await expect(list.search).toHaveValue(`piet jansen ${TAG}`);
    await expect(list.count).toHaveText("1 customer user found");
  });

  test("no match says so", async ({ admin }) => {
    const list = new CustomerUsersPage(admin);
    await list.goto("nobody-by-this-name");
    await expect(list.table.getByText("No customer user matches “nobody-by-this-name”.")).toBeVisible();
  });

  test("columns sort on click", async ({ admin }) => {
    const list = new CustomerUsersPage(admin);
    await list.goto(`jansen ${TAG}`);
    await expect.poll(() => list.logins()).toEqual([login("jan.jansen"), login("piet.jansen")]);
    await list.table.getByRole("button", { name: "Username" }).click();
    await expect.poll(() => list.logins()).toEqual([login("piet.jansen"), login("jan.jansen")]);
    await expect(list.table.getByRole("columnheader", { name: "Username" })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
  });
});
