/**
 * @module suggestion-strings
 * The suggestion list's English strings ship in the suggestion chunk (locales-en.json), not in
 * the bundled English catalog a first visit loads; other languages' catalogs hold them already.
 */
import { i18n } from "../i18n/instance.ts";
import suggestionsEn from "./locales-en.json";

i18n.mergeCatalog("en", suggestionsEn);
