/**
 * @module use-translation
 * `useTranslation()` for React components: `{ t, i18n }` as react-i18next gave them, from the
 * one translator (instance.ts). The component re-renders when the language changes
 * (useSyncExternalStore on the translator), and `t` is bound to the language it rendered in,
 * a new function per language, so effects that list `t` re-run after a switch.
 */
import { useSyncExternalStore } from "react";
import { i18n } from "./instance.ts";
import type { TFunction, Translator } from "./translator.ts";

export type { TFunction } from "./translator.ts";

const language = (): string => i18n.language;

export function useTranslation(): { t: TFunction; i18n: Translator } {
  const lang = useSyncExternalStore(i18n.subscribe, language, language);
  return { t: i18n.fixedT(lang), i18n };
}
