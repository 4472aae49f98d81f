/**
 * @module instance
 * The one translator (translator.ts), without React, so the data layer (@quire/client: relay
 * close messages, device errors) can translate too: `t` always answers in the current interface
 * language. Importing this module registers it as @quire/client's translator.
 *
 * Invariant: English is bundled and loaded synchronously at import, so `t` works before the
 * first render and anywhere; it is the fallback for every language.
 */
import { setClientTranslator } from "@quire/client";
import { DEFAULT_LANGUAGE } from "./languages.ts";
// en.json directly, not through load-catalog.ts: that module uses Vite's import.meta.glob, and
// the data layer (which imports this instance) also runs under plain Node in the bench.
import englishCatalog from "./locales/en.json";
import { Translator } from "./translator.ts";

export const i18n = new Translator(DEFAULT_LANGUAGE, englishCatalog);

/** Translate outside React, in the current interface language. */
export const t = i18n.t;

// The data layer's messages follow the interface language; their keys are typed against en.json
// (translator.ts TranslationKey), so a key @quire/client adds without a catalog entry fails the
// typecheck.
setClientTranslator((key, params) => t(key, params));
