import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import de from "../locales/de.json";
import en from "../locales/en.json";
import nl from "../locales/nl.json";

export const LANGUAGES = [
  { code: "en", name: "English" },
  { code: "nl", name: "Nederlands" },
  { code: "de", name: "Deutsch" },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]["code"];

const STORAGE_KEY = "clientele.language";

function storedLanguage(): LanguageCode {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (LANGUAGES.some((l) => l.code === stored)) return stored as LanguageCode;
  } catch {
    // Private mode or storage disabled: fall back to English.
  }
  return "en";
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, nl: { translation: nl }, de: { translation: de } },
  lng: storedLanguage(),
  fallbackLng: "en",
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on("languageChanged", (lng) => {
  if (typeof document !== "undefined") document.documentElement.lang = lng;
});
if (typeof document !== "undefined") document.documentElement.lang = i18n.language;

export function changeLanguage(code: LanguageCode): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembered, but the switch still applies to this tab.
  }
  void i18n.changeLanguage(code);
}

export default i18n;
