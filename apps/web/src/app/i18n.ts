import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "../locales/en.json";

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

// English is bundled (and the fallback for any missing key); the other languages load on demand, so
// an English-speaking admin does not download them.
const loaders: Record<Exclude<LanguageCode, "en">, () => Promise<{ default: Record<string, unknown> }>> = {
  nl: () => import("../locales/nl.json"),
  de: () => import("../locales/de.json"),
};

async function loadLanguage(code: LanguageCode): Promise<void> {
  if (code === "en" || i18n.hasResourceBundle(code, "translation")) return;
  const bundle = await loaders[code]();
  i18n.addResourceBundle(code, "translation", bundle.default);
}

/** Resolves once the remembered language is ready; render after it to avoid a flash of English. */
export const i18nReady: Promise<void> = i18n
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    lng: "en",
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  .then(async () => {
    const stored = storedLanguage();
    if (stored === "en") return;
    try {
      await loadLanguage(stored);
      await i18n.changeLanguage(stored);
    } catch {
      // The translation could not be loaded: stay in English rather than show nothing.
    }
  });

i18n.on("languageChanged", (lng) => {
  if (typeof document !== "undefined") document.documentElement.lang = lng;
});
if (typeof document !== "undefined") document.documentElement.lang = i18n.language;

export async function changeLanguage(code: LanguageCode): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembered, but the switch still applies to this tab.
  }
  await loadLanguage(code);
  await i18n.changeLanguage(code);
}

export default i18n;
