import type { Locator, Page } from "@playwright/test";

/** The group or service list: a table named after the page, rows found by the item's name link. */
export class CatalogListPage {
  readonly table: Locator;
  readonly add: Locator;

  constructor(
    readonly page: Page,
    readonly kind: "groups" | "services",
  ) {
    this.table = page.getByRole("table", {
      name: kind === "groups" ? "Group management" : "Service management",
    });
    this.add = page.getByRole("link", { name: kind === "groups" ? "Add group" : "Add service" });
  }

  async goto(): Promise<void> {
    await this.page.goto(`/${this.kind}`);
  }

  row(name: string): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }
}

/** Name, comment, validity; Save / Save and finish / Cancel. */
export class CatalogForm {
  readonly name: Locator;
  readonly comment: Locator;
  readonly valid: Locator;
  readonly save: Locator;
  readonly saveAndFinish: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel("Name", { exact: true });
    this.comment = page.getByLabel("Comment", { exact: true });
    this.valid = page.getByLabel("Validity", { exact: true });
    this.save = page.getByRole("button", { name: "Save", exact: true });
    this.saveAndFinish = page.getByRole("button", { name: "Save and finish" });
  }
}

/** The settings page, its switches found by their labels. */
export class SettingsPage {
  readonly groupSupport: Locator;
  readonly otherContext: Locator;
  readonly mappingSwitch: Locator;
  readonly addMapping: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.groupSupport = page.getByRole("checkbox", { name: "Customer group support", exact: true });
    this.otherContext = page.getByRole("checkbox", { name: "“Other customers” permission context" });
    this.mappingSwitch = page.getByRole("checkbox", {
      name: "Fill ticket dynamic fields from the customer user",
    });
    this.addMapping = page.getByRole("button", { name: "Add mapping" });
    this.save = page.getByRole("button", { name: "Save", exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto("/settings");
  }

  /** A group's box in "Always-groups" or "Company always-groups". */
  alwaysGroup(list: "Always-groups" | "Company always-groups", group: string): Locator {
    return this.page
      .getByRole("group", { name: list, exact: true })
      .getByRole("checkbox", { name: group, exact: true });
  }

  mode(label: RegExp): Locator {
    return this.page.getByRole("radio", { name: label });
  }
}
