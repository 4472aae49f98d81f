/**
 * @module conflict-scan
 * A bounded, read-only estimate of the work Yjs's conflict scan (Item.integrate) would do to
 * integrate decoded structs into a live doc (security review S1).
 *
 * Yjs places a new item by walking from its left origin (or the start of its parent's list)
 * to its right origin, over every item inserted concurrently at that position; for a map
 * entry, over every earlier value of the key. Honest typing finds its right origin at once
 * (0 steps); a doc holding 100,000 concurrent items at one position makes a one-character
 * insert there walk all of them (~45 ms). This walks the same path in the live doc, without
 * splitting or changing anything, and stops at `cap` steps, so a keystroke-sized update can
 * be sent to the worker for a timed trial when its scan would be long.
 *
 * It is an estimate: structs whose origin is in the same update are counted as 0 (their
 * walk covers the update's own items, bounded by its size), and a right origin the doc does
 * not have yet makes the walk run to the end of the list (an over-estimate, which only costs
 * a trial).
 */
import * as Y from "yjs";
import type { DecodedStruct } from "./update-check.ts";

type Id = { client: number; clock: number };

/** The item holding `id`, or null if the doc does not have it (or it was garbage-collected). */
function itemAt(store: Y.Doc["store"], id: Id): Y.Item | null {
  const structs = store.clients.get(id.client);
  const last = structs?.at(-1);
  if (!structs || !last || id.clock >= last.id.clock + last.length) return null;
  const struct = structs[Y.findIndexSS(structs, id.clock)];
  return struct instanceof Y.Item ? struct : null;
}

function holds(item: Y.Item, id: Id | null): boolean {
  return id !== null && item.id.client === id.client && id.clock >= item.id.clock && id.clock < item.id.clock + item.length;
}

/** The list or map an item goes into: a root type by name, a nested type by its item's id, or its right origin's parent. */
function parentOf(doc: Y.Doc, item: Y.Item, right: Y.Item | null): Y.AbstractType<unknown> | null {
  const parent = item.parent as unknown;
  if (typeof parent === "string") return (doc.share.get(parent) as Y.AbstractType<unknown> | undefined) ?? null;
  if (parent !== null && typeof parent === "object" && "client" in parent && "clock" in parent) {
    const holder = itemAt(doc.store, parent as Id);
    return holder?.content instanceof Y.ContentType ? (holder.content.type as Y.AbstractType<unknown>) : null;
  }
  return (right?.parent as Y.AbstractType<unknown> | null) ?? null;
}

function scanOf(doc: Y.Doc, item: Y.Item, cap: number): number {
  const origin = item.origin as Id | null;
  const rightOrigin = item.rightOrigin as Id | null;
  const left = origin ? itemAt(doc.store, origin) : null;
  // The origin comes with this update (or is missing): the walk is over this update's items.
  if (origin && !left) return 0;
  const right = rightOrigin ? itemAt(doc.store, rightOrigin) : null;
  let current: Y.Item | null;
  if (left) {
    // An origin inside `left` splits it there: the walk starts at the split-off rest.
    current = origin && origin.clock < left.id.clock + left.length - 1 ? left : left.right;
  } else {
    const parent = parentOf(doc, item, right);
    if (!parent) return 0;
    if (item.parentSub !== null) {
      // A map entry with no origin: Yjs walks back over every earlier value of the key.
      let steps = 0;
      for (let value = parent._map.get(item.parentSub) ?? null; value !== null && steps < cap; value = value.left) steps++;
      return steps;
    }
    current = parent._start;
  }
  let steps = 0;
  while (current !== null && steps < cap && !holds(current, rightOrigin)) {
    steps++;
    current = current.right;
  }
  return steps;
}

/** Estimated conflict-scan steps for `structs` in `doc`, stopping once `cap` is reached. */
export function conflictScanSteps(doc: Y.Doc, structs: readonly DecodedStruct[], cap: number): number {
  let steps = 0;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    steps += scanOf(doc, struct, cap - steps);
    if (steps >= cap) return steps;
  }
  return steps;
}
