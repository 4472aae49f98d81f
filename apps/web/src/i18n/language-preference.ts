/**
 * @module language-preference
 * The language chosen on this device, remembered in localStorage under `quire.language`
 * (per device, not per person or workspace: a shared class laptop keeps the language its
 * class reads). A test sets it with `context.addInitScript` before the page loads.
 *
 * Invariant: reading never throws — storage may be disabled (private window, policy), in which
 * case the browser's language decides and the choice lasts only for the page.
 */

export const LANGUAGE_STORAGE_KEY = "quire.language";

export function readStoredLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function storeLanguage(code: string): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, code);
  } catch {
    // Storage refused: the choice holds for this page only (see the module invariant).
  }
}
