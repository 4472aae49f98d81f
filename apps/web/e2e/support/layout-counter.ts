/**
 * @module layout-counter
 * Counts, inside the page, the work a caret redraw makes the browser do, without timing it:
 * geometry reads (Range and Element rects), DOM writes (inline style changes, child list
 * changes) and the forced layouts between them — a geometry read that comes after a write
 * since the last read has to lay the page out again first (a forced synchronous layout).
 * Per animation frame the largest count is kept; totals run on. Evaluate
 * `installLayoutCounter` in the page once (it patches the prototypes of that page only), read
 * `globalThis.__layoutCounts`, reset with `resetLayoutCounts`.
 */

export interface LayoutCounts {
  /** Geometry reads in all. */
  reads: number;
  /** Inline style writes (CSSStyleDeclaration setProperty / removeProperty) in all. */
  styleWrites: number;
  /** Reads that came after a write since the previous read: each forced a layout. */
  forcedLayouts: number;
  /** The most forced layouts in one animation frame. */
  maxForcedPerFrame: number;
  /** The most geometry reads in one animation frame. */
  maxReadsPerFrame: number;
}

/** Runs in the page (serialised by Playwright: self-contained, no imports). */
export function installLayoutCounter(): void {
  const counts: LayoutCounts = { reads: 0, styleWrites: 0, forcedLayouts: 0, maxForcedPerFrame: 0, maxReadsPerFrame: 0 };
  (globalThis as unknown as { __layoutCounts: LayoutCounts }).__layoutCounts = counts;
  let dirty = false;
  let forcedThisFrame = 0;
  let readsThisFrame = 0;
  const read = <T extends object, K extends keyof T>(proto: T, key: K) => {
    const original = proto[key] as unknown as (...args: unknown[]) => unknown;
    (proto as Record<K, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
      counts.reads++;
      readsThisFrame++;
      if (dirty) {
        counts.forcedLayouts++;
        forcedThisFrame++;
        dirty = false;
      }
      return original.apply(this, args);
    };
  };
  const write = <T extends object, K extends keyof T>(proto: T, key: K, style: boolean) => {
    const original = proto[key] as unknown as (...args: unknown[]) => unknown;
    (proto as Record<K, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
      if (style) counts.styleWrites++;
      dirty = true;
      return original.apply(this, args);
    };
  };
  read(Range.prototype, "getBoundingClientRect");
  read(Range.prototype, "getClientRects");
  read(Element.prototype, "getBoundingClientRect");
  read(Element.prototype, "getClientRects");
  write(CSSStyleDeclaration.prototype, "setProperty", true);
  write(CSSStyleDeclaration.prototype, "removeProperty", true);
  write(Node.prototype, "appendChild", false);
  write(Node.prototype, "removeChild", false);
  write(Node.prototype, "insertBefore", false);
  const frame = () => {
    counts.maxForcedPerFrame = Math.max(counts.maxForcedPerFrame, forcedThisFrame);
    counts.maxReadsPerFrame = Math.max(counts.maxReadsPerFrame, readsThisFrame);
    forcedThisFrame = 0;
    readsThisFrame = 0;
    // The frame's own rendering lays out whatever was written before it.
    dirty = false;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Runs in the page: zeroes the counts (after installLayoutCounter). */
export function resetLayoutCounts(): void {
  const counts = (globalThis as unknown as { __layoutCounts: LayoutCounts }).__layoutCounts;
  for (const key of Object.keys(counts) as (keyof LayoutCounts)[]) counts[key] = 0;
}

/** Runs in the page: the counts so far. */
export function readLayoutCounts(): LayoutCounts {
  return { ...(globalThis as unknown as { __layoutCounts: LayoutCounts }).__layoutCounts };
}
