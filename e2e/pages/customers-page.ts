import type { Locator, Page } from "@playwright/test";

export class CustomersPage {
  readonly addLink: Locator;
  readonly table: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.addLink = page.getByRole("link", { name: "Add customer" }).first();
    this.table = page.getByRole("table", { name: "Customer management" });
    this.search = page.getByRole("searchbox", { name: "Search customers" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/customers");
  }

  row(customerId: string): Locator {
    return this.table
      .getByRole("row")
      .filter({ has: this.page.getByRole("link", { name: customerId, exact: true }) });
  }
}

export class CustomerForm {
  readonly save: Locator;
  readonly saveAndFinish: Locator;
  readonly users: Locator;

  constructor(readonly page: Page) {
    this.save = page.getByRole("button", { name: "Save", exact: true });
    this.saveAndFinish = page.getByRole("button", { name: "Save and finish" });
    this.users = page.getByRole("table", { name: "Customer users of this customer" });
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
  }
}
