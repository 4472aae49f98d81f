/**
 * @module file-name
 * File names from document titles. A title is anything a classmate typed (synced, untrusted):
 * it may hold `/`, `..`, control characters or a Windows device name, and inside a zip a
 * path separator would become a folder (or, unzipped carelessly, a path outside it).
 */

/** Longest base name kept: 100 characters (titles allow 200; some file systems cap paths at 255 bytes). */
const MAX_BASE_LENGTH = 100;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** `title` as a safe file name with `extension` ("docx", "md"…); `fallback` when nothing is left. */
export function fileNameFor(title: string, extension: string, fallback = "document"): string {
  let base = title
    .normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+|\.+$/g, "")
    .trim();
  base = [...base].slice(0, MAX_BASE_LENGTH).join("").trim();
  if (base === "" || WINDOWS_RESERVED.test(base)) base = fallback;
  return `${base}.${extension}`;
}

/** Makes names unique in one zip: "Report.md", "Report (2).md"… (case-insensitive, as Windows and macOS are). */
export function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf(".");
    const [base, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    let candidate = name;
    for (let n = 2; seen.has(candidate.toLowerCase()); n++) candidate = `${base} (${n})${extension}`;
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

/** The title an imported file gets: its name without the extension. */
export function titleFromFileName(name: string): string {
  return name.replace(/\.[a-z0-9]{1,5}$/i, "").trim();
}
