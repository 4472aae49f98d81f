/**
 * @module comment-only-check
 * Whether an update from a member who may comment but not edit (a commenter; a student on a
 * locked document) writes ONLY comments: every struct it inserts lives under the document's
 * `comments` root type (@quire/comments) and every deletion it carries targets items under
 * that root. Anything else — a character of text, a formatting change, a new top-level type —
 * refuses the whole update; nothing of it is applied.
 *
 * How an inserted item's place is found without integrating it: a decoded item names its
 * parent as a root name (string), as the ID of the item holding its parent type, or not at
 * all — then it shares the parent of its left (else right) origin. IDs are resolved first
 * against the update's own structs, then against the room's live doc; a chain of items is
 * followed iteratively and every item on it gets the same verdict (memoised), so a long
 * chain costs one step per item.
 *
 * Budget: every lookup (one binary search) is one step; beyond `maxSteps` the update is
 * refused, so a crafted update (long origin chains, huge delete ranges over the text) costs
 * the main thread a bounded amount (COMMENT_CHECK_STEPS in the README). The update was
 * already fully decoded and checked (update-check.ts, in the worker when large) before this
 * runs; it is decoded again here, which is bounded by the same size limit.
 *
 * Invariants:
 * - An ID the relay does not know (neither in the update nor in the doc) is never "inside
 *   comments": unknown means refused.
 * - Deleting what the live doc already deleted is a no-op and allowed: a sync step 2 carries
 *   the sender's whole delete set, text deleted by others included.
 * - A GC struct carried by the update (a deleted item of the sender's own) inserts nothing
 *   visible anywhere and is allowed; an item whose origin or parent is a GC struct cannot be
 *   placed and is refused.
 */
import * as Y from "yjs";
import { COMMENTS_ROOT } from "@quire/comments";

export type CommentOnlyVerdict = { ok: true } | { ok: false; reason: string };

type Struct = Y.Item | Y.GC;

class OverBudget extends Error {}

export function checkCommentOnly(doc: Y.Doc, update: Uint8Array, maxSteps: number): CommentOnlyVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return { ok: false, reason: `malformed Yjs update: ${error instanceof Error ? error.message : String(error)}` };
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
  const root = doc.share.get(COMMENTS_ROOT);
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
  /** Is an integrated item of the live doc under the comments root? */
  const docItemInComments = (item: Y.Item): boolean => {
    let type = item.parent;
    while (type instanceof Y.AbstractType && type._item !== null) {
      spend();
      type = type._item.parent;
    }
    return root !== undefined && type === root;
  };
  /** Is an item of the update (not yet integrated) going to live under the comments root? */
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
        verdict = parent === COMMENTS_ROOT;
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

  try {
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      spend();
      if (!placeOwn(struct)) return { ok: false, reason: "read-only: as a commenter you may add comments, not change the text; this change was not saved" };
    }
    for (const [client, ranges] of decoded.ds.clients) {
      for (const range of ranges) {
        let clock = range.clock;
        const end = range.clock + range.len;
        while (clock < end) {
          const mine = findOwn(client, clock);
          const target = mine ?? findInDoc(client, clock);
          if (!target) return { ok: false, reason: "read-only: as a commenter you may delete only comments; this change was not saved" };
          // Already deleted in the live doc: a no-op. Every sync step 2 carries the sender's
          // whole delete set (Yjs encodes it in full), so others' old deletions of text come too.
          const allowed = target instanceof Y.GC || (mine instanceof Y.Item ? placeOwn(mine) : target.deleted || docItemInComments(target));
          if (!allowed) return { ok: false, reason: "read-only: as a commenter you may delete only comments, not text; this change was not saved" };
          clock = target.id.clock + target.length;
        }
      }
    }
  } catch (error) {
    if (error instanceof OverBudget) return { ok: false, reason: `comment update too complex to check (more than ${maxSteps} steps)` };
    throw error;
  }
  return { ok: true };
}
