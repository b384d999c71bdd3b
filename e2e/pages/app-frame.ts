import type { Locator, Page } from "@playwright/test";

/** The frame around every signed-in screen: navigation, language switch, sign-out. */
export class AppFrame {
  readonly nav: Locator;
  readonly language: Locator;
  readonly signOut: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole("navigation");
    // The label itself is translated: find the switch in the page header by its options, which keep
    // their own names (a customer user's language preference offers the same ones in the page body).
    this.language = page
      .getByRole("banner")
      .getByRole("combobox")
      .filter({ has: page.getByRole("option", { name: "Nederlands" }) });
    this.signOut = page.getByRole("button", { name: /Sign out|Afmelden|Abmelden/ });
  }

  navLink(name: string): Locator {
    return this.nav.getByRole("link", { name, exact: true });
  }

  async chooseLanguage(name: "English" | "Nederlands" | "Deutsch"): Promise<void> {
    await this.language.selectOption({ label: name });
  }
}
