/**
 * @module sideways
 * "Nothing scrolls or sticks out sideways" on a narrow screen, measured in the page: the
 * document is no wider than the viewport, the document pane does not scroll sideways, and no
 * visible element reaches past the viewport's left or right edge. An element inside a
 * container that clips or scrolls sideways on purpose (the toolbar's one scrolling row) is
 * judged by that container instead; hidden elements (the closed drawer) are not judged.
 */
import type { Page } from "playwright-core";

export interface SidewaysReport {
  /** documentElement.scrollWidth − innerWidth, when positive. */
  page: number;
  /** The document pane's sideways scroll range, when positive. */
  pane: number;
  /** Visible elements reaching past the viewport's edges: "tag.class (left…right)". */
  outside: string[];
}

export function sideways(page: Page): Promise<SidewaysReport> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const pane = document.querySelector<HTMLElement>(".workspace-main");
    const clipsSideways = (el: Element) => el !== document.documentElement && el !== document.body && getComputedStyle(el).overflowX !== "visible";
    const outside: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const style = getComputedStyle(el);
      if (style.visibility !== "visible" || style.display === "contents") continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.left >= -1 && box.right <= width + 1) continue;
      let clipped = false;
      for (let up = el.parentElement; up && !clipped; up = up.parentElement) clipped = clipsSideways(up);
      if (!clipped) outside.push(`${el.tagName.toLowerCase()}.${String(el.className)} (${Math.round(box.left)}…${Math.round(box.right)})`);
    }
    return {
      page: Math.max(0, document.documentElement.scrollWidth - width),
      pane: pane ? Math.max(0, pane.scrollWidth - pane.clientWidth) : 0,
      outside: outside.slice(0, 10),
    };
  });
}
