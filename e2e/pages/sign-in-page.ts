import type { Locator, Page } from "@playwright/test";

export class SignInPage {
  readonly login: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly failure: Locator;

  constructor(readonly page: Page) {
    this.login = page.getByLabel("Login", { exact: true });
    this.password = page.getByLabel("Password", { exact: true });
    this.submit = page.getByRole("button", { name: "Sign in" });
    this.failure = page.getByRole("alert").filter({ hasText: "Sign-in failed" });
  }

  async goto(path = "/"): Promise<void> {
    await this.page.goto(path);
  }

  async signIn(login: string, password: string): Promise<void> {
    await this.login.fill(login);
    await this.password.fill(password);
    await this.submit.click();
  }
}
