/**
 * @module transfer-strings
 * The export chunk's English strings (the authorship appendix) ship with it (locales-en.json),
 * not in the bundled English catalog a first visit loads (the 250 KB budget); other languages'
 * catalogs hold them already. Importing this module merges them into the English catalog.
 */
import { i18n } from "../i18n/instance.ts";
import transferEn from "./locales-en.json";

i18n.mergeCatalog("en", transferEn);
