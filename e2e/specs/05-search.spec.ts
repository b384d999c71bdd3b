import { expect, test } from "../fixtures/test";
import { CustomerUsersPage } from "../pages/customer-users-page";

const CREATE = `mutation($input: CustomerUserInput!) { createCustomerUser(input: $input) { customerUser { login } } }`;

test.describe("customer user search", () => {
  test.beforeAll(async ({ browser }) => {
    // Seeded through the API as an admin; the users from the previous spec are there too.
    const { ADMIN_LOGIN, ADMIN_PASSWORD } = await import("../fixtures/env");
    const { graphql } = await import("../fixtures/graphql-client");
    const context = await browser.newContext();
    const request = context.request;
    await graphql(
      request,
      "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }",
      {
        l: ADMIN_LOGIN,
        p: ADMIN_PASSWORD,
      },
    );
    for (const [firstName, lastName, customerId] of [
      ["Jan", "Jansen", "GLOBEX"],
      ["Piet", "Jansen", "GLOBEX"],
      ["Janine", "Bakker", "ACME"],
    ] as const) {
      const login = `${firstName}.${lastName}`.toLowerCase();
      const result = await graphql(request, CREATE, {
        input: {
          login,
          firstName,
          lastName,
          email: `${login}@example.com`,
          customerId,
          password: "Search-Test-123",
        },
      });
      expect(result.errors).toBeUndefined();
    }
    await context.close();
  });

  test("a wildcard search, started with Enter, is kept in the URL", async ({ admin }) => {
    const list = new CustomerUsersPage(admin);
    await list.goto();
    await list.searchFor("pi*sen");
    await expect(admin).toHaveURL(/\?search=pi\*sen$/);
    await expect(admin).toHaveTitle("Customer user management: pi*sen · Clientele");
    await expect(list.count).toHaveText("1 customer user found");
    await expect.poll(() => list.logins()).toEqual(["piet.jansen"]);

    // The URL alone reproduces the result (deep link), and the box shows the term.
    await admin.reload();
    await expect(list.search).toHaveValue("pi*sen");
    await expect.poll(() => list.logins()).toEqual(["piet.jansen"]);
  });

  test("two words must both match (OTOBO would look for the phrase)", async ({ admin }) => {
    const list = new CustomerUsersPage(admin);
    await list.goto();
    await list.searchFor("jansen", "button");
    await expect(list.count).toHaveText("2 customer users found");
    await expect.poll(() => list.logins()).toEqual(["jan.jansen", "piet.jansen"]);

    await list.searchFor("piet jansen");
    await expect(list.count).toHaveText("1 customer user found");
    await expect.poll(() => list.logins()).toEqual(["piet.jansen"]);

    await list.searchFor("jane doe");
    await expect(list.count).toHaveText("1 customer user found");
    await expect.poll(() => list.logins()).toEqual(["jane.doe"]);

    // Back returns to the previous search.
    await admin.goBack();
    await expect(list.search).toHaveValue("piet jansen");
    await expect(list.count).toHaveText("1 customer user found");
  });

  test("no match says so", async ({ admin }) => {
    const list = new CustomerUsersPage(admin);
    await list.goto("nobody-by-this-name");
    await expect(list.table.getByText("No customer user matches “nobody-by-this-name”.")).toBeVisible();
  });

  test("columns sort on click", async ({ admin }) => {
    const list = new CustomerUsersPage(admin);
    await list.goto("jansen");
    await expect.poll(() => list.logins()).toEqual(["jan.jansen", "piet.jansen"]);
    await list.table.getByRole("button", { name: "Username" }).click();
    await expect.poll(() => list.logins()).toEqual(["piet.jansen", "jan.jansen"]);
    await expect(list.table.getByRole("columnheader", { name: "Username" })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
  });
});
