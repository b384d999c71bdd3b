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
