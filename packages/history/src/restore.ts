/**
 * @module restore
 * Restore as a new change on top. A CRDT cannot undelete, so restoring a version is computed as
 * one ordinary Yjs change against the current doc: delete what the version does not have,
 * insert fresh copies of what it had that is gone (text with the attributes it had then,
 * whole blocks with their element attributes and children), and re-apply the version's
 * formatting and element attributes where they differ. Everyone's later work stays in
 * history, and restoring the version before a restore undoes it the same way.
 *
 * Credit: copies are new structs under the restorer's client id, so the change also writes
 * where each copy came from into the doc's origin map (see origin-map), resolved to the first
 * writer; attribution and "surviving" credit them, while the records credit the restorer with
 * making the change.
 *
 * "Revert a member's changes in a time range" is the same engine with another target: units
 * that member's records in the range inserted go, units they deleted come back, everything
 * else stays as it is now.
 *
 * Invariants: the doc itself is never modified (we work on a scratch copy and return the
 * update); the result is null when nothing differs; item content that Yjs already dropped
 * (ContentDeleted) and Y types used as attribute values cannot be brought back.
 */
import * as Y from "yjs";
import type { ClockSegment } from "./clock-index.ts";
import type { DocHistory, VersionRef } from "./DocHistory.ts";
import { ORIGIN_MAP_NAME } from "./origin-map.ts";
import type { YType } from "./run-table.ts";
import { attributeChange, emptyLike, mapValue, setAttr, visibleTextLength } from "./yjs-values.ts";

/** Whether a unit should exist after the change, given its records and whether it exists now. */
export type TargetFn = (seg: ClockSegment, client: number, now: boolean) => boolean;

export interface RestoreOptions {
  /**
   * The Yjs client id to write the change under, bound to the restoring user at the relay. It
   * must not be in use by any live doc (two writers of one id corrupt the doc): take a fresh
   * random id per restore, or one only this writer (the relay) ever uses.
   */
  clientId: number;
}

export interface RestoreResult {
  /** The change as a Yjs update (v1), or null when the doc already matches. */
  update: Uint8Array | null;
  /** Characters of text re-inserted and deleted by the change. */
  restoredChars: number;
  deletedChars: number;
}

/** Known top-level types of Quire docs (@lexical/yjs v2 and v1) whose class a bare doc lacks. */
const ROOT_CLASSES: Record<string, new () => YType> = {
  "root-v2": Y.XmlElement,
  root: Y.XmlText,
};

/** The change that makes the current doc's content equal to `version`'s. */
export function restorePlan(h: DocHistory, version: VersionRef, options: RestoreOptions): RestoreResult {
  const s = h.seqOf(version);
  return applyTarget(h, (seg) => seg.insSeq <= s && s < seg.delSeq, options);
}

/** The change that undoes what `userId`'s records received in [from, to] did, leaving the rest. */
export function revertMemberPlan(
  h: DocHistory,
  who: { userId: string; from: number; to: number },
  options: RestoreOptions,
): RestoreResult {
  const seqs = new Set<number>();
  for (const r of h.records) if (r.userId === who.userId && r.firstAt >= who.from && r.firstAt <= who.to) seqs.add(r.seq);
  return applyTarget(h, (seg, _client, now) => (seqs.has(seg.insSeq) ? false : seqs.has(seg.delSeq) ? true : now), options);
}

interface Deletable {
  delete(index: number, length: number): void;
}

/** A run of source units a re-inserted string copies (for the origin map). */
interface Piece {
  client: number;
  clock: number;
  len: number;
}

/**
 * Planned edits of one type, in current-index coordinates. Neighbouring edits of one kind are
 * merged: in a gc-off doc every Yjs text edit walks the deleted items around its position, so
 * thousands of one-character edits cost far more than a few ranges.
 */
type Op =
  | { kind: "delete"; pos: number; len: number }
  | { kind: "format"; pos: number; len: number; change: Record<string, unknown>; key: string }
  | { kind: "text"; pos: number; str: string; attrs: Record<string, unknown>; key: string; pieces: Piece[] }
  | { kind: "type"; pos: number; src: YType; attrs: Record<string, unknown> };

