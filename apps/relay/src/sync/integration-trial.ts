/**
 * @module integration-trial
 * Times how long an update takes to integrate into a copy of a room's live state. Runs in the
 * decode worker (under a time budget that terminates it), never on the relay's main thread.
 *
 * Why a copy of the live state and not an empty doc: Yjs's conflict scan (Item.integrate)
 * walks every concurrent item already at an insert position, so the cost of an update depends
 * on what the doc holds. Two 80 KiB updates of 8,000 inserts at position 0 each integrate in
 * ~2 ms into an empty doc but ~8 s one after the other (security review S1); only the real
 * target state shows it. A state encoded by Y.encodeStateAsUpdate integrates in near-linear
 * time (measured: 16,000 such items in 10–23 ms), so building the copy is not the expensive
 * part.
 */
import * as Y from "yjs";

/** Milliseconds `update` took to integrate into a doc holding `state` (both already validated). */
export function timeIntegration(state: Uint8Array, update: Uint8Array): number {
  const doc = new Y.Doc({ gc: false, guid: "quire-trial" });
  try {
    Y.applyUpdate(doc, state);
    const started = performance.now();
    Y.applyUpdate(doc, update);
    return performance.now() - started;
  } finally {
    doc.destroy();
  }
}
