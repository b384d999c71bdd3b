import type { Locator, Page } from "@playwright/test";

/** The Import CSV screen: kind, file, check, start, the job's progress and downloads. */
export class ImportPage {
  readonly kind: Locator;
  readonly file: Locator;
  readonly check: Locator;
  readonly start: Locator;
  readonly cancel: Locator;
  readonly progress: Locator;
  readonly errorTable: Locator;
  readonly errorReport: Locator;
  readonly credentials: Locator;

  constructor(readonly page: Page) {
    this.kind = page.getByLabel("What the file holds");
    this.file = page.getByLabel("CSV file");
    this.check = page.getByRole("button", { name: "Check file" });
    this.start = page.getByRole("button", { name: "Start import" });
    this.cancel = page.getByRole("button", { name: "Cancel import" });
    this.progress = page.getByRole("progressbar", { name: "Import progress" });
    this.errorTable = page.getByRole("table", { name: /Result of the check|Rows that were not imported/ });
    this.errorReport = page.getByRole("button", { name: "Download error report (CSV)" });
    this.credentials = page.getByRole("link", { name: "Download new passwords (once)" });
  }

  async goto(kind: "customers" | "customer-users"): Promise<void> {
    await this.page.goto(`/import?kind=${kind}`);
  }

  async choose(name: string, content: string): Promise<void> {
    await this.file.setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content, "utf8") });
  }
}
