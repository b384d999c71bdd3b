import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { makeUiData, useLanguage } from "../fixtures/ui-data";

type Locale = Record<string, unknown>;
const locale = (code: string): Locale =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../apps/web/src/locales/${code}.json`), "utf8"));
const get = (l: Locale, path: string): string =>
  path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], l) as string;
const fill = (text: string, params: Record<string, string>): string =>
  text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? "");

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function leaves(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const en = locale("en");
/** English sentences that the other language says differently: none of them may be on the page. */
function englishOnly(other: Locale): string[] {
  const theirs = leaves(other);
  return [...leaves(en)]
    .filter(([key, text]) => text.length >= 8 && theirs.get(key) !== text)
    .map(([, text]) => text.split("{{")[0]!.trim())
    .filter((text) => text.length >= 8);
}

async function expectNoEnglish(page: Page, other: Locale): Promise<void> {
  // What a person sees (innerText), not hidden markup.
  // biome-ignore lint/performance/useDomNodeTextContent: textContent would include hidden text
  const body = await page.locator("body").innerText();
  const found = englishOnly(other).filter((text) => body.includes(text));
  expect(found, "English text on a translated screen").toEqual([]);
  // The server's own (English) messages are for API users only.
  expect(body).not.toMatch(/already (exists|taken|used)|No customer with the ID|pick an existing customer/);
}

for (const code of ["nl", "de"] as const) {
  test.describe(`server errors in ${code}`, () => {
    const l = locale(code);
    const t = (key: string, params: Record<string, string> = {}) => fill(get(l, key), params);

    test.beforeEach(async ({ page }) => {
      await useLanguage(page, code);
    });

    test("duplicate login and unknown customer id on the customer-user form", async ({ admin, api }) => {
      const d = await makeUiData(api, `err-${code}`);
      await admin.goto("/customer-users/new");
      await admin.getByLabel(t("attribute.UserFirstname"), { exact: true }).fill("Ben");
      await admin.getByLabel(t("attribute.UserLastname"), { exact: true }).fill("Doe");
      const login = admin.getByLabel(t("attribute.UserLogin"), { exact: true });
      await login.fill(d.login.toUpperCase());
      await admin.getByLabel(t("attribute.UserEmail"), { exact: true }).fill(`other-${code}@example.com`);
      const customer = admin.getByRole("combobox", { name: t("attribute.UserCustomerID") });
      await customer.fill(d.customerId);
      await admin.getByRole("option", { name: new RegExp(`^${d.customerId}\\b`) }).click();
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expect(login).toHaveAccessibleDescription(t("errors.server.CONFLICT.login", { value: d.login }));
      await expect(admin.getByText(t("form.saveFailed"))).toBeVisible();
      await expectNoEnglish(admin, l);

      await login.fill(`new-${d.login}`);
      await customer.fill("NO-SUCH-CUSTOMER");
      await admin.keyboard.press("Escape");
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      // The picker's hint comes first, then the error.
      await expect(customer).toHaveAccessibleDescription(
        new RegExp(
          `${escapeRegExp(t("errors.server.BAD_USER_INPUT.unknownCustomer", { value: "NO-SUCH-CUSTOMER" }))}$`,
        ),
      );
      await expectNoEnglish(admin, l);
    });

    test("duplicate customer id on the customer form", async ({ admin, api }) => {
      const d = await makeUiData(api, `errc-${code}`);
      await admin.goto("/customers/new");
      const id = admin.getByLabel(t("customer.customerId"), { exact: true });
      await id.fill(d.customerId.toLowerCase());
      await admin.getByLabel(t("customer.name"), { exact: true }).fill(`Other ${code}`);
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expect(id).toHaveAccessibleDescription(
        t("errors.server.CONFLICT.customerId", { value: d.customerId }),
      );
      await expectNoEnglish(admin, l);
    });

    test("duplicate group name on the group form", async ({ admin, api }) => {
      const d = await makeUiData(api, `errg-${code}`);
      await admin.goto("/groups/new");
      const name = admin.getByLabel(t("catalog.name"), { exact: true });
      await name.fill(d.groupName.toUpperCase());
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expect(name).toHaveAccessibleDescription(
        t("errors.server.CONFLICT.name", { value: d.groupName }),
      );
      await expectNoEnglish(admin, l);
    });

    test("an offline save says so in the language and marks nothing", async ({ admin, api, context }) => {
      const d = await makeUiData(api, `erro-${code}`);
      await admin.goto(`/groups/${d.groupId}`);
      const name = admin.getByLabel(t("catalog.name"), { exact: true });
      await expect(name).toHaveValue(d.groupName);
      await name.fill(`${d.groupName}-x`);
      await context.setOffline(true);
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expect(
        admin
          .getByRole("alert")
          .filter({ hasText: t("errors.network") })
          .first(),
      ).toBeVisible();
      await expect(admin.getByText(t("form.saveFailed"))).toHaveCount(0);
      await expect(name).not.toHaveAttribute("aria-invalid", "true");
      // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, not hidden markup
      const body = await admin.locator("body").innerText();
      expect(body).not.toContain("Failed to fetch");
      await context.setOffline(false);
      await expectNoEnglish(admin, l);
    });

    test("a stale save, a record renamed meanwhile and an unknown record", async ({ admin, api }) => {
      const d = await makeUiData(api, `errs-${code}`);
      const UPDATE = `mutation($l: String!, $i: CustomerUserInput!) { updateCustomerUser(login: $l, input: $i) { login } }`;
      await admin.goto(`/customer-users/${encodeURIComponent(d.login)}`);
      const lastName = admin.getByLabel(t("attribute.UserLastname"), { exact: true });
      await expect(lastName).toHaveValue(/^Okafor/);
      // Someone else saves first: this save is refused as stale.
      await api(UPDATE, { l: d.login, i: { firstName: "Changed elsewhere" } });
      await lastName.fill("Okafor stale");
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expect(admin.getByText(t("errors.server.CONFLICT.stale")).first()).toBeVisible();
      await expectNoEnglish(admin, l);

      // Someone else renames the user: saving the old login finds nobody.
      await admin.reload();
      await expect(lastName).toHaveValue(/^Okafor/);
      await api(UPDATE, { l: d.login, i: { login: `${d.login}-renamed` } });
      await lastName.fill("Okafor gone");
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expect(
        admin.getByText(t("errors.server.NOT_FOUND.login", { value: d.login })).first(),
      ).toBeVisible();
      await expectNoEnglish(admin, l);

      await admin.goto(`/customer-users/${encodeURIComponent(d.login)}`);
      await expect(admin.getByText(t("customerUsers.notFound", { login: d.login }))).toBeVisible();
      await expectNoEnglish(admin, l);
    });

    test("a save whose request is aborted says the server could not be reached", async ({ admin, api }) => {
      const d = await makeUiData(api, `erra-${code}`);
      await admin.goto(`/customers/${encodeURIComponent(d.customerId)}`);
      const name = admin.getByLabel(t("customer.name"), { exact: true });
      await expect(name).toHaveValue(/^Firma/);
      await admin.route("**/graphql", (route) =>
        route.request().postData()?.includes("updateCustomer") ? route.abort() : route.continue(),
      );
      await name.fill(`Firma aborted ${code}`);
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expect(admin.getByText(t("errors.network")).first()).toBeVisible();
      await admin.unroute("**/graphql");
      await expectNoEnglish(admin, l);
    });

    test("an agent whose role became read-only meanwhile is refused on save", async ({ api, page, sql }) => {
      const d = await makeUiData(api, `errf-${code}`);
      const login = `reader-${code}-${Date.now().toString(36)}`;
      const password = "a-long-password-1";
      await api(`mutation($i: AgentInput!) { createAgent(input: $i) { agent { id } } }`, {
        i: { login, password, firstName: "Rea", lastName: "Der", role: "ADMIN" },
      });
      // A fresh sign-in for that agent (the admin fixture's session is replaced).
      await page.context().clearCookies();
      const signedIn = await page.request.post("/graphql", {
        data: {
          query: "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { login } }",
          variables: { l: login, p: password },
        },
      });
      expect((await signedIn.json()).errors).toBeUndefined();
      await page.goto(`/groups/${d.groupId}`);
      const name = page.getByLabel(t("catalog.name"), { exact: true });
      await expect(name).toHaveValue(d.groupName);
      // In OTOBO an administrator takes away the agent's rw in the group admin; ro stays.
      await sql`UPDATE group_user SET permission_key = 'ro'
                 WHERE user_id = (SELECT id FROM users WHERE login = ${login}) AND permission_key = 'rw'`;
      await name.fill(`${d.groupName}-x`);
      await page.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expect(page.getByText(t("errors.server.FORBIDDEN._")).first()).toBeVisible();
      await expectNoEnglish(page, l);
    });

    test("the Sources page's field labels follow the language", async ({ admin }) => {
      await admin.goto("/sources");
      const map = admin.getByRole("table").first();
      await expect(
        map.getByRole("cell", { name: t("attribute.UserFirstname"), exact: true }).first(),
      ).toBeVisible();
      await expect(map.getByRole("cell", { name: "Title or salutation", exact: true })).toHaveCount(0);
    });
  });
}

test("after 5 failed sign-ins the wait is said in Dutch, then in German", async ({ browser }) => {
  // A login nobody has: no account is locked for the other specs.
  const login = `nobody-${Date.now().toString(36)}@localhost`;
  const attempt = async (code: "nl" | "de", tries: number) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await useLanguage(page, code);
    const l = locale(code);
    const t = (key: string) => get(l, key);
    await page.goto("/sign-in");
    for (let i = 1; i <= tries; i++) {
      const answered = page.waitForResponse(
        (r) => r.url().endsWith("/graphql") && r.request().method() === "POST",
      );
      await page.getByLabel(t("signIn.login"), { exact: true }).fill(login);
      await page.getByLabel(t("signIn.password"), { exact: true }).fill(`guess-${code}-${i}`);
      await page.getByRole("button", { name: t("signIn.submit") }).click();
      await answered;
      if (i < tries) await expect(page.getByRole("alert")).toHaveText(t("signIn.failed"));
    }
    // The wait counts down from 60 while the block lasts: any number of seconds is right.
    const [before, after] = t("signIn.rateLimited").split("{{count}}") as [string, string];
    await expect(page.getByRole("alert")).toHaveText(
      new RegExp(`^${escapeRegExp(before)}\\d+${escapeRegExp(after)}$`),
    );
    await expectNoEnglish(page, l);
    await context.close();
  };
  await attempt("nl", 6);
  await attempt("de", 1);
});
