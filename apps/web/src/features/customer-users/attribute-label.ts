import type { TFunction } from "i18next";

/** OTOBO's attributes have translated labels; custom ones (e.g. `UserRoom`) keep the map's label. */
export function attributeLabel(t: TFunction, attribute: string, mapLabel: string): string {
  const key = `attribute.${attribute}`;
  const translated = t(key, { defaultValue: "" });
  return translated && translated !== key ? translated : mapLabel;
}
