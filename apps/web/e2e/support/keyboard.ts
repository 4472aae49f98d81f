/**
 * @module keyboard
 * Driving the app the way a student without a mouse does: Tab / Shift+Tab until the control
 * they want has focus, then Enter or Space. `focused()` describes the focused element by its
 * accessible name (aria-label, else its <label>, else its text) and whether a focus ring is
 * drawn, so a test can also check that focus is visible wherever it lands.
 */
import type { Page } from "playwright-core";

export interface Focused {
  tag: string;
  role: string | null;
  name: string;
  /** An outline (or a box-shadow ring) is drawn around it. */
  ringVisible: boolean;
}

export function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
    const wrapping = el.closest("label");
    const name = (
      el.getAttribute("aria-label") ??
      labelled?.textContent ??
      wrapping?.firstChild?.textContent ??
      el.textContent ??
      ""
    ).trim();
    const style = getComputedStyle(el);
    const ringVisible = (style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
    return { tag: el.tagName.toLowerCase(), role: el.getAttribute("role"), name, ringVisible };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's name matches; returns it. Fails
 * after `max` presses with the names it passed, so a missing control is easy to see.
 */
export async function tabTo(page: Page, name: string | RegExp, options: { backwards?: boolean; max?: number } = {}): Promise<Focused> {
  const matches = (n: string) => (typeof name === "string" ? n === name : name.test(n));
  const passed: string[] = [];
  const start = await focused(page);
  if (start && matches(start.name)) return start;
  for (let i = 0; i < (options.max ?? 60); i++) {
    await page.keyboard.press(options.backwards ? "Shift+Tab" : "Tab");
    const now = await focused(page);
    if (now && matches(now.name)) return now;
    passed.push(now ? `${now.tag}:${now.name.slice(0, 40)}` : "(body)");
  }
  throw new Error(`Tab never reached ${String(name)}; it passed ${passed.join(" | ")}`);
}

/**
 * An init script counting trusted pointer and mouse presses on the page: a keyboard-only run
 * ends with 0 (Enter and Space on a button fire `click`, never `pointerdown`/`mousedown`).
 */
export const COUNT_POINTER_PRESSES = `
  window.__pointerPresses = 0;
  for (const type of ["pointerdown", "mousedown"]) {
    window.addEventListener(type, (e) => { if (e.isTrusted) window.__pointerPresses++; }, true);
  }
`;

export function pointerPresses(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __pointerPresses: number }).__pointerPresses);
}

/**
 * Waits until the editor itself (not only the DOM) has `text` selected: Lexical takes the DOM
 * selection on the asynchronous `selectionchange`, and a shortcut pressed before that formats
 * the old caret instead.
 */
export async function waitForEditorSelection(page: Page, text: string): Promise<void> {
  await page.waitForFunction((wanted) => {
    type State = { read<T>(fn: () => T): T; _selection: { getTextContent(): string } | null };
    const root = document.querySelector('[data-lexical-editor="true"]') as (HTMLElement & { __lexicalEditor?: { getEditorState(): State } }) | null;
    const state = root?.__lexicalEditor?.getEditorState();
    return state?.read(() => state._selection?.getTextContent()) === wanted;
  }, text);
}
