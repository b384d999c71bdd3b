import { readFile } from "node:fs/promises";
import { seriousA11yViolations } from "../fixtures/axe";
import { expect, test } from "../fixtures/test";
import { makeUiData } from "../fixtures/ui-data";

test.describe("bulk actions on the customer-user list", () => {
  test("100 users set invalid in one confirmed action; the list exports as CSV", async ({ admin, api }) => {
    test.setTimeout(180_000);
    const d = await makeUiData(api, "bulk");
    const tag = `bulk100-${Date.now().toString(36)}`;
    for (let i = 0; i < 100; i++) {
      const login = `${tag}-${String(i).padStart(3, "0")}`;
      await api(
        `mutation($i: CustomerUserInput!) { createCustomerUser(input: $i) { customerUser { login } } }`,
        {
          i: {
            login,
            firstName: "Bulk",
            lastName: `User ${i}`,
            email: `${login}@example.com`,
            customerId: d.customerId,
          },
        },
      );
    }
    await admin.goto(`/customer-users?search=${tag}*`);
    await expect(admin.getByText("100 customer users found")).toBeVisible();

    const table = admin.getByRole("table", { name: "Customer user management" });
    await table.getByRole("checkbox", { name: "Select all shown" }).check();
    const bar = admin.getByRole("group", { name: "Actions for the selected customer users" });
    await expect(bar.getByText("100 selected")).toBeVisible();

    await bar.getByRole("button", { name: "Set invalid" }).click();
    const dialog = admin.getByRole("dialog", { name: "Set 100 customer users to invalid?" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("100 customer users will be invalid");
    expect(await seriousA11yViolations(admin)).toEqual([]);
    // Cancel changes nothing.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await bar.getByRole("button", { name: "Set invalid" }).click();
    await dialog.getByRole("button", { name: "Change 100 records" }).click();
    await expect(admin.getByText("100 customer users changed (0 already were).")).toBeVisible();
    await expect(bar).toBeHidden();

    const after = await api<{ customerUsers: { nodes: { valid: string }[] } }>(
      `query($s: String) { customerUsers(search: $s) { nodes { valid } } }`,
      { s: `${tag}*` },
    );
    expect(after.customerUsers.nodes).toHaveLength(100);
    expect(after.customerUsers.nodes.every((n) => n.valid === "INVALID")).toBe(true);
    await expect(table.getByRole("row").filter({ hasText: `${tag}-042` })).toContainText("invalid");

    // CSV of the whole list, as shown.
    const download = admin.waitForEvent("download");
    await admin.getByRole("button", { name: "Export list as CSV (100)" }).click();
    const csv = await readFile((await (await download).path())!, "utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(101);
    expect(lines[0]).toContain("Username");
    expect(lines.some((l) => l.startsWith(`${tag}-000,`))).toBe(true);

    // The column chooser hides a column and remembers it.
    await admin.getByText("Columns", { exact: true }).click();
    await admin.getByRole("checkbox", { name: "Email", exact: true }).uncheck();
    await expect(table.getByRole("columnheader", { name: "Email" })).toHaveCount(0);
    await admin.reload();
    await expect(table.getByRole("columnheader", { name: "Email" })).toHaveCount(0);
    await admin.getByText("Columns", { exact: true }).click();
    await admin.getByRole("checkbox", { name: "Email", exact: true }).check();
    await expect(table.getByRole("columnheader", { name: "Email" })).toHaveCount(1);
  });

  test("selected users are added to a group with one confirmed action", async ({ admin, api }) => {
    const d = await makeUiData(api, "bulkgrp");
    const tag = `bulkgrp-${Date.now().toString(36)}`;
    const logins = [1, 2, 3].map((i) => `${tag}-${i}`);
    for (const login of logins) {
      await api(
        `mutation($i: CustomerUserInput!) { createCustomerUser(input: $i) { customerUser { login } } }`,
        {
          i: {
            login,
            firstName: "Grp",
            lastName: login,
            email: `${login}@example.com`,
            customerId: d.customerId,
          },
        },
      );
    }
    await admin.goto(`/customer-users?search=${tag}*`);
    const table = admin.getByRole("table", { name: "Customer user management" });
    await table.getByRole("checkbox", { name: `Select ${logins[0]}` }).check();
    await table.getByRole("checkbox", { name: `Select ${logins[2]}` }).check();
    const bar = admin.getByRole("group", { name: "Actions for the selected customer users" });
    await bar.getByRole("button", { name: "Add to group…" }).click();
    const dialog = admin.getByRole("dialog", { name: "Add 2 customer users to a group?" });
    await dialog.getByLabel("Group", { exact: true }).selectOption({ label: d.groupName });
    await dialog.getByLabel(/^read and write/).check();
    await dialog.getByRole("button", { name: "Change 2 records" }).click();
    await expect(
      admin.getByText(`2 customer users added to ${d.groupName} (0 already had it).`),
    ).toBeVisible();
    const members = await api<{
      group: { customerUsers: { customerUser: { login: string }; permissions: string[] }[] };
    }>(`query($id: ID!) { group(id: $id) { customerUsers { customerUser { login } permissions } } }`, {
      id: d.groupId,
    });
    expect(members.group.customerUsers.map((m) => m.customerUser.login).sort()).toEqual([
      logins[0],
      logins[2],
    ]);
    expect(members.group.customerUsers.every((m) => m.permissions.includes("RW"))).toBe(true);
  });

  test("selected users are assigned an extra customer with one confirmed action", async ({ admin, api }) => {
    const d = await makeUiData(api, "bulkcus");
    const other = await makeUiData(api, "bulkcus2");
    const tag = `bulkcus-${Date.now().toString(36)}`;
    const logins = [1, 2].map((i) => `${tag}-${i}`);
    for (const login of logins) {
      await api(
        `mutation($i: CustomerUserInput!) { createCustomerUser(input: $i) { customerUser { login } } }`,
        {
          i: {
            login,
            firstName: "Cus",
            lastName: login,
            email: `${login}@example.com`,
            customerId: d.customerId,
          },
        },
      );
    }
    // The third one's primary customer is the one being assigned: it stays unchanged.
    const home = `${tag}-3`;
    await api(
      `mutation($i: CustomerUserInput!) { createCustomerUser(input: $i) { customerUser { login } } }`,
      {
        i: {
          login: home,
          firstName: "Cus",
          lastName: home,
          email: `${home}@example.com`,
          customerId: other.customerId,
        },
      },
    );
    await admin.goto(`/customer-users?search=${tag}*`);
    const table = admin.getByRole("table", { name: "Customer user management" });
    await table.getByRole("checkbox", { name: "Select all shown" }).check();
    const bar = admin.getByRole("group", { name: "Actions for the selected customer users" });
    await expect(bar.getByText("3 selected")).toBeVisible();
    await bar.getByRole("button", { name: "Assign a customer…" }).click();
    const dialog = admin.getByRole("dialog", { name: "Assign a customer to 3 customer users?" });
    await expect(dialog).toContainText("3 customer users get the customer below");
    // Confirming without a customer asks for one and changes nothing.
    await dialog.getByRole("button", { name: "Change 3 records" }).click();
    await expect(dialog.getByText("Pick a customer.")).toBeVisible();
    const picker = dialog.getByRole("combobox", { name: "Customer" });
    await picker.fill(other.customerId.slice(3));
    await dialog.getByRole("option", { name: new RegExp(other.customerId) }).click();
    await expect(picker).toHaveValue(other.customerId);
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await dialog.getByRole("button", { name: "Change 3 records" }).click();
    await expect(
      admin.getByText(`${other.customerId} assigned to 2 customer users (1 unchanged).`),
    ).toBeVisible();
    await expect(dialog).toBeHidden();

    const after = await api<{ customerUsers: { nodes: { login: string; customerIds: string[] }[] } }>(
      `query($s: String) { customerUsers(search: $s) { nodes { login customerIds } } }`,
      { s: `${tag}*` },
    );
    const ids = Object.fromEntries(
      after.customerUsers.nodes.map((n) => [n.login, [...n.customerIds].sort()]),
    );
    expect(ids).toEqual({
      [logins[0]!]: [d.customerId, other.customerId].sort(),
      [logins[1]!]: [d.customerId, other.customerId].sort(),
      [home]: [other.customerId],
    });
  });
});
