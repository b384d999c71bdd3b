import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { SourcesQuery } from "../sources/operations";
import CustomerUserFormPage from "./form-page";
import { AnyCustomerQuery } from "./list-query";
import {
  CreateCustomerUserMutation,
  CustomerOptionsQuery,
  CustomerUserPreferencesQuery,
  CustomerUserQuery,
} from "./operations";

const field = (attribute: string, label: string, required = false, readOnly = false) => ({
  __typename: "FieldDefinition" as const,
  attribute,
  label,
  required,
  readOnly,
  shownInList: false,
  storage: attribute.toLowerCase(),
  searchable: false,
});

function sources(readOnly = false) {
  return {
    request: { query: SourcesQuery },
    result: {
      data: {
        customerUserSources: [
          {
            __typename: "CustomerUserSource" as const,
            id: "CustomerUser",
            name: "Database Backend",
            module: "DB" as const,
            readOnly,
            searchListLimit: 1000,
            searchIndexes: null,
            fields: [
              field("UserFirstname", "Firstname", true),
              field("UserLastname", "Lastname", true),
              field("UserLogin", "Username", true),
              field("UserPassword", "Password"),
              field("UserEmail", "Email", true),
              field("UserCustomerID", "CustomerID", true),
              field("UserRoom", "Room"),
              field("ValidID", "Valid", true),
            ],
          },
        ],
      },
    },
  };
}

const anyCustomer = {
  request: { query: AnyCustomerQuery },
  result: {
    data: {
      customers: {
        __typename: "CustomerSearchResult",
        nodes: [{ __typename: "Customer", customerId: "ACME" }],
      },
    },
  },
};

const customerOptions = {
  request: { query: CustomerOptionsQuery },
  variableMatcher: () => true,
  maxUsageCount: 50,
  result: {
    data: {
      customers: {
        __typename: "CustomerSearchResult",
        nodes: [{ __typename: "Customer", customerId: "ACME", name: "Acme Corporation", valid: "VALID" }],
      },
    },
  },
};

const input = (email: string) => ({
  firstName: "Jane",
  lastName: "Doe",
  login: "jane",
  email,
  customerId: "ACME",
  valid: "VALID",
  attributes: [{ attribute: "UserRoom", value: "B-204" }],
});

