import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { SourcesQuery } from "../sources/operations";
import { SettingsPageQuery } from "./operations";
import SettingsPage from "./settings-page";

/** A browser disables every control inside a disabled fieldset (jsdom does not compute it). */
const inDisabledFieldset = (element: Element) => element.closest("fieldset:disabled") !== null;

const sources = {
  request: { query: SourcesQuery },
  result: { data: { customerUserSources: [] } },
};

function settings(source: "CLIENTELE" | "OTOBO_SYSCONFIG", cryptType: string | null) {
  return {
    request: { query: SettingsPageQuery },
    result: {
      data: {
        settings: {
          __typename: "Settings" as const,
          source,
          customerPasswordCryptType: cryptType,
          customerGroupSupport: true,
          customerGroupAlwaysGroups: ["users"],
          customerGroupCompanyAlwaysGroups: [],
          customerGroupOtherCustomersContext: false,
          defaultServicesMode: "FALLBACK" as const,
          dynamicFieldFromCustomerUser: true,
          dynamicFieldFromCustomerUserMapping: [
            { __typename: "DynamicFieldMapping" as const, attribute: "UserRoom", dynamicField: "Room" },
          ],
        },
        groups: [{ __typename: "Group" as const, id: "1", name: "users", valid: "VALID" as const }],
        dynamicFields: [
          {
            __typename: "DynamicField" as const,
            id: "1",
            name: "Room",
            label: "Room",
            objectType: "Ticket",
            valid: "VALID" as const,
          },
        ],
        dynamicFieldMappableAttributes: [
          {
            __typename: "MappableAttribute" as const,
            attribute: "UserRoom",
            label: "Room",
            origin: "CUSTOMER_USER",
          },
        ],
      },
    },
  };
}

function renderPage(mock: ReturnType<typeof settings>) {
  const router = createMemoryRouter([{ path: "/settings", element: <SettingsPage /> }], {
    initialEntries: ["/settings"],
  });
  render(
    <MockedProvider mocks={[mock, sources, sources]}>
      <RouterProvider router={router} />
    </MockedProvider>,
  );
}

describe("SettingsPage", () => {
  it("shows OTOBO's System Configuration read-only, with where it comes from and the password format", async () => {
    renderPage(settings("OTOBO_SYSCONFIG", "bcrypt"));
    const note = await screen.findByRole("note");
    expect(note.textContent).toContain("Source: OTOBO System Configuration.");
    expect(note.textContent).toContain("Change them in OTOBO's System Configuration.");
    expect(note.textContent).toContain("bcrypt");
    const support = screen.getByRole("checkbox", { name: "Customer group support" }) as HTMLInputElement;
    expect(support.checked).toBe(true);
    expect(inDisabledFieldset(support)).toBe(true);
    expect(inDisabledFieldset(screen.getByLabelText("Attribute of mapping 1"))).toBe(true);
    expect(screen.queryByRole("button", { name: "Save" })).toBeNull();
  });

  it("keeps Clientele's own settings editable", async () => {
    renderPage(settings("CLIENTELE", null));
    const support = (await screen.findByRole("checkbox", {
      name: "Customer group support",
    })) as HTMLInputElement;
    expect(inDisabledFieldset(support)).toBe(false);
    expect(screen.queryByRole("note")).toBeNull();
    expect(screen.getByRole("button", { name: "Save" })).toBeTruthy();
  });
});
