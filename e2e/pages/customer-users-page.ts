import type { Locator, Page } from "@playwright/test";

export class CustomerUsersPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly searchButton: Locator;
  readonly addLink: Locator;
  readonly addButtonDisabled: Locator;
  readonly table: Locator;
  readonly count: Locator;
  readonly limitNotice: Locator;
  readonly loadMore: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.search = page.getByRole("searchbox", { name: "Search customer users" });
    this.searchButton = page.getByRole("search").getByRole("button", { name: "Search" });
    this.addLink = page.getByRole("link", { name: "Add customer user" });
    this.addButtonDisabled = page.getByRole("button", { name: "Add customer user" });
    this.table = page.getByRole("table", { name: "Customer user management" });
    this.count = page.getByRole("status").filter({ hasText: /customer users? found/ });
    this.limitNotice = page.getByRole("alert").filter({ hasText: "more match" });
    this.loadMore = page.getByRole("button", { name: /^Load [\d,]+ more$/ });
  }

  async goto(search?: string): Promise<void> {
    await this.page.goto(search ? `/customer-users?search=${encodeURIComponent(search)}` : "/customer-users");
  }

  /** Types a term and starts the search with Enter (or the magnifier button). */
  async searchFor(term: string, via: "enter" | "button" = "enter"): Promise<void> {
    await this.search.fill(term);
    if (via === "enter") await this.search.press("Enter");
    else await this.searchButton.click();
  }

  row(login: string): Locator {
    return this.table
      .getByRole("row")
      .filter({ has: this.page.getByRole("link", { name: login, exact: true }) });
  }

  /**
   * Logins of the rows currently rendered (a long list renders only what is in view). A row links to
   * its user and to its customer; the login is the link to the user.
   */
  async logins(): Promise<string[]> {
    return this.table.getByRole("row").locator('a[href^="/customer-users/"]').allTextContents();
  }

  async open(login: string): Promise<void> {
    await this.table.getByRole("link", { name: login, exact: true }).click();
  }
}
