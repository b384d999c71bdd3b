import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { afterEach, describe, expect, test } from "vitest";
import de from "../locales/de.json";
import en from "../locales/en.json";
import nl from "../locales/nl.json";
import { errorMessage, isNetworkError, saveFailedToast, serverErrors } from "./errors";
import i18n, { changeLanguage } from "./i18n";

function refusal(
  extensions: Record<string, unknown>,
  message = "The English message for API users.",
): unknown {
  return new CombinedGraphQLErrors({ data: null, errors: [{ message, extensions }] });
}

/** Every leaf string of a locale file. */
function leaves(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value))
      for (const [p, s] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, s);
  return out;
}

afterEach(async () => {
  await changeLanguage("en");
});

describe("server refusals in the admin's language", () => {
  test("a duplicate login names the login, from extensions, not from the English message", async () => {
    const error = refusal({ code: "CONFLICT", field: "login", params: { value: "okafor" } });
    expect(errorMessage(error)).toBe(
      "The login okafor is already taken; logins are unique regardless of case.",
    );
    await changeLanguage("nl");
    expect(errorMessage(error)).toBe(
      "De login okafor is al in gebruik; logins zijn uniek, ongeacht hoofdletters.",
    );
    await changeLanguage("de");
    expect(errorMessage(error)).toContain("Das Login okafor ist bereits vergeben");
  });

  test("reason beats field, field beats the code's general sentence", async () => {
    await changeLanguage("nl");
    expect(
      errorMessage(
        refusal({
          code: "BAD_USER_INPUT",
          field: "customerId",
          params: { reason: "unknownCustomer", value: "NOPE" },
        }),
      ),
    ).toBe("Er is geen klant met ID NOPE; kies een bestaande klant.");
    expect(errorMessage(refusal({ code: "CONFLICT", params: { stale: "true", value: "x" } }))).toContain(
      "Iemand anders",
    );
    expect(errorMessage(refusal({ code: "BAD_USER_INPUT", field: "input.street" }))).toBe(
      "Deze waarde wordt niet geaccepteerd.",
    );
    expect(errorMessage(refusal({ code: "NOT_FOUND", field: "logins.3", params: { value: "ghost" } }))).toBe(
      "Er is geen klantgebruiker ghost.",
    );
    expect(errorMessage(refusal({ code: "NOT_FOUND", field: "grants.0.login", login: "ghost" }))).toBe(
      "Er is geen klantgebruiker ghost.",
    );
  });

  test("an unknown code still reads as a sentence in the language, never the English message", async () => {
    await changeLanguage("de");
    const message = errorMessage(refusal({ code: "SOMETHING_NEW" }, "English only"));
    expect(message).toBe(de.errors.server.unknown);
  });

  test("a failed fetch is a network problem, said as such, and the toast does not ask to check fields", async () => {
    await changeLanguage("nl");
    const offline = new TypeError("Failed to fetch");
    expect(isNetworkError(offline)).toBe(true);
    expect(errorMessage(offline)).toBe(nl.errors.network);
    expect(saveFailedToast(offline, false)).toBe(`Niet opgeslagen: ${nl.errors.network}`);
    expect(saveFailedToast(refusal({ code: "BAD_USER_INPUT", field: "email" }), true)).toBe(
      nl.form.saveFailed,
    );
    expect(serverErrors(offline)[0]?.message).not.toContain("Failed to fetch");
  });

  test("common input refusals say what is wrong, not only that the value is not accepted", async () => {
    const tooLong = refusal({
      code: "BAD_USER_INPUT",
      field: "city",
      params: { reason: "tooLong", max: 200 },
    });
    const required = refusal({ code: "BAD_USER_INPUT", field: "lastName", params: { reason: "required" } });
    const email = refusal({
      code: "BAD_USER_INPUT",
      field: "email",
      params: { reason: "email", value: "a@b" },
    });
    const lastAdmin = refusal({
      code: "PRECONDITION_FAILED",
      params: { reason: "lastAdmin", value: "root" },
    });
    expect(errorMessage(tooLong)).toBe("Too long: at most 200 characters.");
    expect(errorMessage(email)).toBe("a@b is not a valid email address.");
    await changeLanguage("de");
    expect(errorMessage(tooLong)).toBe("Zu lang: höchstens 200 Zeichen.");
    expect(errorMessage(required)).toBe("Dieses Feld ist erforderlich.");
    expect(errorMessage(lastAdmin)).toMatch(/^root ist der letzte gültige Administrator/);
    await changeLanguage("nl");
    expect(errorMessage(email)).toBe("a@b is geen geldig e-mailadres.");
    expect(errorMessage(required)).toBe("Dit veld is verplicht.");
  });

  test("the locales have the same keys and the same placeholders", () => {
    const base = leaves(en);
    for (const other of [nl, de]) {
      const keys = leaves(other);
      expect([...keys.keys()].sort()).toEqual([...base.keys()].sort());
      for (const [key, text] of base) {
        const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        expect(placeholders(keys.get(key) ?? ""), key).toEqual(placeholders(text));
      }
    }
    expect(i18n.language).toBe("en");
  });
});