function user(overrides: Record<string, unknown> = {}) {
  return {
    __typename: "CustomerUser",
    login: "jane",
    source: "CustomerUser",
    readOnly: false,
    title: null,
    firstName: "Jane",
    lastName: "Doe",
    fullName: "Jane Doe",
    email: "jane@acme.example",
    customerId: "ACME",
    phone: null,
    fax: null,
    mobile: null,
    street: null,
    zip: null,
    city: null,
    country: null,
    comment: null,
    valid: "VALID",
    attributes: [{ __typename: "AttributeValue", attribute: "UserRoom", label: "Room", value: "B-204" }],
    changedAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

function renderAt(path: string, mocks: MockLink.MockedResponse[]) {
  const router = createMemoryRouter(
    [
      { path: "/customer-users", element: <p>list</p> },
      { path: "/customer-users/new", element: <CustomerUserFormPage /> },
      { path: "/customer-users/:login", element: <CustomerUserFormPage /> },
      { path: "/customers/new", element: <p>add customer</p> },
    ],
    { initialEntries: [path] },
  );
  render(
    <MockedProvider mocks={mocks}>
      <RouterProvider router={router} />
    </MockedProvider>,
  );
  return router;
}

describe("customer user form page", () => {
  it("shows a server error at the field it names, keeps the input, then shows the generated password once", async () => {
    const conflict = {
      request: {
        query: CreateCustomerUserMutation,
        variables: { input: input("taken@acme.example"), source: "CustomerUser" },
      },
      result: {
        errors: [
          new GraphQLError("The English message for API users.", {
            extensions: {
              code: "CONFLICT",
              field: "email",
              params: { value: "taken@acme.example", login: "jack" },
            },
          }),
        ],
      },
    };
    const created = {
      request: {
        query: CreateCustomerUserMutation,
        variables: { input: input("jane@acme.example"), source: "CustomerUser" },
      },
      result: {
        data: {
          createCustomerUser: {
            __typename: "CreateCustomerUserPayload",
            customerUser: user(),
            generatedPassword: "Gen-Pass-123456",
          },
        },
      },
    };
    const router = renderAt("/customer-users/new", [
      sources(),
      anyCustomer,
      customerOptions,
      conflict,
      created,
    ]);
    const u = userEvent.setup();

    const firstName = await screen.findByLabelText("First name");
    // The custom map attribute is part of the form, with its map label.
    expect(screen.getByLabelText("Room")).toBeTruthy();
    expect(screen.getByLabelText("Password").getAttribute("aria-describedby")).toBeTruthy();
    expect(screen.getByText("Leave empty to generate one.")).toBeTruthy();

    await u.type(firstName, "Jane");
    await u.type(screen.getByLabelText("Last name"), "Doe");
    await u.type(screen.getByLabelText("Username"), "jane");
    await u.type(screen.getByLabelText("Email"), "taken@acme.example");
    await u.type(screen.getByRole("combobox", { name: "Customer ID" }), "ACME");
    await u.type(screen.getByLabelText("Room"), "B-204");
    await u.click(screen.getByRole("button", { name: "Save" }));

    const email = screen.getByLabelText("Email") as HTMLInputElement;
    const said = "The email address taken@acme.example is already used by the customer user jack.";
    await waitFor(() => expect(screen.getByText(said)).toBeTruthy());
    const describedBy = email.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(describedBy)?.textContent).toBe(said);
    expect(email.value).toBe("taken@acme.example");
    expect((screen.getByLabelText("Room") as HTMLInputElement).value).toBe("B-204");

    await u.clear(email);
    await u.type(email, "jane@acme.example");
    await u.click(screen.getByRole("button", { name: "Save" }));

    const dialog = await screen.findByRole("dialog", { name: "Generated password" });
    expect(dialog.textContent).toContain("Gen-Pass-123456");
    await u.click(screen.getByRole("button", { name: "Continue" }));
    expect(router.state.location.pathname).toBe("/customer-users/jane");
  });

  it("refuses to offer the form while no customer exists", async () => {
    const none = {
      request: { query: AnyCustomerQuery },
      result: { data: { customers: { __typename: "CustomerSearchResult", nodes: [] } } },
    };
    renderAt("/customer-users/new", [sources(), none]);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Add a customer first");
    expect(screen.queryByRole("button", { name: "Save" })).toBeNull();
  });

  it("shows a read-only user disabled, with the reason, and without save buttons", async () => {
    const readOnlyUser = {
      request: { query: CustomerUserQuery, variables: { login: "jane" } },
      result: { data: { customerUser: user({ readOnly: true, source: "CustomerUser" }) } },
    };
    const preferences = {
      request: { query: CustomerUserPreferencesQuery, variables: { login: "jane" } },
      result: {
        data: {
          customerUser: {
            __typename: "CustomerUser",
            login: "jane",
            preferences: [{ __typename: "Preference", key: "UserLanguage", value: "nl" }],
          },
        },
      },
    };
    renderAt("/customer-users/jane", [sources(true), readOnlyUser, preferences]);
    const note = await screen.findByRole("note");
    expect(note.textContent).toContain("read-only source");
    expect((screen.getByLabelText("First name") as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText("First name") as HTMLInputElement).value).toBe("Jane");
    expect(screen.queryByRole("button", { name: "Save" })).toBeNull();
    expect(screen.getByRole("link", { name: "Back to the list" })).toBeTruthy();
    // Preferences live in the database by login, so they stay editable for a read-only source.
    const language = await screen.findByLabelText("Language");
    expect((language as HTMLSelectElement).disabled).toBe(false);
    expect((language as HTMLSelectElement).value).toBe("nl");
  });

  it("asks which backend when several are writable, and builds the form from the chosen one's map", async () => {
    const two = sources();
    const [db] = two.result.data.customerUserSources;
    const second = { ...db!, id: "CustomerUser1", name: "Partner database", fields: db!.fields.slice(0, 6) };
    two.result.data.customerUserSources.push(second);
    const router = renderAt("/customer-users/new", [two, anyCustomer]);
    const u = userEvent.setup();

    const choice = await screen.findByLabelText("Source for the new customer user");
    expect(screen.queryByLabelText("First name")).toBeNull();
    await u.selectOptions(choice, "Partner database");
    expect(router.state.location.search).toBe("?source=CustomerUser1");
    expect(await screen.findByLabelText("First name")).toBeTruthy();
    // The partner map has no Room row.
    expect(screen.queryByLabelText("Room")).toBeNull();
  });
});
