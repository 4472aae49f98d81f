/**
 * @module class-strings
 * The class dashboard's and sign-in cards' English strings ship in their own chunk
 * (locales-en.json), not in the bundled English catalog: the first visit is at its 250 KB
 * budget and only teachers open these. Importing this module (ClassDashboard.tsx and
 * SignInCards.tsx do) merges them into the English catalog; other languages' catalogs hold
 * them already (fetched when the language is chosen).
 */
import { i18n } from "../i18n/instance.ts";
import classEn from "./locales-en.json";

i18n.mergeCatalog("en", classEn);
