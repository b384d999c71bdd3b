import type { Locator, Page } from "@playwright/test";

/** The Sources screen: one section per configured backend, with its live health. */
export class SourcesPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Customer user sources" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/sources");
  }

  /** The section of a backend, found by its heading ("2. Company Directory"). */
  section(name: string): Locator {
    return this.page.getByRole("region", { name: new RegExp(`^\\d+\\. ${name}$`) });
  }

  /** The value next to "Directory type" (LDAP backends only). */
  directoryType(name: string): Locator {
    return this.section(name)
      .locator("dt", { hasText: /^Directory type$/ })
      .locator("xpath=following-sibling::dd[1]");
  }

  reachable(name: string): Locator {
    return this.section(name).getByText("reachable", { exact: true });
  }

  /** The alert a backend shows when its health check fails. */
  unreachable(name: string): Locator {
    return this.section(name).getByRole("alert");
  }
}
