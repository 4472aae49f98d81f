/**
 * @module language-checks
 * What "this screen is properly translated and fits a phone" means, measured in the page
 * (issue 16, acceptance: "no missing keys and no text overflow at 360 px"):
 *
 * - no raw key: no visible text or accessible label (aria-label, title, placeholder, alt) is a
 *   catalog key (the translator shows the key itself when a translation is missing) or still holds
 *   an un-interpolated `{{placeholder}}`;
 * - no English left behind: no such text equals the English text of a key whose translation
 *   differs (a string translated once, at import, before the language loaded, stays English);
 * - nothing overflows sideways: the page is no wider than the viewport, no visible button
 *   clips its own text (scrollWidth ≤ clientWidth + 1) and no empty field cuts its placeholder,
 *   which is how a longer translation shows up first.
 *
 * The checks read only what the page renders, never the component tree, so they hold for
 * whichever component draws the text.
 */
import type { Page } from "playwright-core";

export interface TextProblems {
  /** Texts shown as they are that are catalog keys or hold `{{…}}`. */
  rawKeys: string[];
  /** Texts equal to the English of a key this language translates differently. */
  english: string[];
}

/**
 * Every visible text node and label-like attribute of the page, trimmed, deduplicated.
 * Text inside the editor's page is the student's, not the interface's, and is left out.
 */
export function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>();
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      return style.visibility === "visible" && style.display !== "none" && el.getClientRects().length > 0;
    };
    const inEditor = (el: Element) => el.closest("[contenteditable='true']") !== null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? "";
      if (!parent || text === "" || inEditor(parent) || !visible(parent)) continue;
      out.add(text);
    }
    // A select's options are not laid out until it opens: read them from every shown select.
    for (const select of document.body.querySelectorAll("select")) {
      if (!visible(select)) continue;
      for (const option of select.options) if (option.text.trim()) out.add(option.text.trim());
    }
    // Labels count even on elements hidden from sight: screen readers and tooltips read them.
    for (const el of document.body.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
      if (inEditor(el)) continue;
      for (const name of ["aria-label", "title", "placeholder", "alt"]) {
        const value = el.getAttribute(name)?.trim();
        if (value) out.add(value);
      }
    }
    out.add(document.title);
    return [...out];
  });
}

/** A whole text that looks like a dotted catalog key ("sidebar.newDocument"). */
const KEY_SHAPE = /^[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+$/;

/**
 * Judges `texts` against the catalogs: `keys` are every key of the English catalog (plural
 * forms included, and their base keys), `untranslated` the English texts this language must
 * have replaced (empty for English itself).
 */
export function textProblems(texts: readonly string[], keys: ReadonlySet<string>, untranslated: ReadonlySet<string>): TextProblems {
  return {
    rawKeys: texts.filter((text) => keys.has(text) || KEY_SHAPE.test(text) || /\{\{.*\}\}/.test(text)),
    english: texts.filter((text) => untranslated.has(text)),
  };
}

export interface Overflow {
  /** documentElement.scrollWidth − innerWidth, when positive. */
  page: number;
  /** Visible buttons whose text is wider than the button, and empty fields whose placeholder is cut. */
  clipped: string[];
}

export function overflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const clipped: string[] = [];
    // Buttons only: an inline element has no client width to compare, and a <select> clips
    // its option text without reporting it.
    for (const el of document.querySelectorAll<HTMLElement>("button")) {
      const style = getComputedStyle(el);
      if (style.visibility !== "visible" || el.getClientRects().length === 0) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60) || (el.getAttribute("aria-label") ?? el.tagName);
        clipped.push(`${text} (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    // A field's placeholder is cut without a trace in scrollWidth: measure its text instead.
    const context = document.createElement("canvas").getContext("2d");
    for (const el of document.querySelectorAll<HTMLInputElement>("input[placeholder]")) {
      const style = getComputedStyle(el);
      if (!context || el.value !== "" || style.visibility !== "visible" || el.getClientRects().length === 0) continue;
      context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = el.clientWidth - Number.parseFloat(style.paddingInlineStart) - Number.parseFloat(style.paddingInlineEnd);
      const needed = context.measureText(el.placeholder).width;
      if (needed > room + 1) clipped.push(`placeholder "${el.placeholder}" (${Math.ceil(needed)} > ${Math.floor(room)})`);
    }
    return { page: Math.max(0, document.documentElement.scrollWidth - window.innerWidth), clipped };
  });
}
