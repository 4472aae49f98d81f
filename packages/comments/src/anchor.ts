/**
 * @module anchor
 * Where a thread's anchor is in the document now: its relative positions resolved against the
 * doc as it is. Both ends must resolve into the same shared type (one run of text) and enclose
 * at least one character; otherwise the commented words are gone (deleted) or were split
 * across blocks by edits, and the thread shows as detached with its quote.
 */
import * as Y from "yjs";
import type { CommentThread } from "./CommentThreads.ts";

/** Any shared type a position can be in (yjs types it `AbstractType<any>`). */
export type PositionType = Y.AbsolutePosition["type"];

export interface ResolvedAnchor {
  /** The shared type (an XmlText of the editor's tree) holding the commented words. */
  type: PositionType;
  start: number;
  end: number;
}

/** The thread's range in `doc` now, or null when it no longer encloses any text. */
export function resolveAnchor(doc: Y.Doc, thread: Pick<CommentThread, "start" | "end">): ResolvedAnchor | null {
  let start: Y.AbsolutePosition | null;
  let end: Y.AbsolutePosition | null;
  try {
    start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(thread.start), doc);
    end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(thread.end), doc);
  } catch {
    return null; // Malformed bytes from another device: detached, not a crash.
  }
  if (!start || !end || start.type !== end.type || end.index <= start.index) return null;
  return { type: start.type, start: start.index, end: end.index };
}

/**
 * Relative positions for the range [start, end) of `type`: the start sticks to the first
 * commented character (assoc 0, its right neighbour), the end to the last one (assoc -1), so
 * text typed right before or right after the range stays outside it.
 */
export function anchorRange(type: PositionType, start: number, end: number): { start: Y.RelativePosition; end: Y.RelativePosition } {
  return { start: Y.createRelativePositionFromTypeIndex(type, start, 0), end: Y.createRelativePositionFromTypeIndex(type, end, -1) };
}
