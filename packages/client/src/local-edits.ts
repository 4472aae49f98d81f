/**
 * @module local-edits
 * Tells this person's edits apart from changes that came from the relay or the device copy,
 * and keeps Yjs from renewing the doc's client id when the editor bridges its own edits in.
 */
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";

export interface LocalEdit {
  /** Clients whose clock advanced, with the clock range; empty for a delete-only change. */
  inserted: { client: number; before: number; after: number }[];
}

/**
 * The clock ranges an edit advanced, one per client; a delete-only edit advances none and counts
 * as `(clientId, 0, 0)` (SaveTracker confirms it with the next ack after it was sent).
 */
export function changedClocks(edit: LocalEdit, clientId: number): LocalEdit["inserted"] {
  return edit.inserted.length > 0 ? edit.inserted : [{ client: clientId, before: 0, after: 0 }];
}

/**
 * Calls `onLocal` for every transaction whose origin is not external (relay, device copy).
 * Not `tr.local`: the editor may bridge its own edits in through applyUpdate (a mirror doc).
 * Returns a function that stops watching.
 */
export function watchLocalEdits(
  doc: Y.Doc,
  awareness: Awareness,
  isExternal: (origin: unknown) => boolean,
  onLocal: (edit: LocalEdit) => void,
): () => void {
  const onUpdate = (_update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
    if (isExternal(origin)) return;
    const inserted: LocalEdit["inserted"] = [];
    for (const [client, after] of tr.afterState) {
      const before = tr.beforeState.get(client) ?? 0;
      if (after > before) inserted.push({ client, before, after });
    }
    onLocal({ inserted });
  };
  /*
   * A transaction that came neither from the relay nor from the device copy is this person's
   * edit, even when the editor bridges it in with `Y.applyUpdate` from a mirror doc that shares
   * our client id. Marked local, Yjs does not mistake our own id in it for another client's and
   * keeps the doc's client id (which awareness, cursors and undo are keyed by). It must happen in
   * `afterTransaction`: applyUpdate forces `local = false` inside its transaction, and Yjs checks
   * the flag after the `afterTransaction` listeners ran.
   */
  const onTransaction = (tr: Y.Transaction) => {
    if (!tr.local && !isExternal(tr.origin)) tr.local = true;
  };
  /*
   * Should Yjs still renew the client id (a non-local transaction with content under our id),
   * the awareness would keep the old id and y-websocket would throw on its next connect while
   * encoding our awareness state: follow the doc's id so presence keeps working.
   */
  const onCleanup = () => {
    if (awareness.clientID === doc.clientID) return;
    const state = awareness.getLocalState();
    awareness.setLocalState(null);
    awareness.clientID = doc.clientID;
    awareness.setLocalState(state);
  };
  doc.on("update", onUpdate);
  doc.on("afterTransaction", onTransaction);
  doc.on("afterTransactionCleanup", onCleanup);
  return () => {
    doc.off("update", onUpdate);
    doc.off("afterTransaction", onTransaction);
    doc.off("afterTransactionCleanup", onCleanup);
  };
}
