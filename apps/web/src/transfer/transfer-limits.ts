/**
 * @module transfer-limits
 * Limits on files a student imports (a file is untrusted input: it may be a renamed video,
 * a zip bomb or machine-made markup). Each is checked BEFORE the document is created, so a
 * refused file leaves nothing behind. See apps/web/README.md "Resource limits".
 */

/**
 * Largest file accepted for import: 10 MiB. A document with its pictures is synced to every
 * member and the relay refuses messages over 8 MiB; a file larger than this would not fit
 * once its pictures (1 MiB each at most) are inside the document anyway.
 */
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Most bytes a DOCX may inflate to: 40 MiB. DOCX is a zip; a small zip can claim (or really
 * hold) gigabytes of XML (a "zip bomb"). We inflate every entry ourselves with this budget
 * before the converter sees the file, and stop at the first byte over it.
 */
export const MAX_DOCX_INFLATED_BYTES = 40 * 1024 * 1024;

/** Most entries a DOCX zip may have: 2,000 (Word writes ~15–40; each entry costs parsing). */
export const MAX_DOCX_ENTRIES = 2_000;

/**
 * Deepest element nesting accepted in imported HTML: 64. Real documents (lists 6 deep inside
 * tables) stay far below; Lexical's DOM import recurses per level, so 100,000 nested <div>s
 * would overflow the stack — we refuse such a file with a clear message instead.
 */
export const MAX_HTML_DEPTH = 64;
