/**
 * @module CommentThreads
 * Comment threads of one document, stored in the document's own Y.Doc under the top-level
 * Y.Map {@link COMMENTS_ROOT}: one nested Y.Map per thread, keyed by a random UUID (two
 * offline members never pick the same key, so concurrent threads never overwrite each other).
 * Written offline, they sync like text: the same doc, the same updates, the same relay.
 *
 * Anchors are Yjs relative positions (start and end) into the editor's shared type: they name
 * the item a position follows, not an index, so text inserted or deleted around a commented
 * range on another device does not move the comment off its words. A thread whose words were
 * all deleted keeps its quote and shows as detached.
 *
 * Invariants:
 * - Threads are only ever added, replied to and resolved/reopened: nothing here deletes a
 *   thread or a reply, so a commenter's writes are inserts under this root (the relay checks
 *   that a commenter writes nothing else).
 * - Every read validates: a thread written by another device that does not match the shape
 *   and bounds (comment-limits.ts) is skipped.
 * - Times are the writer's clock (`createdAt`, ms since epoch), the writer's claim; the
 *   relay's history API holds the relay's own time for every write (provenance), which the
 *   panel shows instead where it can get it (write-ids.ts).
 */
import * as Y from "yjs";
import { COMMENTS_ROOT, MAX_COMMENT_CHARS, MAX_NAME_CHARS, MAX_QUOTE_CHARS, MAX_REPLIES } from "./comment-limits.ts";

/** Who wrote a comment: the member id from the token (`sub`) and her display name then. */
export interface CommentAuthor {
  sub: string;
  name: string;
}

export interface CommentReply {
  id: string;
  body: string;
  author: CommentAuthor;
  createdAt: number;
  /** Member ids mentioned with "@name". */
  mentions: string[];
}

export interface CommentThread {
  id: string;
  /** Encoded Y.RelativePosition of the first commented character. */
  start: Uint8Array;
  /** Encoded Y.RelativePosition just after the last commented character. */
  end: Uint8Array;
  /** The commented words when the thread was made. */
  quote: string;
  body: string;
  author: CommentAuthor;
  createdAt: number;
  mentions: string[];
  resolved: boolean;
  /** Who last resolved or reopened it, and when (writer's clock); null if never. */
  resolvedBy: CommentAuthor | null;
  resolvedAt: number | null;
  replies: CommentReply[];
}

export interface NewThread {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  quote: string;
  body: string;
  author: CommentAuthor;
  mentions?: string[];
}

/** Makes thread and reply ids; injectable so tests are deterministic. */
export type IdSource = () => string;

const randomId: IdSource = () => crypto.randomUUID();

/** Thrown for a body that is empty or over the bound: the UI says so instead of writing. */
export class CommentInputError extends Error {}

export class CommentThreads {
  readonly root: Y.Map<unknown>;

  constructor(
    readonly doc: Y.Doc,
    private readonly now: () => number = Date.now,
    private readonly newId: IdSource = randomId,
  ) {
    this.root = doc.getMap(COMMENTS_ROOT);
  }

