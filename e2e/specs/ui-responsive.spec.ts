import { resolve } from "node:path";
import { seriousA11yViolations } from "../fixtures/axe";
import { expect, test } from "../fixtures/test";
import { makeUiData, pageScrollsSideways, switchGroupSupportOn, type UiData } from "../fixtures/ui-data";
import { AppFrame } from "../pages/app-frame";

/** Screenshots of every screen at each width, for review; the folder is gitignored (README: Tests). */
const SHOTS = resolve(import.meta.dirname, "../screenshots");

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "tablet", width: 768, height: 1024 },
  { name: "laptop", width: 1366, height: 768 },
] as const;

function screens(d: UiData): [string, string][] {
  const login = encodeURIComponent(d.login);
  return [
    ["customer-users", `/customer-users?search=${login}`],
    ["customer-user-edit", `/customer-users/${login}`],
    ["customer-user-new", "/customer-users/new"],
    ["customers", "/customers"],
    ["customer-edit", `/customers/${encodeURIComponent(d.customerId)}`],
    ["groups", "/groups"],
    ["group-edit", `/groups/${d.groupId}`],
    ["services", "/services"],
    ["service-edit", `/services/${d.serviceId}`],
    ["default-services", "/services/defaults"],
    ["customer-users-customers", `/customer-users-customers?customerUser=${login}`],
    ["customer-users-groups", `/customer-users-groups?customerUser=${login}`],
    ["customers-groups", `/customers-groups?customer=${encodeURIComponent(d.customerId)}`],
    ["customer-users-services", `/customer-users-services?customerUser=${login}`],
    ["agents", "/agents"],
    ["settings", "/settings"],
    ["sources", "/sources"],
  ];
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test("no screen scrolls sideways; every screen is photographed", async ({ admin, api }) => {
      test.setTimeout(180_000);
      const data = await makeUiData(api, viewport.name);
      await switchGroupSupportOn(api);
      for (const [name, path] of screens(data)) {
        await admin.goto(path);
        await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(admin.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);
        expect(await pageScrollsSideways(admin), `${name} scrolls sideways at ${viewport.width}px`).toBe(
          false,
        );
        await admin.screenshot({ path: `${SHOTS}/${viewport.name}/${name}.png`, fullPage: true });
      }
    });

    test("navigation and Sign out are reachable", async ({ admin }) => {
      await admin.goto("/customers");
      const frame = new AppFrame(admin);
      await expect(frame.signOut).toBeInViewport({ ratio: 1 });
      const menu = admin.getByRole("button", { name: "Menu" });
      if (viewport.width < 900) {
        // The navigation is a panel behind the Menu button.
        await expect(frame.nav).toBeHidden();
        await menu.click();
        await expect(menu).toHaveAttribute("aria-expanded", "true");
        await expect(frame.navLink("Groups")).toBeInViewport();
        expect(await seriousA11yViolations(admin)).toEqual([]);
        await admin.screenshot({ path: `${SHOTS}/${viewport.name}/navigation-open.png` });
        await frame.navLink("Groups").click();
        await expect(admin).toHaveURL(/\/groups$/);
        await expect(frame.nav).toBeHidden();
      } else {
        await expect(menu).toBeHidden();
        await expect(frame.navLink("Groups")).toBeVisible();
      }
    });

    test("every matrix checkbox can be reached and ticked", async ({ admin, api }) => {
      const data = await makeUiData(api, `${viewport.name}-m`);
      await switchGroupSupportOn(api);
      await admin.goto(`/customer-users-groups?customerUser=${encodeURIComponent(data.login)}`);
      await admin.getByRole("searchbox", { name: "Filter groups" }).fill(data.groupName);
      const boxes = admin
        .getByRole("region")
        .getByRole("checkbox", { name: new RegExp(`for ${data.groupName}$`) });
      await expect(boxes).toHaveCount(2);
      for (const box of await boxes.all()) {
        await box.scrollIntoViewIfNeeded();
        await expect(box).toBeInViewport({ ratio: 1 });
        const bounds = await box.boundingBox();
        expect(bounds && bounds.x + bounds.width <= viewport.width, "the box lies inside the screen").toBe(
          true,
        );
      }
      await boxes.last().check();
      await expect(admin.getByText("Unsaved changes", { exact: true })).toBeVisible();
      expect(await pageScrollsSideways(admin)).toBe(false);
    });
  });
}
