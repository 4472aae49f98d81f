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
 * Suggestions (issue 15 item 2) are checked the same way under their own root: an entry's
 * `author` must be its sender, or anyone could make a proposal look like the teacher's.
 *
 * Invariants:
 * - Only inserted structs are looked at: existing comments (anyone's) are never re-judged.
 * - Cheap for updates that cannot name an author: every author is an object with a `sub` key,
 *   and an object's keys are written as length-prefixed UTF-8 (ContentAny: the bytes 03 "sub";
 *   legacy ContentJSON: the text "sub" in quotes), so an update without those bytes is not
 *   decoded. The map key (`author`, `resolvedBy`) is no such sign: an update that sets a key
 *   again leaves the key out (it follows from the previous value, its origin) — a filter on
 *   the key's bytes let a second resolve, or a re-set author, through unchecked.
 * - Over the step budget, the update is refused (COMMENT_CHECK_STEPS).
 */
import * as Y from "yjs";
import { COMMENTS_ROOT, SUGGESTIONS_ROOT } from "@quire/comments";
import { type CommentPlacement, OverBudget, placeComments } from "./comment-placement.ts";

export type CommentAuthorVerdict = { ok: true } | { ok: false; reason: string; clients: number[] };

const AUTHOR_KEYS = new Set(["author", "resolvedBy"]);
const SUB_KEY_ANY = Buffer.from([3, ...Buffer.from("sub")]);
const SUB_KEY_JSON = Buffer.from('"sub"');

/** Could `update` insert a comment author at all? A byte search, no decoding. */
export function mayNameCommentAuthor(update: Uint8Array): boolean {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  return bytes.includes(SUB_KEY_ANY) || bytes.includes(SUB_KEY_JSON);
}

export function checkCommentAuthors(doc: Y.Doc, update: Uint8Array, sender: string, maxSteps: number): CommentAuthorVerdict {
  if (!mayNameCommentAuthor(update)) return { ok: true };
  const verdicts: CommentAuthorVerdict[] = [];
  for (const root of authorRoots(doc, update)) {
    const placement = placeComments(doc, update, maxSteps, root);
    if ("error" in placement) return { ok: false, reason: placement.error, clients: [] };
    verdicts.push(commentAuthorVerdict(placement, sender, maxSteps));
  }
  return mergeVerdicts(verdicts);
}

const SUGGESTIONS_BYTES = Buffer.from(SUGGESTIONS_ROOT);

/**
 * The roots whose inserted authors are checked: comments always; suggestions (issue 15 item
 * 2: an entry's `author`, who the list and the colour name) when the doc has them or the
 * update creates the root's first entries — a second decode only then.
 */
export function authorRoots(doc: Y.Doc, update: Uint8Array): string[] {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  return doc.share.has(SUGGESTIONS_ROOT) || bytes.includes(SUGGESTIONS_BYTES) ? [COMMENTS_ROOT, SUGGESTIONS_ROOT] : [COMMENTS_ROOT];
}

/** One verdict for several roots: refused if any is, with every forging client id. */
export function mergeVerdicts(verdicts: readonly CommentAuthorVerdict[]): CommentAuthorVerdict {
  const refused = verdicts.filter((v): v is Extract<CommentAuthorVerdict, { ok: false }> => !v.ok);
  const first = refused[0];
  if (!first) return { ok: true };
  // An empty client list means "refuse the whole update" (over budget, malformed): it wins.
  if (refused.some((v) => v.clients.length === 0)) return { ok: false, reason: first.reason, clients: [] };
  return { ok: false, reason: first.reason, clients: [...new Set(refused.flatMap((v) => v.clients))] };
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
      const subs = claimedSubs(parentSubOf(placement, struct), content.arr as unknown[]);
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
    reason: `forged comment author: a comment, resolve or suggestion may only be written as yourself (${sender.slice(0, 100)}), not as ${named.slice(0, 100)}; this change was not saved`,
  };
}

/**
 * The map key an inserted item is written under. A v1 update leaves it out when the item has
 * an origin (setting a key again: the origin is the key's previous value), and Yjs takes it
 * from the origin on integration — so it is taken from there here too, or re-setting
 * `resolvedBy` or a suggestion's `author` would go unchecked.
 */
function parentSubOf(placement: CommentPlacement, struct: Y.Item): string | null {
  let current: Y.Item = struct;
  for (let hops = 0; current.parentSub === null && current.origin !== null && hops < 64; hops++) {
    const { client, clock } = current.origin;
    const next = placement.findOwn(client, clock) ?? placement.findInDoc(client, clock);
    if (!(next instanceof Y.Item)) return null;
    current = next;
  }
  return current.parentSub;
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
