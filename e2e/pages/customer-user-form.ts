import type { Locator, Page } from "@playwright/test";

/** The add / edit customer-user form; fields are found by their labels. */
export class CustomerUserForm {
  readonly save: Locator;
  readonly saveAndFinish: Locator;
  readonly cancel: Locator;
  readonly customerId: Locator;
  readonly valid: Locator;
  readonly generatedPassword: Locator;
  readonly formError: Locator;

  constructor(readonly page: Page) {
    this.save = page.getByRole("button", { name: "Save", exact: true });
    this.saveAndFinish = page.getByRole("button", { name: "Save and finish" });
    this.cancel = page.getByRole("link", { name: "Cancel" });
    this.customerId = page.getByRole("combobox", { name: "Customer ID" });
    this.valid = page.getByLabel("Validity", { exact: true });
    this.generatedPassword = page.getByRole("dialog", { name: "Generated password" });
    this.formError = page.getByRole("form").getByRole("alert");
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
  }

  /** Picks a customer in the searchable select by typing part of its id or name. */
  async pickCustomer(term: string, customerId: string): Promise<void> {
    await this.customerId.fill(term);
    await this.page.getByRole("option", { name: new RegExp(`^${customerId}\\b`) }).click();
  }

  /** The same with the keyboard only: type, arrow down to the first match, Enter. */
  async pickCustomerWithKeyboard(term: string): Promise<void> {
    await this.customerId.fill(term);
    await this.page.getByRole("listbox", { name: "Customer ID" }).getByRole("option").first().waitFor();
    await this.customerId.press("ArrowDown");
    await this.customerId.press("Enter");
  }

  async readGeneratedPassword(): Promise<string> {
    return (await this.generatedPassword.locator("code").textContent()) ?? "";
  }
}
