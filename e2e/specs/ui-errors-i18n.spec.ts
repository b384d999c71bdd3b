import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "@playwright/test";
import { LDAP_SOURCE } from "../fixtures/ldap";
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

/** `names`: identifiers shown as they are (e.g. a source id such as `CustomerUser1`), not language. */
async function expectNoEnglish(page: Page, other: Locale, names: string[] = []): Promise<void> {
  // What a person sees (innerText), not hidden markup.
  // biome-ignore lint/performance/useDomNodeTextContent: textContent would include hidden text
  const shown = await page.locator("body").innerText();
  const body = names.reduce((text, name) => text.replaceAll(name, ""), shown);
  const found = englishOnly(other).filter((text) => body.includes(text));
  expect(found, "English text on a translated screen").toEqual([]);
  // The server's own (English) messages are for API users only.
  expect(body).not.toMatch(/already (exists|taken|used)|No customer with the ID|pick an existing customer/);
}

/**
 * Answers the next save of `field` with the refusal the server sends (its body and HTTP status),
 * for codes the shared e2e data cannot provoke; every other request goes to the server.
 */
async function refuse(
  page: Page,
  field: string,
  status: number,
  error: { message: string; extensions: Record<string, unknown> },
): Promise<void> {
  await page.unroute("**/graphql");
  await page.route("**/graphql", (route) =>
    route.request().postData()?.includes(`${field}(`)
      ? route.fulfill({
          status,
          contentType: "application/graphql-response+json; charset=utf-8",
          body: JSON.stringify({ errors: [{ ...error, path: [field] }], data: null }),
        })
      : route.continue(),
  );
}

/** The translated refusal is shown; neither the server's English message nor English-locale text is. */
async function expectTranslated(
  page: Page,
  other: Locale,
  text: string,
  serverMessage: string,
  names: string[] = [],
): Promise<void> {
  await expect(page.getByText(text).first()).toBeVisible();
  // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, not hidden markup
  expect(await page.locator("body").innerText()).not.toContain(serverMessage);
  await expectNoEnglish(page, other, names);
}

