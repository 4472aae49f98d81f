/**
 * @module comment-placement
 * One decoding of an update, shared by the relay's comment checks (comment-only-check.ts:
 * does a commenter write only comments; comment-author-check.ts: is every inserted comment
 * author the sender): where each struct the update inserts will live, found without
 * integrating it.
 *
 * A decoded item names its parent as a root name (string), as the ID of the item holding its
 * parent type, or not at all — then it shares the parent of its left (else right) origin.
 * IDs are resolved first against the update's own structs, then against the room's live
 * doc; a chain of items is followed iteratively and every item on it gets the same verdict
 * (memoised), so a long chain costs one step per item.
 *
 * Budget: every lookup (one binary search) is one step; beyond `maxSteps` the caller gets
 * {@link OverBudget} and refuses the update (COMMENT_CHECK_STEPS in the README).
 *
 * Invariants:
 * - An ID the relay does not know (neither in the update nor in the doc) is never "inside
 *   comments": unknown means refused.
 * - An item whose origin or parent is a GC struct cannot be placed: not inside comments.
 */
import * as Y from "yjs";
import { COMMENTS_ROOT } from "@quire/comments";

export type Struct = Y.Item | Y.GC;

/** Thrown when a check spends more than its step budget. */
export class OverBudget extends Error {}

export interface CommentPlacement {
  readonly decoded: ReturnType<typeof Y.decodeUpdate>;
  /** Will this item of the update (not yet integrated) live under the comments root? */
  placeOwn(item: Y.Item): boolean;
  /** The update's own struct holding (client, clock), if any. */
  findOwn(client: number, clock: number): Struct | undefined;
  /** The live doc's struct holding (client, clock), if any. */
  findInDoc(client: number, clock: number): Struct | undefined;
  /** Is an integrated item of the live doc under the comments root? */
  docItemInComments(item: Y.Item): boolean;
  /** Counts one step; throws OverBudget past the budget. */
  spend(): void;
}

/**
 * `rootName`: the top-level type to place by — `comments` by default; the author check also
 * places suggestions (@quire/comments SUGGESTIONS_ROOT) the same way.
 */
export function placeComments(doc: Y.Doc, update: Uint8Array, maxSteps: number, rootName: string = COMMENTS_ROOT): CommentPlacement | { error: string } {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return { error: `malformed Yjs update: ${error instanceof Error ? error.message : String(error)}` };
  }
  let steps = 0;
  const spend = () => {
    if (++steps > maxSteps) throw new OverBudget();
  };
  const own = new Map<number, Struct[]>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const list = own.get(struct.id.client);
    if (list) list.push(struct as Struct);
    else own.set(struct.id.client, [struct as Struct]);
  }
  const root = doc.share.get(rootName);
  const memo = new Map<Y.Item, boolean>();

  const findOwn = (client: number, clock: number): Struct | undefined => {
    spend();
    const list = own.get(client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid] as Struct;
      if (clock < s.id.clock) hi = mid - 1;
      else if (clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  };
  const findInDoc = (client: number, clock: number): Struct | undefined => {
    spend();
    const list = doc.store.clients.get(client);
    if (!list || clock >= Y.getState(doc.store, client)) return undefined;
    return list[Y.findIndexSS(list, clock)] as Struct;
  };
  const docItemInComments = (item: Y.Item): boolean => {
    let type = item.parent;
    while (type instanceof Y.AbstractType && type._item !== null) {
      spend();
      type = type._item.parent;
    }
    return root !== undefined && type === root;
  };
  const placeOwn = (start: Y.Item): boolean => {
    const chain: Y.Item[] = [];
    const seen = new Set<Y.Item>();
    let current = start;
    let verdict = false;
    for (;;) {
      const known = memo.get(current);
      if (known !== undefined) {
        verdict = known;
        break;
      }
      if (seen.has(current)) break; // A cycle of origins: cannot be placed.
      seen.add(current);
      chain.push(current);
      const parent = current.parent as unknown;
      if (typeof parent === "string") {
        verdict = parent === rootName;
        break;
      }
      const next = parent instanceof Y.ID ? parent : (current.origin ?? current.rightOrigin);
      if (next === null) break;
      const inUpdate = findOwn(next.client, next.clock);
      if (inUpdate instanceof Y.Item) {
        current = inUpdate;
        continue;
      }
      if (inUpdate) break; // A GC struct: nothing to place by.
      const inDoc = findInDoc(next.client, next.clock);
      verdict = inDoc instanceof Y.Item && docItemInComments(inDoc);
      break;
    }
    for (const item of chain) memo.set(item, verdict);
    return verdict;
  };
  return { decoded, placeOwn, findOwn, findInDoc, docItemInComments, spend };
}
