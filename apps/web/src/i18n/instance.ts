/**
 * @module instance
 * The one i18next instance, without React, so the data layer (@quire/client: relay close
 * messages, device errors) can translate too: `t` always answers in the current interface
 * language. Importing this module registers it as @quire/client's translator.
 *
 * Invariant: English is bundled and loaded synchronously at import (`initAsync: false`), so
 * `t` works before the first render and anywhere; it is the fallback for every language.
 */
import { setClientTranslator } from "@quire/client";
import i18next from "i18next";
import { DEFAULT_LANGUAGE } from "./languages.ts";
// en.json directly, not through load-catalog.ts: that module uses Vite's import.meta.glob, and
// the data layer (which imports this instance) also runs under plain Node in the bench.
import englishCatalog from "./locales/en.json";

export const i18n = i18next.createInstance();

void i18n.init({
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  resources: { en: { translation: englishCatalog } },
  // Other catalogs arrive later through addResourceBundle (i18n.ts), not a backend.
  partialBundledLanguages: true,
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;" in titles.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Translate outside React, in the current interface language. */
export const t = i18n.t.bind(i18n);

// The data layer's messages follow the interface language; their keys are typed against en.json
// (i18next.d.ts), so a key @quire/client adds without a catalog entry fails the typecheck.
setClientTranslator((key, params) => (params === undefined ? t(key) : t(key, params)));
