/**
 * Typed keys: `t("start.title")` is checked against the English catalog at compile time, so a
 * misspelt key fails the typecheck instead of showing the raw key to a student.
 */
import "i18next";
import type en from "./locales/en.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
