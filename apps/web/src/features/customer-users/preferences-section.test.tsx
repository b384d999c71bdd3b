import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { CustomerUserPreferencesQuery, SetCustomerUserPreferencesMutation } from "./operations";
import { draftFromPreferences, PreferencesSection, preferencesFromDraft } from "./preferences-section";

const pref = (key: string, value: string) => ({ __typename: "Preference" as const, key, value });
const stored = [
  pref("UserLanguage", "nl"),
  pref("UserRefreshTime", "5"),
  pref("UserTimeZone", "Europe/Amsterdam"),
];

const query = {
  request: { query: CustomerUserPreferencesQuery, variables: { login: "jane" } },
  result: {
    data: { customerUser: { __typename: "CustomerUser" as const, login: "jane", preferences: stored } },
  },
};

describe("draft helpers", () => {
  it("split language and time zone from the other rows and join them back", () => {
    const draft = draftFromPreferences(stored);
    expect(draft.language).toBe("nl");
    expect(draft.timeZone).toBe("Europe/Amsterdam");
    expect(draft.others.map((r) => [r.key, r.value])).toEqual([["UserRefreshTime", "5"]]);
    expect(preferencesFromDraft({ ...draft, timeZone: "" })).toEqual([
      { key: "UserLanguage", value: "nl" },
      { key: "UserRefreshTime", value: "5" },
    ]);
  });
});

describe("PreferencesSection", () => {
  it("shows the stored preferences and saves the edited set", async () => {
    const saved = vi.fn(() => ({
      data: {
        setCustomerUserPreferences: {
          __typename: "CustomerUser" as const,
          login: "jane",
          preferences: [
            pref("UserLanguage", "de"),
            pref("UserShowTickets", "25"),
            pref("UserTimeZone", "Europe/Amsterdam"),
          ],
        },
      },
    }));
    const mutation = {
      request: {
        query: SetCustomerUserPreferencesMutation,
        variables: {
          login: "jane",
          preferences: [
            { key: "UserLanguage", value: "de" },
            { key: "UserTimeZone", value: "Europe/Amsterdam" },
            { key: "UserShowTickets", value: "25" },
          ],
        },
      },
      result: saved,
    };
    render(
      <MockedProvider mocks={[query, mutation]}>
        <PreferencesSection login="jane" />
      </MockedProvider>,
    );
    const language = await screen.findByLabelText("Language");
    expect(language).toHaveProperty("value", "nl");
    expect(screen.getByLabelText("Time zone")).toHaveProperty("value", "Europe/Amsterdam");
    expect(screen.getByLabelText("Key of preference 1")).toHaveProperty("value", "UserRefreshTime");

    const user = userEvent.setup();
    await user.selectOptions(language, "de");
    await user.click(screen.getByRole("button", { name: "Remove preference 1" }));
    expect(screen.getByText("No other preferences.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Add preference" }));
    await user.type(screen.getByLabelText("Key of preference 1"), "UserShowTickets");
    await user.type(screen.getByLabelText("Value of preference 1"), "25");
    await user.click(screen.getByRole("button", { name: "Save preferences" }));
    await waitFor(() => expect(saved).toHaveBeenCalledTimes(1));
  });

  it("an empty key is refused before sending; a server refusal shows beside its row", async () => {
    const mutation = {
      request: {
        query: SetCustomerUserPreferencesMutation,
        variables: {
          login: "jane",
          preferences: [
            { key: "UserLanguage", value: "nl" },
            { key: "UserTimeZone", value: "Europe/Amsterdam" },
            { key: "UserEmail", value: "5" },
          ],
        },
      },
      result: {
        errors: [
          new GraphQLError('"UserEmail" is customer-user data, not a preference.', {
            extensions: {
              code: "BAD_USER_INPUT",
              field: "preferences.2.key",
              params: { reason: "preferenceIsData", value: "UserEmail" },
            },
          }),
        ],
      },
    };
    render(
      <MockedProvider mocks={[query, mutation]}>
        <PreferencesSection login="jane" />
      </MockedProvider>,
    );
    const key = await screen.findByLabelText("Key of preference 1");
    const user = userEvent.setup();
    await user.clear(key);
    await user.click(screen.getByRole("button", { name: "Save preferences" }));
    expect(await screen.findByText("This field is required.")).toBeTruthy();

    await user.type(key, "UserEmail");
    await user.click(screen.getByRole("button", { name: "Save preferences" }));
    const row = (await screen.findByText(/is customer-user data/)).closest("tr");
    expect(row).not.toBeNull();
    expect(within(row as HTMLElement).getByLabelText("Key of preference 1")).toBe(key);
  });
});