  /** Every valid thread, oldest first (ties by id, so every device lists them alike). */
  list(): CommentThread[] {
    const threads: CommentThread[] = [];
    for (const [id, value] of this.root) {
      const thread = readThread(id, value);
      if (thread) threads.push(thread);
    }
    return threads.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  get(id: string): CommentThread | null {
    return readThread(id, this.root.get(id));
  }

  /** Adds a thread; returns its id. */
  add(input: NewThread): string {
    const body = checkBody(input.body);
    const id = this.newId();
    const thread = new Y.Map<unknown>();
    this.doc.transact(() => {
      thread.set("start", Y.encodeRelativePosition(input.start));
      thread.set("end", Y.encodeRelativePosition(input.end));
      thread.set("quote", input.quote.slice(0, MAX_QUOTE_CHARS));
      thread.set("body", body);
      thread.set("author", author(input.author));
      thread.set("createdAt", this.now());
      thread.set("mentions", input.mentions ?? []);
      thread.set("resolved", false);
      thread.set("replies", new Y.Array<unknown>());
      this.root.set(id, thread);
    });
    return id;
  }

  /** Appends a reply to thread `threadId`; returns the reply's id. */
  reply(threadId: string, input: { body: string; author: CommentAuthor; mentions?: string[] }): string {
    const replies = this.threadMap(threadId).get("replies");
    if (!(replies instanceof Y.Array)) throw new CommentInputError("this thread cannot take replies");
    if (replies.length >= MAX_REPLIES) throw new CommentInputError(`a thread holds at most ${MAX_REPLIES} replies`);
    const id = this.newId();
    replies.push([{ id, body: checkBody(input.body), author: author(input.author), createdAt: this.now(), mentions: input.mentions ?? [] }]);
    return id;
  }

  /** Resolves (true) or reopens (false) a thread. */
  setResolved(threadId: string, resolved: boolean, by: CommentAuthor): void {
    const thread = this.threadMap(threadId);
    this.doc.transact(() => {
      thread.set("resolved", resolved);
      thread.set("resolvedBy", author(by));
      thread.set("resolvedAt", this.now());
    });
  }

  /** Calls `listener` after any change to any thread (local or remote); returns the unsubscribe. */
  observe(listener: () => void): () => void {
    const handler = () => listener();
    this.root.observeDeep(handler);
    return () => this.root.unobserveDeep(handler);
  }

  private threadMap(id: string): Y.Map<unknown> {
    const thread = this.root.get(id);
    if (!(thread instanceof Y.Map)) throw new CommentInputError("no such comment thread");
    return thread;
  }
}

function checkBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed === "") throw new CommentInputError("a comment cannot be empty");
  if (trimmed.length > MAX_COMMENT_CHARS) throw new CommentInputError(`a comment holds at most ${MAX_COMMENT_CHARS} characters`);
  return trimmed;
}

function author(a: CommentAuthor): CommentAuthor {
  return { sub: a.sub, name: a.name.slice(0, MAX_NAME_CHARS) };
}

const isString = (v: unknown, max: number): v is string => typeof v === "string" && v.length <= max;
const isTime = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function readAuthor(v: unknown): CommentAuthor | null {
  if (typeof v !== "object" || v === null) return null;
  const { sub, name } = v as Record<string, unknown>;
  return isString(sub, 200) && isString(name, MAX_NAME_CHARS) ? { sub, name } : null;
}

function readMentions(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((m): m is string => isString(m, 200)).slice(0, 50) : [];
}

function readReply(v: unknown): CommentReply | null {
  if (typeof v !== "object" || v === null) return null;
  const r = v as Record<string, unknown>;
  const by = readAuthor(r.author);
  if (!isString(r.id, 100) || !isString(r.body, MAX_COMMENT_CHARS) || !by || !isTime(r.createdAt)) return null;
  return { id: r.id, body: r.body, author: by, createdAt: r.createdAt, mentions: readMentions(r.mentions) };
}

/** A thread as stored, validated; null when any required field is missing or out of bounds. */
function readThread(id: string, value: unknown): CommentThread | null {
  if (!(value instanceof Y.Map)) return null;
  const start = value.get("start");
  const end = value.get("end");
  const quote = value.get("quote");
  const body = value.get("body");
  const createdAt = value.get("createdAt");
  const by = readAuthor(value.get("author"));
  if (!(start instanceof Uint8Array) || !(end instanceof Uint8Array) || start.length > 64 || end.length > 64) return null;
  if (!isString(quote, MAX_QUOTE_CHARS) || !isString(body, MAX_COMMENT_CHARS) || !isTime(createdAt) || !by) return null;
  const replies = value.get("replies");
  const resolvedAt = value.get("resolvedAt");
  return {
    id,
    start,
    end,
    quote,
    body,
    author: by,
    createdAt,
    mentions: readMentions(value.get("mentions")),
    resolved: value.get("resolved") === true,
    resolvedBy: readAuthor(value.get("resolvedBy")),
    resolvedAt: isTime(resolvedAt) ? resolvedAt : null,
    replies:
      replies instanceof Y.Array
        ? replies
            .toArray()
            .slice(0, MAX_REPLIES)
            .map(readReply)
            .filter((r): r is CommentReply => r !== null)
        : [],
  };
}
