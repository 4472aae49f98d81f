/**
 * @module editor-provider
 * Adapts a DocHandle to what @lexical/yjs's collaboration binding expects.
 *
 * Why a mirror doc: the Lexical binding renders only Yjs *changes* it observes after it is
 * created. A DocHandle's doc may already hold the document (loaded from IndexedDB, or kept in
 * memory by background sync), and the editor would then show an empty page over real content —
 * the "empty doc" trap. So the editor binds to a fresh mirror Y.Doc, and on the binding's first
 * connect() the handle's whole state is applied to the mirror as one change (which the binding
 * renders), then updates flow both ways synchronously.
 *
 * The mirror shares the handle doc's clientID: edits made in the editor are then the handle's
 * own edits (ack counting and awareness cursors are keyed by that id), and since every update
 * is forwarded synchronously the two docs never issue the same clock twice.
 */
import type { Provider } from "@lexical/yjs";
import * as Y from "yjs";
import type { DocHandle } from "../data/index.ts";

type ProviderEvent = "sync" | "status" | "update" | "reload";
type Listener = (...args: never[]) => void;

export interface EditorProvider extends Provider {
  /** The doc the editor binds to. */
  readonly doc: Y.Doc;
  /** Stops forwarding between the mirror and the handle's doc (when the editor unmounts). */
  destroy(): void;
}

/** Origin of transactions that copy updates between the two docs (never undoable). */
const BRIDGE = Symbol("quire-editor-bridge");

export function createEditorProvider(handle: DocHandle): EditorProvider {
  const inner = handle.lexicalProvider as Provider;
  const mirror = new Y.Doc({ gc: false });
  mirror.clientID = handle.doc.clientID;
  let bridged = false;
  let destroyed = false;

  const intoMirror = (update: Uint8Array, origin: unknown) => {
    if (origin !== BRIDGE) Y.applyUpdate(mirror, update, BRIDGE);
  };
  const intoHandle = (update: Uint8Array, origin: unknown) => {
    if (origin !== BRIDGE) Y.applyUpdate(handle.doc, update, BRIDGE);
  };

  const bridge = () => {
    if (bridged || destroyed) return;
    bridged = true;
    handle.doc.on("update", intoMirror);
    mirror.on("update", intoHandle);
    // One transaction with everything the device has: the binding observes and renders it.
    Y.applyUpdate(mirror, Y.encodeStateAsUpdate(handle.doc), BRIDGE);
  };

  return {
    doc: mirror,
    awareness: inner.awareness,
    connect() {
      bridge();
      return inner.connect();
    },
    disconnect() {
      inner.disconnect();
    },
    // 'reload' is deliberately not forwarded: it would make Lexical swap its doc for the
    // handle's, bypassing the mirror.
    on(type: ProviderEvent, callback: Listener) {
      if (type !== "reload") (inner.on as (t: string, c: Listener) => void)(type, callback);
    },
    off(type: ProviderEvent, callback: Listener) {
      if (type !== "reload") (inner.off as (t: string, c: Listener) => void)(type, callback);
    },
    destroy() {
      destroyed = true;
      handle.doc.off("update", intoMirror);
      mirror.off("update", intoHandle);
    },
  } as EditorProvider;
}