function applyTarget(h: DocHistory, target: TargetFn, options: RestoreOptions): RestoreResult {
  const scratch = new Y.Doc({ gc: false });
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(h.doc));
  // After loading: Yjs gives a doc a new random id when a loaded update holds structs of its id.
  scratch.clientID = options.clientId;
  const updates: Uint8Array[] = [];
  scratch.on("update", (u: Uint8Array) => updates.push(u));
  const result: RestoreResult = { update: null, restoredChars: 0, deletedChars: 0 };
  const origins = scratch.getMap<number[]>(ORIGIN_MAP_NAME);

  const segsOf = (item: Y.Item) => h.clocks.segments(item.id.client, item.id.clock, item.length, item.deleted);
  const want = (item: Y.Item, seg: ClockSegment) => target(seg, item.id.client, !item.deleted);

  /** Records where the string just inserted (from `before` on our client) came from. */
  const recordOrigin = (before: number, pieces: readonly Piece[]) => {
    const structs = scratch.store.clients.get(options.clientId) ?? [];
    let p = 0;
    let inPiece = 0;
    const end = structs.length;
    for (let i = Y.findIndexSS(structs, before); i < end; i++) {
      const it = structs[i];
      if (!(it instanceof Y.Item) || !(it.content instanceof Y.ContentString)) continue;
      let at = 0;
      while (at < it.length) {
        const piece = pieces[p];
        if (!piece) return;
        const o = h.origins.resolve(piece.client, piece.clock + inPiece, Math.min(it.length - at, piece.len - inPiece));
        origins.set(`${it.id.client}:${it.id.clock + at}`, [o.client, o.clock, o.len]);
        at += o.len;
        inPiece += o.len;
        if (inPiece === piece.len) {
          p++;
          inPiece = 0;
        }
      }
    }
  };

  const insertString = (dst: Y.Text, pos: number, str: string, attrs: Record<string, unknown>, pieces: readonly Piece[]) => {
    const before = Y.getState(scratch.store, options.clientId);
    dst.insert(pos, str, { ...attrs });
    recordOrigin(before, pieces);
    result.restoredChars += str.length;
  };

  const insertType = (dst: YType, pos: number, src: YType, attrs: Record<string, unknown>) => {
    const copy = emptyLike(src);
    if (!copy) return;
    if (dst instanceof Y.Text) dst.insertEmbed(pos, copy, { ...attrs });
    else if (dst instanceof Y.XmlFragment) dst.insert(pos, [copy as Y.XmlElement | Y.XmlText]);
    else if (dst instanceof Y.Array) dst.insert(pos, [copy]);
    else return;
    fillFrom(copy, src);
  };

  /** Fills a fresh copy with the wanted content and attributes of a (deleted) source type. */
  const fillFrom = (dst: YType, src: YType) => {
    syncAttributes(dst, src, true);
    let pos = 0;
    const attrs = new Map<string, unknown>();
    for (let item = src._start; item !== null; item = item.right) {
      for (const seg of segsOf(item)) {
        if (!want(item, seg)) continue;
        const c = item.content;
        if (c instanceof Y.ContentFormat) setAttr(attrs, c.key, c.value);
        else if (c instanceof Y.ContentString && dst instanceof Y.Text) {
          const off = seg.clock - item.id.clock;
          const piece = { client: item.id.client, clock: seg.clock, len: seg.len };
          insertString(dst, pos, c.str.slice(off, off + seg.len), Object.fromEntries(attrs), [piece]);
          pos += seg.len;
        } else if (c instanceof Y.ContentType) {
          insertType(dst, pos, c.type, Object.fromEntries(attrs));
          pos += 1;
        }
      }
    }
  };

  /** Sets element attributes (map entries) to their wanted values. */
  const syncAttributes = (dst: YType, src: YType, fresh: boolean) => {
    if (!(dst instanceof Y.XmlElement || dst instanceof Y.XmlText)) return;
    for (const [key, last] of src._map) {
      let wanted: Y.Item | null = null;
      for (let it: Y.Item | null = last; it !== null && wanted === null; it = it.left) {
        const seg = segsOf(it)[0];
        if (seg && want(it, seg)) wanted = it;
      }
      const now = last.deleted || fresh ? undefined : mapValue(last);
      const value = wanted ? mapValue(wanted) : undefined;
      if (value instanceof Y.AbstractType || now instanceof Y.AbstractType) continue;
      if (JSON.stringify(value) === JSON.stringify(now)) continue;
      if (value === undefined) dst.removeAttribute(key);
      else dst.setAttribute(key, value as string);
    }
  };

  /** Brings a type that exists now and after the change to its wanted content. */
  const reconcile = (type: YType) => {
    syncAttributes(type, type, false);
    const ops: Op[] = [];
    const children: YType[] = [];
    const nowAttrs = new Map<string, unknown>();
    const wantAttrs = new Map<string, unknown>();
    let pos = 0;
    for (let item = type._start; item !== null; item = item.right) {
      const c = item.content;
      const now = !item.deleted;
      for (const seg of segsOf(item)) {
        const keep = want(item, seg);
        if (c instanceof Y.ContentFormat) {
          if (now) setAttr(nowAttrs, c.key, c.value);
          if (keep) setAttr(wantAttrs, c.key, c.value);
          continue;
        }
        if (!c.isCountable() || c instanceof Y.ContentDeleted) continue;
        const at = pos;
        const off = seg.clock - item.id.clock;
        const last = ops[ops.length - 1];
        if (now && keep) {
          if (c instanceof Y.ContentType) children.push(c.type);
          const change = type instanceof Y.Text ? attributeChange(nowAttrs, wantAttrs) : null;
          if (change) {
            const key = JSON.stringify(change);
            if (last?.kind === "format" && last.key === key && last.pos + last.len === at) last.len += seg.len;
            else ops.push({ kind: "format", pos: at, len: seg.len, change, key });
          }
        } else if (now) {
          if (c instanceof Y.ContentString) result.deletedChars += seg.len;
          else if (c instanceof Y.ContentType) result.deletedChars += visibleTextLength(c.type);
          if (last?.kind === "delete" && last.pos + last.len === at) last.len += seg.len;
          else ops.push({ kind: "delete", pos: at, len: seg.len });
        } else if (keep) {
          if (c instanceof Y.ContentString && type instanceof Y.Text) {
            const str = c.str.slice(off, off + seg.len);
            const piece = { client: item.id.client, clock: seg.clock, len: seg.len };
            const attrs = Object.fromEntries(wantAttrs);
            const key = JSON.stringify(attrs);
            if (last?.kind === "text" && last.pos === at && last.key === key) {
              last.str += str;
              last.pieces.push(piece);
            } else ops.push({ kind: "text", pos: at, str, attrs, key, pieces: [piece] });
          } else if (c instanceof Y.ContentType) {
            ops.push({ kind: "type", pos: at, src: c.type, attrs: Object.fromEntries(wantAttrs) });
          }
        }
        if (now) pos += seg.len;
      }
    }
    // Later positions first, so every op's position is still the one computed above.
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = ops[i] as Op;
      if (op.kind === "delete") (type as unknown as Deletable).delete(op.pos, op.len);
      else if (op.kind === "format") (type as Y.Text).format(op.pos, op.len, op.change);
      else if (op.kind === "text") insertString(type as Y.Text, op.pos, op.str, op.attrs, op.pieces);
      else insertType(type, op.pos, op.src, op.attrs);
    }
    for (const child of children) reconcile(child);
  };

  scratch.transact(() => {
    const names = [...h.doc.share.keys()].filter((n) => n !== ORIGIN_MAP_NAME).sort();
    for (const name of names) {
      const root = rootOf(scratch, h.doc, name);
      if (root) reconcile(root);
    }
  }, "quire:restore");
  scratch.destroy();
  if (updates.length > 0) result.update = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
  return result;
}

function rootOf(scratch: Y.Doc, source: Y.Doc, name: string): YType | null {
  const existing = source.share.get(name);
  const known = ROOT_CLASSES[name];
  if (known) return scratch.get(name, known);
  if (existing && existing.constructor !== Y.AbstractType) {
    return scratch.get(name, existing.constructor as new () => YType);
  }
  return null; // a bare top-level type of unknown class: we cannot write into it safely
}
