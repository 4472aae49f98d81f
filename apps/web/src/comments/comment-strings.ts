/**
 * @module comment-strings
 * The comment UI's English strings ship with the comments code (locales-en.json), not in the
 * bundled English catalog, which a first visit loads (the 250 KB budget); other languages'
 * catalogs hold them already. Importing this module merges them into the English catalog.
 */
import { i18n } from "../i18n/instance.ts";
import commentsEn from "./locales-en.json";

i18n.mergeCatalog("en", commentsEn);
