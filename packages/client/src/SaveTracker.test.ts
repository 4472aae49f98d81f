import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SaveTracker, parsePersistedSyncState } from "./SaveTracker.ts";

/** Records every local transaction of `doc` in `tracker`, as DocReplica does. */
function track(doc: Y.Doc, tracker: SaveTracker, sent: () => boolean) {
  doc.on("update", (_u: Uint8Array, _o: unknown, d: Y.Doc, tr: Y.Transaction) => {
    tracker.recordLocal(d.clientID, tr.beforeState.get(d.clientID) ?? 0, tr.afterState.get(d.clientID) ?? 0, sent());
  });
}

describe("SaveTracker", () => {
  it("counts local changes until an ack's state vector covers them", () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker();
    track(doc, tracker, () => true);
    const text = doc.getText("t");
    text.insert(0, "ab");
    const afterFirst = Y.decodeStateVector(Y.encodeStateVector(doc));
    text.insert(2, "cd");
    text.insert(4, "e");
    expect(tracker.pendingChanges()).toBe(3);
    tracker.ack(afterFirst);
    expect(tracker.pendingChanges()).toBe(2);
    tracker.ack(Y.decodeStateVector(Y.encodeStateVector(doc)));
    expect(tracker.pendingChanges()).toBe(0);
  });

  it("ignores acks of other clients' data", () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker();
    track(doc, tracker, () => true);
    doc.getText("t").insert(0, "mine");
    tracker.ack(new Map([[doc.clientID + 1, 1_000]]));
    expect(tracker.pendingChanges()).toBe(1);
  });

  it("confirms a delete-only change with the first ack after it was sent", () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker();
    let connected = true;
    track(doc, tracker, () => connected);
    doc.getText("t").insert(0, "hello");
    tracker.ack(Y.decodeStateVector(Y.encodeStateVector(doc)));
    doc.getText("t").delete(0, 2); // A delete does not advance the clock.
    expect(tracker.pendingChanges()).toBe(1);
    tracker.ack(Y.decodeStateVector(Y.encodeStateVector(doc)));
    expect(tracker.pendingChanges()).toBe(0);
    connected = false;
    doc.getText("t").delete(0, 1);
    tracker.ack(Y.decodeStateVector(Y.encodeStateVector(doc))); // An ack of an older write.
    expect(tracker.pendingChanges()).toBe(1);
    tracker.markSent(); // Reconnected: our sync step 2 carried it.
    expect(tracker.pendingChanges()).toBe(1);
    tracker.ack(Y.decodeStateVector(Y.encodeStateVector(doc)));
    expect(tracker.pendingChanges()).toBe(0);
  });

  it("remembers unconfirmed changes across a reload", () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker();
    track(doc, tracker, () => false);
    doc.getText("t").insert(0, "offline");
    doc.getText("t").insert(0, "more ");
    doc.getText("t").delete(0, 1);
    const stored = JSON.parse(JSON.stringify(tracker.persisted())) as unknown;
    const reloaded = new SaveTracker();
    reloaded.restore(parsePersistedSyncState(stored));
    expect(reloaded.pendingChanges()).toBe(3);
    // The old client id is covered by the relay's ack after reconnecting; the delete needs an ack after sending.
    reloaded.markSent();
    reloaded.ack(Y.decodeStateVector(Y.encodeStateVector(doc)));
    expect(reloaded.pendingChanges()).toBe(0);
    expect(reloaded.persisted()).toEqual({ v: 1, clients: [], deletes: 0 });
  });

  it("rejects malformed stored state", () => {
    expect(parsePersistedSyncState(null)).toBeNull();
    expect(parsePersistedSyncState({ v: 2, clients: [], deletes: 0 })).toBeNull();
    expect(parsePersistedSyncState({ v: 1, clients: [[1, 2]], deletes: 0 })).toBeNull();
    expect(parsePersistedSyncState({ v: 1, clients: [[1, -2, 3]], deletes: 0 })).toBeNull();
    expect(parsePersistedSyncState({ v: 1, clients: [], deletes: "many" })).toBeNull();
    expect(parsePersistedSyncState({ v: 1, clients: [[1, 2, 3]], deletes: 4 })).toEqual({ v: 1, clients: [[1, 2, 3]], deletes: 4 });
  });
});
