/**
 * @module Suggestions
 * Suggestions (tracked changes, issue 15 item 2) of one document, stored in the document's
 * own Y.Doc under the top-level Y.Map {@link SUGGESTIONS_ROOT}: one entry per proposal, keyed
 * by a random UUID, holding its kind, its range (Yjs relative positions, as comment anchors)
 * and its author.
 *
 * The text itself is ordinary document text:
 * - a proposed insertion is text the proposer's client really inserted, marked by an entry.
 *   Accepting removes the entry and keeps the text, so history and contributions keep
 *   crediting the proposer (her client wrote those items). Rejecting deletes the text.
 * - a proposed deletion is text left in place and marked by an entry. Accepting deletes the
 *   text; rejecting removes the entry.
 * Why entries beside the text and not a Lexical format or node state: a mark is then one
 * map entry per proposal, not an attribute on every character, it never splits the editor's
 * text nodes, and the relay can tell suggestion writes from text writes by their root.
 *
 * Invariants:
 * - An entry whose range no longer encloses any text (its words were deleted, or rejected)
 *   is not a suggestion any more: {@link Suggestions.located} skips it on every device alike.
 * - Every read validates: an entry another device wrote that does not match the shape and
 *   bounds is skipped.
 * - A range is one run of text (one XmlText), as a comment anchor; a proposal over several
 *   paragraphs is one entry per paragraph.
 */
import * as Y from "yjs";
import { anchorRange, type PositionType, resolveAnchor } from "./anchor.ts";
import type { CommentAuthor, IdSource } from "./CommentThreads.ts";
import { MAX_NAME_CHARS } from "./comment-limits.ts";
import { MAX_SUGGESTION_QUOTE_CHARS, SUGGESTIONS_ROOT } from "./suggestion-limits.ts";

export type SuggestionKind = "insert" | "delete";

export interface Suggestion {
  id: string;
  kind: SuggestionKind;
  /** Encoded Y.RelativePosition of the first character proposed. */
  start: Uint8Array;
  /** Encoded Y.RelativePosition just after the last character proposed. */
  end: Uint8Array;
  author: CommentAuthor;
  /** The proposer's clock, shown as her claim (the relay's history holds its own time). */
  createdAt: number;
}

/** A suggestion with where its text is now. */
export interface LocatedSuggestion extends Suggestion {
  type: PositionType;
  from: number;
  to: number;
  /** Its text now (plain, embeds left out), cut to {@link MAX_SUGGESTION_QUOTE_CHARS}. */
  text: string;
}

const randomId: IdSource = () => crypto.randomUUID();

export class Suggestions {
  readonly root: Y.Map<unknown>;

  constructor(
    readonly doc: Y.Doc,
    private readonly now: () => number = Date.now,
    private readonly newId: IdSource = randomId,
  ) {
    this.root = doc.getMap(SUGGESTIONS_ROOT);
  }

  /** Every valid entry, whether or not its text is still there. */
  list(): Suggestion[] {
    const out: Suggestion[] = [];
    for (const [id, value] of this.root) {
      const s = readSuggestion(id, value);
      if (s) out.push(s);
    }
    return out;
  }

