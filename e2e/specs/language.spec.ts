import { expect, test } from "../fixtures/test";
import { makeUiData } from "../fixtures/ui-data";
import { AppFrame } from "../pages/app-frame";

test("switching to Dutch translates the frame and forms and is remembered", async ({ admin, api }) => {
  const { login } = await makeUiData(api, "lang");
  await admin.goto("/customer-users");
  const frame = new AppFrame(admin);
  await frame.chooseLanguage("Nederlands");

  await expect(frame.navLink("Klanten")).toBeVisible();
  await expect(frame.navLink("Klantgebruikers")).toBeVisible();
  await expect(admin.getByRole("heading", { name: "Klantgebruikers beheren" })).toBeVisible();
  await expect(admin.getByRole("link", { name: "Klantgebruiker toevoegen" })).toBeVisible();
  await expect(admin.locator("html")).toHaveAttribute("lang", "nl");

  await admin.goto(`/customer-users/${login}`);
  await expect(admin.getByLabel("Geldigheid", { exact: true })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Opslaan", exact: true })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Opslaan en afronden" })).toBeVisible();
  await expect(admin.getByRole("link", { name: "Annuleren" })).toBeVisible();

  // Remembered across a reload; validation messages follow the language too.
  await admin.reload();
  await admin.getByLabel("Achternaam", { exact: true }).fill("");
  await admin.getByRole("button", { name: "Opslaan", exact: true }).click();
  await expect(admin.getByLabel("Achternaam", { exact: true })).toHaveAccessibleDescription(
    "Dit veld is verplicht.",
  );

  await frame.chooseLanguage("Deutsch");
  await expect(frame.navLink("Kundenbenutzer")).toBeVisible();
  await expect(admin.getByRole("button", { name: "Speichern und abschließen" })).toBeVisible();
});
