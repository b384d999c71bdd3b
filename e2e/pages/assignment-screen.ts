import type { Browser, Locator, Page } from "@playwright/test";
import { ADMIN_LOGIN, ADMIN_PASSWORD } from "../fixtures/env";
import { graphql } from "../fixtures/graphql-client";

/** One of the four assignment screens (or Edit default services): picker on the left, matrix on the right. */
export class AssignmentScreen {
  readonly save: Locator;
  readonly saveAndFinish: Locator;
  readonly discard: Locator;
  readonly unsaved: Locator;
  /** Shown once a save went through (and before any tick). */
  readonly noChanges: Locator;
  readonly ticked: Locator;
  readonly shown: Locator;
  readonly leaveDialog: Locator;

  constructor(readonly page: Page) {
    this.save = page.getByRole("button", { name: "Save", exact: true });
    this.saveAndFinish = page.getByRole("button", { name: "Save and finish" });
    this.discard = page.getByRole("button", { name: "Discard changes" });
    this.unsaved = page.getByText("Unsaved changes", { exact: true });
    this.noChanges = page.getByText("No unsaved changes", { exact: true });
    this.ticked = page.getByText(/^[\d,]+ ticked$/);
    this.shown = page.getByText(/^[\d,]+ shown$/);
    this.leaveDialog = page.getByRole("dialog", { name: "Leave without saving?" });
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(path);
  }

  /** The direction switch above the picker ("By customer user", "By group", …). */
  direction(name: string): Locator {
    return this.page.getByRole("navigation", { name: "Direction" }).getByRole("link", { name, exact: true });
  }

  /** Searches the left-hand list (its search box is labelled e.g. "Search customer users") and picks an item. */
  async pick(searchLabel: string, item: string): Promise<void> {
    await this.page.getByRole("searchbox", { name: searchLabel }).fill(item);
    await this.pickerItem(item).click();
  }

  pickerItem(item: string): Locator {
    const escaped = item.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return this.page.getByRole("list").getByRole("link", { name: new RegExp(`^${escaped}(\\s|$)`) });
  }

  /** The matrix's filter box, e.g. "Filter groups". */
  filter(label: string): Locator {
    return this.page.getByRole("searchbox", { name: label });
  }

  /** A single-column list names its boxes by the row ("REL-B"); a matrix by column and row ("RW for support"). */
  box(name: string): Locator {
    return this.page.getByRole("region").getByRole("checkbox", { name, exact: true });
  }

  selectAllShown(column?: string): Locator {
    return this.box(column ? `Select all shown: ${column}` : "Select all shown");
  }

  matrix(): Locator {
    return this.page
      .getByRole("table")
      .filter({ has: this.page.getByRole("columnheader") })
      .last();
  }

  toast(text: string | RegExp): Locator {
    return this.page.getByText(text);
  }
}

export type Api = <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
) => Promise<T>;

/**
 * A signed-in API client of its own for `beforeAll` seeding (test-scoped fixtures are not available there).
 * Close it when done.
 */
export async function adminApi(browser: Browser): Promise<{ api: Api; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const login = await graphql(
    context.request,
    "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }",
    {
      l: ADMIN_LOGIN,
      p: ADMIN_PASSWORD,
    },
  );
  if (login.errors) throw new Error(`admin sign-in: ${JSON.stringify(login.errors)}`);
  const api: Api = async (query, variables) => {
    const result = await graphql(context.request, query, variables);
    if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
    return result.data as never;
  };
  return { api, close: () => context.close() };
}

/** Small factories for relation tests; each returns the created record's id. */
export async function createCustomer(api: Api, customerId: string, name: string): Promise<string> {
  await api("mutation($i: CustomerInput!) { createCustomer(input: $i) { customerId } }", {
    i: { customerId, name, valid: "VALID" },
  });
  return customerId;
}

export async function createCustomerUser(api: Api, login: string, customerId: string): Promise<string> {
  await api("mutation($i: CustomerUserInput!) { createCustomerUser(input: $i) { customerUser { login } } }", {
    i: {
      login,
      firstName: login.split(".")[0] ?? login,
      lastName: "Relations",
      email: `${login}@relations.example`,
      customerId,
      password: "a-long-enough-password-1",
      valid: "VALID",
    },
  });
  return login;
}

export async function createGroup(api: Api, name: string): Promise<string> {
  const data = await api<{ createGroup: { id: string } }>(
    "mutation($i: GroupInput!) { createGroup(input: $i) { id } }",
    { i: { name, comment: `${name} (end-to-end)`, valid: "VALID" } },
  );
  return data.createGroup.id;
}

export async function createService(api: Api, name: string): Promise<string> {
  const data = await api<{ createService: { id: string } }>(
    "mutation($i: ServiceInput!) { createService(input: $i) { id } }",
    { i: { name, comment: `${name} (end-to-end)`, valid: "VALID" } },
  );
  return data.createService.id;
}

export async function setGroupSupport(api: Api, on: boolean): Promise<void> {
  await api(
    "mutation($on: Boolean!) { updateSettings(input: { customerGroupSupport: $on }) { customerGroupSupport } }",
    {
      on,
    },
  );
}
