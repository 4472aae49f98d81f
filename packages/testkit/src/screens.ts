/**
 * @module screens
 * The devices students use, as browser-context settings. Phones and tablets are emulated by
 * Chromium itself (`isMobile` honours the page's viewport meta tag, `hasTouch` gives touch
 * events and `pointer: coarse`), so the responsive layout is tested the way a phone renders it.
 */
import type { BrowserContextOptions } from "playwright-core";

export interface Screen {
  /** Short name used in test titles and screenshot file names. */
  readonly name: string;
  readonly viewport: { width: number; height: number };
  readonly isMobile: boolean;
  readonly hasTouch: boolean;
}

/** A school laptop: the size every existing e2e test was written for. */
export const DESKTOP: Screen = { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false };
/** A small Android phone, the narrowest screen students write on (issue 10). */
export const PHONE: Screen = { name: "phone", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
/** A tablet held upright: exactly the width where the sidebar becomes a drawer or not. */
export const TABLET: Screen = { name: "tablet", viewport: { width: 768, height: 1024 }, isMobile: true, hasTouch: true };

export function contextOptions(screen: Screen): BrowserContextOptions {
  // Scale factor 1 even for phones: screenshots stay small enough to commit.
  return { viewport: screen.viewport, isMobile: screen.isMobile, hasTouch: screen.hasTouch, deviceScaleFactor: 1 };
}
