import type { Locator, Page } from "@playwright/test";

/** Dynamic fields: the list and the add/edit form. */
export class DynamicFieldsPage {
  readonly table: Locator;
  readonly add: Locator;
  readonly name: Locator;
  readonly label: Locator;
  readonly saveAndFinish: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "Dynamic fields" });
    this.add = page.getByRole("link", { name: "Add dynamic field" });
    this.name = page.getByLabel("Name", { exact: true });
    this.label = page.getByLabel("Label", { exact: true });
    this.saveAndFinish = page.getByRole("button", { name: "Save and finish" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/dynamic-fields");
  }

  row(name: string): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }
}

/** Tickets: the list, the add form and one ticket's page. */
export class TicketsPage {
  readonly add: Locator;
  readonly title: Locator;
  readonly customerUser: Locator;
  readonly save: Locator;
  readonly values: Locator;

  constructor(readonly page: Page) {
    this.add = page.getByRole("link", { name: "Add ticket" });
    this.title = page.getByLabel("Title", { exact: true });
    this.customerUser = page.getByRole("combobox", { name: "Customer user" });
    this.save = page.getByRole("button", { name: "Save", exact: true });
    this.values = page.getByRole("table", { name: "Dynamic fields" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/tickets");
  }

  /** The value cell of a dynamic field on a ticket's page. */
  value(label: string): Locator {
    return this.values
      .getByRole("row")
      .filter({ has: this.page.getByRole("rowheader", { name: label }) })
      .getByRole("cell")
      .first();
  }
}