/** The new customer-user form filled in for `login` at an existing customer, ready to save. */
async function fillNewCustomerUser(
  page: Page,
  t: (key: string) => string,
  customerId: string,
  login: string,
): Promise<void> {
  await page.goto("/customer-users/new");
  await page.getByLabel(t("attribute.UserFirstname"), { exact: true }).fill("Ben");
  await page.getByLabel(t("attribute.UserLastname"), { exact: true }).fill("Doe");
  await page.getByLabel(t("attribute.UserLogin"), { exact: true }).fill(login);
  await page.getByLabel(t("attribute.UserEmail"), { exact: true }).fill(`${login}@example.com`);
  const customer = page.getByRole("combobox", { name: t("attribute.UserCustomerID") });
  await customer.fill(customerId);
  await page.getByRole("option", { name: new RegExp(`^${customerId}\\b`) }).click();
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
      // Every query of the reloaded page has answered, so none of them sees the rename before the save.
      await admin.waitForLoadState("networkidle");
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

    test("no customer yet and the last administrator are said in the language", async ({ admin, api }) => {
      const d = await makeUiData(api, `errp-${code}`);
      // The shared e2e data always has customers and more than one valid administrator (root is never
      // demoted), so the save is answered with the server's exact refusal; the server tests cover when
      // it is sent.
      const noCustomer =
        "Add a customer first: every customer user belongs to a customer, and none exists yet.";
      await refuse(admin, "createCustomerUser", 200, {
        message: noCustomer,
        extensions: { code: "PRECONDITION_FAILED", params: { reason: "noCustomer" } },
      });
      await fillNewCustomerUser(admin, t, d.customerId, `errp-${code}-${Date.now().toString(36)}`);
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expectTranslated(admin, l, t("errors.server.PRECONDITION_FAILED.noCustomer"), noCustomer);

      const agentLogin = `admin-${code}-${Date.now().toString(36)}`;
      const created = await api<{ createAgent: { agent: { id: string } } }>(
        `mutation($i: AgentInput!) { createAgent(input: $i) { agent { id } } }`,
        {
          i: {
            login: agentLogin,
            password: "a-long-password-1",
            firstName: "Ad",
            lastName: "Min",
            role: "ADMIN",
          },
        },
      );
      await admin.goto(`/agents/${encodeURIComponent(created.createAgent.agent.id)}`);
      const firstName = admin.getByLabel(t("agents.firstName"), { exact: true });
      await expect(firstName).toHaveValue("Ad");
      const lastAdmin = `"${agentLogin}" is the last valid ADMIN: make another agent a valid ADMIN first.`;
      await refuse(admin, "updateAgent", 200, {
        message: lastAdmin,
        extensions: { code: "PRECONDITION_FAILED", params: { reason: "lastAdmin", value: agentLogin } },
      });
      await firstName.fill("Adje");
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expectTranslated(
        admin,
        l,
        t("errors.server.PRECONDITION_FAILED.lastAdmin", { value: agentLogin }),
        lastAdmin,
      );
    });

    test("an unreachable and a read-only source are named in the language", async ({ admin, api }) => {
      const d = await makeUiData(api, `errl-${code}`);
      // The shared directory must keep running for the other specs, and the form offers no save for
      // a read-only source's user: both saves are answered with the server's exact refusal.
      const login = `errl-${code}-${Date.now().toString(36)}`;
      const unreachable = `Cannot check that the login "${login}" is free. The customer user source "${LDAP_SOURCE.id}" cannot be reached: connect ECONNREFUSED 127.0.0.1:389 Try again when it is back.`;
      await refuse(admin, "createCustomerUser", 200, {
        message: unreachable,
        extensions: { code: "SOURCE_UNAVAILABLE", source: LDAP_SOURCE.id },
      });
      await fillNewCustomerUser(admin, t, d.customerId, login);
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expectTranslated(
        admin,
        l,
        t("errors.server.SOURCE_UNAVAILABLE._", { source: LDAP_SOURCE.id }),
        unreachable,
        [LDAP_SOURCE.id],
      );

      await admin.unroute("**/graphql");
      await admin.goto(`/customer-users/${encodeURIComponent(d.login)}`);
      const lastName = admin.getByLabel(t("attribute.UserLastname"), { exact: true });
      await expect(lastName).toHaveValue(/^Okafor/);
      const readOnly = `The customer user source "${LDAP_SOURCE.id}" is read-only; change the user there.`;
      await refuse(admin, "updateCustomerUser", 200, {
        message: readOnly,
        extensions: { code: "READ_ONLY_SOURCE", source: LDAP_SOURCE.id },
      });
      await lastName.fill("Okafor read-only");
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expectTranslated(
        admin,
        l,
        t("errors.server.READ_ONLY_SOURCE._", { source: LDAP_SOURCE.id }),
        readOnly,
        [LDAP_SOURCE.id],
      );
    });

    test("an unreachable database and a request over the limits are said in the language", async ({
      admin,
      api,
    }) => {
      const d = await makeUiData(api, `errd-${code}`);
      // The shared database cannot be stopped and no screen sends a request over the limits: the saves
      // are answered with the server's exact refusal and HTTP status.
      await admin.goto(`/groups/${d.groupId}`);
      const name = admin.getByLabel(t("catalog.name"), { exact: true });
      await expect(name).toHaveValue(d.groupName);
      const unavailable =
        "Clientele's database cannot be reached right now; try again shortly. The administrators have been told in the log.";
      await refuse(admin, "updateGroup", 503, { message: unavailable, extensions: { code: "UNAVAILABLE" } });
      await name.fill(`${d.groupName}-x`);
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expectTranslated(admin, l, t("errors.server.UNAVAILABLE._"), unavailable);
      await expect(admin.getByText(t("errors.network"))).toHaveCount(0);

      await admin.unroute("**/graphql");
      await admin.goto(`/customers/${encodeURIComponent(d.customerId)}`);
      const customerName = admin.getByLabel(t("customer.name"), { exact: true });
      await expect(customerName).toHaveValue(/^Firma/);
      const tooComplex =
        "The request is refused: its estimated cost is 120000, at most 100000 is allowed. Ask for fewer items (a smaller limit) or fewer nested lists.";
      await refuse(admin, "updateCustomer", 400, {
        message: tooComplex,
        extensions: { code: "QUERY_TOO_COMPLEX", limit: "cost" },
      });
      await customerName.fill(`Firma complex ${code}`);
      await admin.getByRole("button", { name: t("form.save"), exact: true }).click();
      await expectTranslated(admin, l, t("errors.server.QUERY_TOO_COMPLEX._"), tooComplex);
    });

    test("a save after the session ended leads to the sign-in in the language", async ({ api, page }) => {
      const d = await makeUiData(api, `erru-${code}`);
      // A session of its own, so the admin fixture's session stays untouched.
      const login = `expired-${code}-${Date.now().toString(36)}`;
      const password = "a-long-password-1";
      await api(`mutation($i: AgentInput!) { createAgent(input: $i) { agent { id } } }`, {
        i: { login, password, firstName: "Ex", lastName: "Pired", role: "ADMIN" },
      });
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
      // The session ends for real: the browser no longer has its cookie.
      await page.context().clearCookies();
      await name.fill(`${d.groupName}-x`);
      await page.getByRole("button", { name: t("form.save"), exact: true }).click();
      // The form says why, and the way to the sign-in first asks about the unsaved change.
      await expectTranslated(
        page,
        l,
        t("errors.server.UNAUTHENTICATED._"),
        "Sign in first: this operation needs an admin session or API token.",
      );
      const leave = page.getByRole("dialog", { name: t("matrix.unsavedTitle") });
      await leave.getByRole("button", { name: t("matrix.leave"), exact: true }).click();
      await expect(page).toHaveURL(/\/sign-in\?next=/);
      await expect(page.getByRole("heading", { name: t("signIn.title") })).toBeVisible();
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
