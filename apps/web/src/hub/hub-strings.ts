/**
 * @module hub-strings
 * The classroom hub panel's English strings ship with it (locales-en.json), not in the bundled
 * English catalog nor the precached class chunk: the first visit is at its 250 KB budget and
 * only a teacher on a hub sees them. Importing this module (HubSection.tsx does) merges them
 * into the English catalog; other languages' catalogs hold them already.
 */
import { i18n } from "../i18n/instance.ts";
import hubEn from "./locales-en.json";

i18n.mergeCatalog("en", hubEn);
