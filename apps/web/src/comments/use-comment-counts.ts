/**
 * @module use-comment-counts
 * The sidebar's open-comment counts (comment-counts.ts), refreshed when the list changes and
 * every REFRESH_MS while the page is visible: a classmate's comment arrives in a document's
 * device copy through background sync without any event the list would see.
 */
import { useEffect, useMemo, useState } from "react";
import { type DocEntry, type Membership, deviceCopyName } from "@quire/client";
import { CommentCounts } from "./comment-counts.ts";

/** As often as the search index looks at the same copies; reading an unchanged copy costs two small reads. */
const REFRESH_MS = 15_000;

export function useCommentCounts(membership: Membership, docs: readonly DocEntry[]): ReadonlyMap<string, number> {
  const counter = useMemo(() => new CommentCounts(), []);
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());
  const workspace = membership.workspace.id;
  const ids = docs.map((d) => d.id).join(",");
  useEffect(() => {
    let stopped = false;
    const copies = ids === "" ? [] : ids.split(",").map((id) => ({ id, copy: deviceCopyName(membership, `${workspace}/${id}`) }));
    const refresh = () => {
      if (document.visibilityState !== "visible") return;
      void counter.count(copies).then((next) => {
        if (!stopped) setCounts(next);
      });
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [counter, membership, workspace, ids]);
  return counts;
}
