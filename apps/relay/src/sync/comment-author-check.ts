/**
 * @module comment-author-check
 * Whether every comment author an update inserts is its sender (issue 15): a thread's
 * `author`, a thread's `resolvedBy` and each reply's `author` carry `{ sub, name }` written by
 * the client (@quire/comments), so without this check anyone could post or resolve as the
 * teacher. Runs for every role (a commenter's updates and an editor's alike).
 *
 * What is checked, among the structs the update inserts under the `comments` root (placed by
 * comment-placement.ts, decoded once and budgeted like comment-only-check.ts):
 * - a map entry keyed `author` or `resolvedBy` (thread fields: `CommentThreads.add`,
 *   `setResolved`) whose value is an object with a `sub`;
 * - an array element (a reply: `CommentThreads.reply`) that is an object with an `author`
 *   object carrying a `sub`.
 * Values are JSON-like (Y ContentAny, or legacy ContentJSON). A value of any other shape is
 * not an author the panel would show (CommentThreads validates on read and skips it), so it
 * is not checked here. Resolve/reopen by another member writes `resolved`, `resolvedAt` and
 * `resolvedBy` (hers): allowed when `resolvedBy.sub` is the sender.
 *
 * Invariants:
 * - Only inserted structs are looked at: existing comments (anyone's) are never re-judged.
 * - Cheap for updates that cannot name an author: an update whose bytes contain neither
 *   "author" nor "resolvedBy" (keys are stored as plain UTF-8 in a v1 update) is not decoded.
 * - Over the step budget, the update is refused (COMMENT_CHECK_STEPS).
 */
import * as Y from "yjs";
import { type CommentPlacement, OverBudget, placeComments } from "./comment-placement.ts";

export type CommentAuthorVerdict = { ok: true } | { ok: false; reason: string; clients: number[] };

const AUTHOR_KEYS = new Set(["author", "resolvedBy"]);
const AUTHOR_BYTES = Buffer.from("author");
const RESOLVED_BY_BYTES = Buffer.from("resolvedBy");

/** Could `update` insert a comment author at all? A byte search, no decoding. */
export function mayNameCommentAuthor(update: Uint8Array): boolean {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  return bytes.includes(AUTHOR_BYTES) || bytes.includes(RESOLVED_BY_BYTES);
}

export function checkCommentAuthors(doc: Y.Doc, update: Uint8Array, sender: string, maxSteps: number): CommentAuthorVerdict {
  if (!mayNameCommentAuthor(update)) return { ok: true };
  const placement = placeComments(doc, update, maxSteps);
  if ("error" in placement) return { ok: false, reason: placement.error, clients: [] };
  return commentAuthorVerdict(placement, sender, maxSteps);
}

/**
 * The verdict on an already decoded update: the client ids whose inserted comments name an
 * author other than `sender` (`clients` lets a sync step 2 leave only those out).
 */
export function commentAuthorVerdict(placement: CommentPlacement, sender: string, maxSteps: number, onlyClients?: ReadonlySet<number>): CommentAuthorVerdict {
  const forged = new Set<number>();
  let named = "";
  try {
    for (const struct of placement.decoded.structs) {
      if (!(struct instanceof Y.Item) || struct.deleted) continue;
      if (onlyClients && !onlyClients.has(struct.id.client)) continue;
      const content = struct.content;
      if (!(content instanceof Y.ContentAny || content instanceof Y.ContentJSON)) continue;
      const subs = claimedSubs(struct.parentSub, content.arr as unknown[]);
      if (subs.length === 0 || subs.every((sub) => sub === sender)) continue;
      placement.spend();
      if (!placement.placeOwn(struct)) continue; // Not a comment: some other map's "author".
      forged.add(struct.id.client);
      named ||= String(subs.find((sub) => sub !== sender) ?? "");
    }
  } catch (error) {
    if (error instanceof OverBudget) return { ok: false, reason: `comment update too complex to check (more than ${maxSteps} steps)`, clients: [] };
    throw error;
  }
  if (forged.size === 0) return { ok: true };
  return {
    ok: false,
    clients: [...forged],
    reason: `forged comment author: a comment or resolve may only be written as yourself (${sender.slice(0, 100)}), not as ${named.slice(0, 100)}; this change was not saved`,
  };
}

/** The `sub`s an inserted value claims as comment authors (see the module doc for the shapes). */
function claimedSubs(parentSub: string | null, values: unknown[]): unknown[] {
  const subs: unknown[] = [];
  for (const value of values) {
    if (parentSub !== null) {
      if (AUTHOR_KEYS.has(parentSub) && isObject(value) && "sub" in value) subs.push(value.sub);
    } else if (isObject(value) && isObject(value.author) && "sub" in value.author) {
      subs.push(value.author.sub);
    }
  }
  return subs;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
