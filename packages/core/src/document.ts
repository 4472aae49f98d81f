/**
 * @module document
 * Creating and (de)serialising Quire documents. Every Quire doc keeps full history
 * (`gc: false`): teachers' history, attribution and restore read deleted content back.
 */
import * as Y from "yjs";

/** Creates a Yjs doc with Quire's settings (garbage collection off: history is kept). */
export function createQuireDoc(options: { guid?: string } = {}): Y.Doc {
  return new Y.Doc({ gc: false, ...(options.guid === undefined ? {} : { guid: options.guid }) });
}

/**
 * Merges stored updates into one, without loading a doc. Deleted content is preserved
 * because `Y.mergeUpdates` never garbage-collects.
 */
export function mergeStoredUpdates(updates: readonly Uint8Array[]): Uint8Array {
  if (updates.length === 1) return updates[0] as Uint8Array;
  return Y.mergeUpdates(updates as Uint8Array[]);
}

/** True when `b` covers everything in state vector `a` (every client clock of a ≤ b's). */
export function stateVectorCovers(b: Map<number, number>, a: Map<number, number>): boolean {
  for (const [client, clock] of a) {
    if ((b.get(client) ?? 0) < clock) return false;
  }
  return true;
}
