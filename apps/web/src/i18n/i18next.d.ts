/**
 * Typed keys: `t("start.title")` is checked against the English catalog at compile time, so a
 * misspelt key fails the typecheck instead of showing the raw key to a student.
 */
import "i18next";
import type historyEn from "../history/locales-en.json";
import type en from "./locales/en.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    // The history panel's English strings ship in its own chunk (history/locales-en.json).
    resources: { translation: typeof en & typeof historyEn };
  }
}
