/**
 * @module write-ids
 * The Yjs item id (client, clock) each thread and reply was written as, by comment id. The
 * relay's provenance records name the items each accepted update inserted, with the relay's
 * time: matching the two gives a comment's time from the relay instead of the writer's clock
 * (apps/web comments/comment-relay-times.ts). Reads Yjs's item list, not the values, so a
 * reply's id is that of the array slot holding it. A function of its own, not a method of
 * CommentThreads: the sidebar's comment counts bundle that class into the first load.
 */
import * as Y from "yjs";
import type { CommentThreads } from "./CommentThreads.ts";

export interface WriteId {
  client: number;
  clock: number;
}

export function commentWriteIds(threads: CommentThreads): Map<string, WriteId> {
  const ids = new Map<string, WriteId>();
  for (const [id, value] of threads.root) {
    if (!(value instanceof Y.Map) || !value._item) continue;
    ids.set(id, { client: value._item.id.client, clock: value._item.id.clock });
    const replies = value.get("replies");
    if (!(replies instanceof Y.Array)) continue;
    for (let item = replies._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      const at = item.id;
      item.content.getContent().forEach((reply: unknown, offset: number) => {
        const replyId = typeof reply === "object" && reply !== null ? (reply as { id?: unknown }).id : undefined;
        if (typeof replyId === "string") ids.set(replyId, { client: at.client, clock: at.clock + offset });
      });
    }
  }
  return ids;
}
