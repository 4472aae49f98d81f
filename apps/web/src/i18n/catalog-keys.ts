/**
 * @module catalog-keys
 * Flattens a nested catalog to dotted keys and groups plural forms (`key_one`, `key_other`, …)
 * under their base key — the shape catalog.test.ts compares languages in.
 */

export type CatalogTree = { readonly [key: string]: string | CatalogTree };

export const PLURAL_SUFFIXES = ["zero", "one", "two", "few", "many", "other"] as const;
const PLURAL_RE = new RegExp(`^(.*)_(${PLURAL_SUFFIXES.join("|")})$`);

/** Dotted key → text. Throws on a value that is neither a string nor a nested object. */
export function flattenCatalog(tree: CatalogTree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else if (value && typeof value === "object") for (const [k, v] of flattenCatalog(value, path)) out.set(k, v);
    else throw new Error(`catalog value at ${path} is not text`);
  }
  return out;
}

/** Splits `a.b_few` into { base: "a.b", form: "few" }; form is null for a plain key. */
export function pluralForm(key: string): { base: string; form: string | null } {
  const match = PLURAL_RE.exec(key);
  return match?.[1] !== undefined && match[2] !== undefined ? { base: match[1], form: match[2] } : { base: key, form: null };
}

/** The `{{name}}` placeholders of a text, sorted. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] ?? "").sort();
}
