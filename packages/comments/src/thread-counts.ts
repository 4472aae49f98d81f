/**
 * @module thread-counts
 * Open and resolved thread counts of a doc, for the sidebar's per-document badge. Reads the
 * root without creating it: a doc nobody commented on stays without a `comments` root.
 */
import type * as Y from "yjs";
import { COMMENTS_ROOT } from "./comment-limits.ts";
import { CommentThreads } from "./CommentThreads.ts";

export interface ThreadCounts {
  open: number;
  resolved: number;
}

export function summarizeThreads(doc: Y.Doc): ThreadCounts {
  if (!doc.share.has(COMMENTS_ROOT)) return { open: 0, resolved: 0 };
  const threads = new CommentThreads(doc).list();
  const open = threads.filter((t) => !t.resolved).length;
  return { open, resolved: threads.length - open };
}