  /**
   * The suggestions whose text is in the document now, in document order within a run of
   * text, runs ordered by first creation (ties by id, so every device lists them alike).
   */
  located(): LocatedSuggestion[] {
    const out: LocatedSuggestion[] = [];
    for (const s of this.list()) {
      const at = resolveAnchor(this.doc, s);
      if (at) out.push({ ...s, type: at.type, from: at.start, to: at.end, text: plainSlice(at.type, at.start, at.end) });
    }
    return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  get(id: string): LocatedSuggestion | null {
    return this.located().find((s) => s.id === id) ?? null;
  }

  /**
   * Records that [from, to) of `type` is proposed (inserted by `author`'s client, or proposed
   * for deletion). A range touching or overlapping her own proposal of the same kind in the
   * same run extends it (typing a word is one suggestion, not one per letter); a range already
   * inside one changes nothing. Returns the entry's id.
   */
  propose(kind: SuggestionKind, type: PositionType, from: number, to: number, author: CommentAuthor, origin: unknown = null): string | null {
    if (to <= from) return null;
    let lo = from;
    let hi = to;
    const merged: string[] = [];
    for (const s of this.located()) {
      if (s.kind !== kind || s.author.sub !== author.sub || s.type !== type) continue;
      if (s.to < lo || s.from > hi) continue;
      if (s.from <= lo && s.to >= hi && merged.length === 0) return s.id;
      lo = Math.min(lo, s.from);
      hi = Math.max(hi, s.to);
      merged.push(s.id);
    }
    const range = anchorRange(type, lo, hi);
    const keep = merged[0];
    const id = keep ?? this.newId();
    this.doc.transact(() => {
      if (keep !== undefined) {
        const entry = this.root.get(keep) as Y.Map<unknown>;
        entry.set("start", Y.encodeRelativePosition(range.start));
        entry.set("end", Y.encodeRelativePosition(range.end));
        for (const other of merged.slice(1)) this.root.delete(other);
        return;
      }
      const entry = new Y.Map<unknown>();
      entry.set("kind", kind);
      entry.set("start", Y.encodeRelativePosition(range.start));
      entry.set("end", Y.encodeRelativePosition(range.end));
      entry.set("author", { sub: author.sub, name: author.name.slice(0, MAX_NAME_CHARS) });
      entry.set("createdAt", this.now());
      this.root.set(id, entry);
    }, origin);
    return id;
  }

  /**
   * The id of `sub`'s own proposed insertion that holds all of [from, to) of `type`, or null:
   * deleting inside your own proposal deletes (there is nothing to propose about text that
   * only you proposed), as in Google Docs.
   */
  ownInsertionHolding(type: PositionType, from: number, to: number, sub: string): string | null {
    const s = this.located().find((x) => x.kind === "insert" && x.author.sub === sub && x.type === type && x.from <= from && x.to >= to);
    return s?.id ?? null;
  }

  /** Accepts `id`: an insertion's text stays (unmarked), a deletion's text is deleted. */
  accept(id: string, origin: unknown = null): void {
    this.settle(id, "delete", origin);
  }

  /** Rejects `id`: an insertion's text is deleted, a deletion's text stays (unmarked). */
  reject(id: string, origin: unknown = null): void {
    this.settle(id, "insert", origin);
  }

  /** Accepts (true) or rejects (false) every suggestion in the document, in one transaction. */
  settleAll(accept: boolean, origin: unknown = null): void {
    this.doc.transact(() => {
      // Later ranges first within a run, so a deletion never shifts a range still to settle.
      const all = this.located().sort((a, b) => b.from - a.from);
      for (const s of all) (accept ? this.accept : this.reject).call(this, s.id, origin);
    }, origin);
  }

  /** Calls `listener` after any change to the entries (the editor repaints on text changes itself). */
  observe(listener: () => void): () => void {
    const handler = () => listener();
    this.root.observeDeep(handler);
    return () => this.root.unobserveDeep(handler);
  }

  /** Removes the entry; deletes its text when its kind is `deleteTextOf`. */
  private settle(id: string, deleteTextOf: SuggestionKind, origin: unknown): void {
    const s = this.get(id);
    this.doc.transact(() => {
      if (s && s.kind === deleteTextOf) (s.type as Y.XmlText).delete(s.from, s.to - s.from);
      this.root.delete(id);
    }, origin);
  }
}

/** The characters of [from, to) of `type` (embeds and formatting left out), bounded. */
export function plainSlice(type: PositionType, from: number, to: number): string {
  if (!(type instanceof Y.XmlText || type instanceof Y.Text)) return "";
  let text = "";
  let at = 0;
  for (const op of type.toDelta() as { insert: unknown }[]) {
    const len = typeof op.insert === "string" ? op.insert.length : 1;
    if (typeof op.insert === "string" && at + len > from && at < to) text += op.insert.slice(Math.max(0, from - at), to - at);
    at += len;
    if (at >= to || text.length >= MAX_SUGGESTION_QUOTE_CHARS) break;
  }
  return text.slice(0, MAX_SUGGESTION_QUOTE_CHARS);
}

const isString = (v: unknown, max: number): v is string => typeof v === "string" && v.length <= max;

function readSuggestion(id: string, value: unknown): Suggestion | null {
  if (!(value instanceof Y.Map)) return null;
  const kind = value.get("kind");
  const start = value.get("start");
  const end = value.get("end");
  const createdAt = value.get("createdAt");
  const author = value.get("author") as Record<string, unknown> | undefined;
  if (kind !== "insert" && kind !== "delete") return null;
  if (!(start instanceof Uint8Array) || !(end instanceof Uint8Array) || start.length > 64 || end.length > 64) return null;
  if (typeof createdAt !== "number" || !Number.isFinite(createdAt)) return null;
  if (typeof author !== "object" || author === null || !isString(author.sub, 200) || !isString(author.name, MAX_NAME_CHARS)) return null;
  return { id, kind, start, end, createdAt, author: { sub: author.sub, name: author.name } };
}
