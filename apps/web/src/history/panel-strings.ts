/**
 * @module panel-strings
 * The history panel's English strings ship in its own chunk (locales-en.json), not in the
 * bundled English catalog: the first visit is at its 250 KB budget and most visits never open
 * History. Importing this module (HistoryPanel.tsx and AwayNotice.tsx do) merges them into the English
 * catalog; other languages' catalogs hold them already (fetched when the language is chosen).
 */
import { i18n } from "../i18n/instance.ts";
import panelEn from "./locales-en.json";

// deep: add to the bundled `history` section; no overwrite: the bundled keys stay as they are.
i18n.mergeCatalog("en", panelEn);
