/**
 * @module comment-only-check
 * Whether an update from a member who may comment but not edit (a commenter; a student on a
 * locked document) writes ONLY comments: every struct it inserts lives under the document's
 * `comments` root type (@quire/comments) and every deletion it carries targets items under
 * that root. Anything else — a character of text, a formatting change, a new top-level type —
 * refuses the whole update; nothing of it is applied.
 *
 * Where an inserted item will live is found by comment-placement.ts (shared with the author
 * check, comment-author-check.ts, so an update is decoded once for both).
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
import { type CommentPlacement, OverBudget, placeComments } from "./comment-placement.ts";

export type CommentOnlyVerdict = { ok: true } | { ok: false; reason: string };

export function checkCommentOnly(doc: Y.Doc, update: Uint8Array, maxSteps: number): CommentOnlyVerdict {
  const placement = placeComments(doc, update, maxSteps);
  if ("error" in placement) return { ok: false, reason: placement.error };
  return commentOnlyVerdict(placement, maxSteps);
}

/**
 * The verdict on an already decoded update. `scope` narrows it to one author's part of a
 * replicated update (hub push, apply-replicated.ts): only structs of her client ids must be
 * comments and only her deletions must target comments; the other structs still serve to
 * place hers (a reply in a thread another author made in the same file).
 */
export function commentOnlyVerdict(
  placement: CommentPlacement,
  maxSteps: number,
  scope?: { clients: ReadonlySet<number>; deletes: readonly { client: number; clock: number; len: number }[] },
): CommentOnlyVerdict {
  const { decoded, placeOwn, findOwn, findInDoc, docItemInComments, spend } = placement;
  const deletes = scope ? scope.deletes : [...decoded.ds.clients].flatMap(([client, ranges]) => ranges.map((r) => ({ client, clock: r.clock, len: r.len })));
  try {
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      if (scope && !scope.clients.has(struct.id.client)) continue;
      spend();
      if (!placeOwn(struct)) return { ok: false, reason: "read-only: as a commenter you may add comments, not change the text; this change was not saved" };
    }
    for (const { client, clock: from, len } of deletes) {
      let clock = from;
      const end = from + len;
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
  } catch (error) {
    if (error instanceof OverBudget) return { ok: false, reason: `comment update too complex to check (more than ${maxSteps} steps)` };
    throw error;
  }
  return { ok: true };
}
