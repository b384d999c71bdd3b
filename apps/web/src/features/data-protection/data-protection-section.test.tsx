import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider, useParams } from "react-router";
import { describe, expect, it } from "vitest";
import { MeQuery } from "../auth/operations";
import { DataProtectionSection } from "./data-protection-section";
import { AnonymiseCustomerUserMutation } from "./operations";

const me = (role: "ADMIN" | "READ_ONLY") => ({
  request: { query: MeQuery },
  result: { data: { me: { __typename: "Agent" as const, id: "1", login: "root@localhost", role } } },
});

const anonymise = {
  request: { query: AnonymiseCustomerUserMutation, variables: { login: "jane" } },
  result: {
    data: {
      anonymiseCustomerUser: { __typename: "CustomerUser" as const, login: "anonymised-0123456789abcdef" },
    },
  },
};

function Opened() {
  return <p>opened {useParams().login}</p>;
}

function renderSection(options: { role?: "ADMIN" | "READ_ONLY"; readOnly?: boolean } = {}) {
  const router = createMemoryRouter(
    [
      {
        path: "/customer-users/jane",
        element: (
          <DataProtectionSection login="jane" readOnly={options.readOnly ?? false} sourceName="Directory" />
        ),
      },
      { path: "/customer-users/:login", element: <Opened /> },
    ],
    { initialEntries: ["/customer-users/jane"] },
  );
  render(
    <MockedProvider mocks={[me(options.role ?? "ADMIN"), anonymise]}>
      <RouterProvider router={router} />
    </MockedProvider>,
  );
}

describe("DataProtectionSection", () => {
  it("enables Anonymise only once the login is typed exactly, then opens the user under its new login", async () => {
    const user = userEvent.setup();
    renderSection();
    await user.click(await screen.findByRole("button", { name: "Anonymise…" }));
    const confirm = screen.getByRole("button", { name: "Anonymise" });
    const typed = screen.getByLabelText("Type jane to confirm");
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await user.type(typed, "JANE");
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await user.clear(typed);
    await user.type(typed, "jane");
    expect((confirm as HTMLButtonElement).disabled).toBe(false);
    await user.click(confirm);
    expect(await screen.findByText("opened anonymised-0123456789abcdef")).toBeTruthy();
  });

  it("disables Anonymise for a read-only backend and says to do it in the directory", async () => {
    renderSection({ readOnly: true });
    const button = await screen.findByRole("button", { name: "Anonymise…" });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(button.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(button.getAttribute("aria-describedby")!)?.textContent).toBe(
      "Directory is read-only: anonymise this person in the directory itself.",
    );
    expect((screen.getByRole("button", { name: "Export personal data" }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });

  it("is not shown to READ_ONLY agents: the export is personal data too", async () => {
    renderSection({ role: "READ_ONLY" });
    await expect.poll(() => screen.queryByRole("button", { name: "Export personal data" })).toBeNull();
  });
});
