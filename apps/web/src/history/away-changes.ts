/**
 * @module away-changes
 * "While you were away" (issue 12 item 5), the part that runs in the main chunk: follows one
 * open document's connection, and when the device comes back after offline work (it was
 * connected, went offline, this device wrote something, and reconnected), counts what others
 * changed meanwhile — Yjs units (characters, blocks) other clients inserted plus units that
 * got deleted since the reconnect began — and remembers what the device had seen when it went
 * offline, which the history panel's comparison starts from.
 *
 * Only Yjs state vectors and snapshots of the device's own doc: no request, nothing stored,
 * nothing sent. The count grows while the catch-up arrives (recounted 500 ms after each
 * remote update during the first 30 s after reconnecting).
 */
import * as Y from "yjs";
import type { DocHandle } from "@quire/client";

export interface AwayReport {
  /** Units others changed while this device was offline. */
  changes: number;
  /** This device's state vector when it went offline. */
  seenBefore: ReadonlyMap<number, number>;
}

const RECOUNT_DEBOUNCE_MS = 500;
/** Catch-up from the relay arrives within seconds; later updates are ordinary live edits. */
const CATCH_UP_WINDOW_MS = 30_000;

/** Units in a delete set (each deleted range counts its length). */
export function deletedUnits(snapshot: Y.Snapshot): number {
  let n = 0;
  for (const ranges of snapshot.ds.clients.values()) for (const r of ranges) n += r.len;
  return n;
}

/** Units others (clients other than `self`) inserted between two state vectors. */
export function othersInserted(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>, self: number): number {
  let n = 0;
  for (const [client, clock] of after) if (client !== self) n += Math.max(0, clock - (before.get(client) ?? 0));
  return n;
}

/** Follows `handle`; calls `onReport` whenever the count of others' changes after an offline stretch changes. Returns a stop function. */
export function followAwayChanges(handle: DocHandle, onReport: (report: AwayReport) => void): () => void {
  const doc = handle.doc;
  let everConnected = false;
  let seenBefore: Map<number, number> | null = null;
  let atReconnect: { sv: Map<number, number>; deleted: number; seenBefore: Map<number, number>; until: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const recount = () => {
    timer = null;
    if (!atReconnect) return;
    const now = Y.snapshot(doc);
    const changes = othersInserted(atReconnect.sv, now.sv, doc.clientID) + Math.max(0, deletedUnits(now) - atReconnect.deleted);
    if (changes > 0) onReport({ changes, seenBefore: atReconnect.seenBefore });
  };
  const onStatus = ({ status }: { status: string }) => {
    if (status === "connected") {
      const wroteOffline = seenBefore !== null && (Y.getState(doc.store, doc.clientID) ?? 0) > (seenBefore.get(doc.clientID) ?? 0);
      if (everConnected && seenBefore && wroteOffline) {
        const snap = Y.snapshot(doc);
        atReconnect = { sv: snap.sv, deleted: deletedUnits(snap), seenBefore, until: Date.now() + CATCH_UP_WINDOW_MS };
      }
      everConnected = true;
      seenBefore = null;
    } else if (everConnected && seenBefore === null) {
      seenBefore = Y.decodeStateVector(Y.encodeStateVector(doc));
    }
  };
  const onUpdate = () => {
    if (!atReconnect) return;
    if (Date.now() > atReconnect.until) {
      atReconnect = null;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(recount, RECOUNT_DEBOUNCE_MS);
  };
  handle.on("status", onStatus);
  doc.on("update", onUpdate);
  return () => {
    handle.off("status", onStatus);
    doc.off("update", onUpdate);
    if (timer) clearTimeout(timer);
  };
}
