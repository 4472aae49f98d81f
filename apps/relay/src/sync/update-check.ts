/**
 * @module update-check
 * Structural validation of untrusted Yjs updates. Decoding the whole update (structs, their
 * content and the delete set) rejects truncated and malformed input before it can reach a
 * room's doc or the database. Also used by the decode worker.
 */
import * as Y from "yjs";

export type UpdateCheck = { ok: true; empty: boolean } | { ok: false; reason: string };

/** Decodes `update` fully; never throws. `empty` means it carries no structs and no deletions. */
export function checkUpdate(update: Uint8Array): UpdateCheck {
  try {
    const decoded = Y.decodeUpdate(update);
    return { ok: true, empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
  } catch (error) {
    return { ok: false, reason: `malformed Yjs update: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Merges stored updates after checking each one; throws with the index of a bad row. */
export function checkAndMerge(updates: readonly Uint8Array[]): Uint8Array {
  updates.forEach((update, index) => {
    const check = checkUpdate(update);
    if (!check.ok) throw new Error(`stored update #${index}: ${check.reason}`);
  });
  if (updates.length === 1) return updates[0] as Uint8Array;
  return Y.mergeUpdates(updates as Uint8Array[]);
}
