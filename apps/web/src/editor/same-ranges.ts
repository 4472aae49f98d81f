/**
 * @module same-ranges
 * Whether two maps of highlighted ranges (comments, suggestions) mark the same text, so a
 * plugin can keep its previous state and skip a re-render. Both plugins recompute their
 * ranges after every editor update; a fresh Map each time re-rendered the comments bar (and
 * repainted the highlights) on every keystroke and every classmate's keystroke: 1.5 s of
 * rendering in 100 keys at a 4× CPU throttle (bench/FINDINGS.md F16), although nothing shown
 * had changed — with no comments at all, an empty map replaced an empty map.
 */

function sameRange(a: Range, b: Range): boolean {
  return a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;
}

/** Same keys in the same order, each with a range over the same nodes and offsets. */
export function sameRanges(a: ReadonlyMap<string, Range>, b: ReadonlyMap<string, Range>): boolean {
  if (a.size !== b.size) return false;
  const other = b.entries();
  for (const [key, range] of a) {
    const next = other.next();
    if (next.done || next.value[0] !== key || !sameRange(range, next.value[1])) return false;
  }
  return true;
}

/** Identical, or equal bytes, or plain objects with the same fields compared this way. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((byte, i) => byte === b[i]);
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * Same length, and each item has the same fields: identical values, equal bytes, or plain
 * objects (a suggestion's author) with the same fields. Other objects (a Yjs type) by identity.
 */
export function sameItems<T extends object>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
}
