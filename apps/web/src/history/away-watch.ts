/**
 * @module away-watch
 * The first-visit part of "while you were away" (issue 12 item 5), kept to a few lines because
 * the first visit is at its 250 KB budget: remembers this device's state vector when its
 * connection drops, and when it reconnects after writing offline, loads the counting and the
 * notice (away-changes.ts, AwayNotice.tsx: a chunk fetched then, online) and hands them what
 * the device had seen. Counting needs no snapshot taken at the reconnect: others could not
 * write into this doc while it was offline, so whatever they added shows in the state vector.
 */
import * as Y from "yjs";
import type { DocHandle } from "@quire/client";
import type { AwayReport } from "./away-changes.ts";

export function watchAway(handle: DocHandle, onReport: (report: AwayReport) => void): () => void {
  const doc = handle.doc;
  let connected = false;
  let seen: Map<number, number> | null = null;
  let stop = () => {};
  let stopped = false;
  const onStatus = ({ status }: { status: string }) => {
    if (status !== "connected") {
      if (connected && !seen) seen = Y.decodeStateVector(Y.encodeStateVector(doc));
      return;
    }
    const before = seen;
    connected = true;
    seen = null;
    if (!before || (Y.getState(doc.store, doc.clientID) ?? 0) <= (before.get(doc.clientID) ?? 0)) return;
    import("./away-changes.ts").then(
      (m) => {
        if (!stopped) stop = m.followCatchUp(handle, before, onReport);
      },
      () => {},
    );
  };
  handle.on("status", onStatus);
  return () => {
    stopped = true;
    handle.off("status", onStatus);
    stop();
  };
}
