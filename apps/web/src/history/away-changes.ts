/**
 * @module away-changes
 * "While you were away" (issue 12 item 5), loaded by away-watch.ts when a device reconnects
 * after offline work: counts what others wrote meanwhile — Yjs units (characters, blocks)
 * other clients inserted since the device went offline — while the catch-up arrives
 * (recounted 500 ms after each update during the first 30 s). Only the device's own state
 * vectors: no request, nothing stored, nothing sent. Deletions are not counted here (that
 * needs delete-set snapshots); the comparison the notice opens shows them.
 */
import * as Y from "yjs";
import type { DocHandle } from "@quire/client";

export interface AwayReport {
  /** Units others inserted while this device was offline. */
  changes: number;
  /** This device's state vector when it went offline. */
  seenBefore: ReadonlyMap<number, number>;
}

const RECOUNT_DEBOUNCE_MS = 500;
/** Catch-up from the relay arrives within seconds; later updates are ordinary live edits. */
const CATCH_UP_WINDOW_MS = 30_000;

/** Units others (clients other than `self`) inserted between two state vectors. */
export function othersInserted(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>, self: number): number {
  let n = 0;
  for (const [client, clock] of after) if (client !== self) n += Math.max(0, clock - (before.get(client) ?? 0));
  return n;
}

/** Reports others' changes since `seenBefore` now and as the catch-up arrives. Returns a stop function. */
export function followCatchUp(handle: DocHandle, seenBefore: ReadonlyMap<number, number>, onReport: (report: AwayReport) => void): () => void {
  const doc = handle.doc;
  const until = Date.now() + CATCH_UP_WINDOW_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const recount = () => {
    timer = null;
    const changes = othersInserted(seenBefore, Y.decodeStateVector(Y.encodeStateVector(doc)), doc.clientID);
    if (changes > 0) onReport({ changes, seenBefore });
  };
  const onUpdate = () => {
    if (Date.now() > until) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(recount, RECOUNT_DEBOUNCE_MS);
  };
  doc.on("update", onUpdate);
  recount();
  return () => {
    doc.off("update", onUpdate);
    if (timer) clearTimeout(timer);
  };
}
