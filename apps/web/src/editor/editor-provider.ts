/**
 * @module editor-provider
 * The one adapter between a DocHandle (@quire/client, which knows nothing of Lexical) and what
 * @lexical/yjs's collaboration binding expects of a provider.
 *
 * - `connect()` bridges the mirror (below), then `handle.start()`: the device copy loads, and
 *   only then the relay socket connects — nothing syncs an empty doc first.
 * - `sync` is true once the device copy is applied (content shows offline) and again on every
 *   relay sync; `status` mirrors the websocket (both are the handle's own events).
 * - `disconnect()` does nothing: the socket belongs to the DocHandle, closed by `release()`.
 * - `update` and `reload` are never emitted: 'reload' would make Lexical swap its doc for the
 *   handle's, bypassing the mirror.
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
import type { Provider, ProviderAwareness } from "@lexical/yjs";
import * as Y from "yjs";
import type { DocHandle, DocHandleEvents } from "@quire/client";

type ProviderEvent = "sync" | "status" | "update" | "reload";
type Listener = (...args: never[]) => void;

/** The events a DocHandle emits itself; the binding's other subscriptions never fire. */
const forwarded = (type: ProviderEvent): type is keyof DocHandleEvents => type === "sync" || type === "status";

export interface EditorProvider extends Provider {
  /** The doc the editor binds to. */
  readonly doc: Y.Doc;
  /** Stops forwarding between the mirror and the handle's doc (when the editor unmounts). */
  destroy(): void;
}

/** Origin of transactions that copy updates between the two docs (never undoable). */
const BRIDGE = Symbol("quire-editor-bridge");

export function createEditorProvider(handle: DocHandle): EditorProvider {
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
    // The same y-protocols Awareness @lexical/yjs uses with y-websocket; its declared type
    // names the state fields Lexical writes, which y-protocols types as a plain record.
    awareness: handle.awareness as unknown as ProviderAwareness,
    connect() {
      bridge();
      handle.start();
    },
    disconnect() {
      // Intentionally empty: see module doc.
    },
    on(type: ProviderEvent, callback: Listener) {
      if (forwarded(type)) handle.on(type, callback as DocHandleEvents[typeof type]);
    },
    off(type: ProviderEvent, callback: Listener) {
      if (forwarded(type)) handle.off(type, callback as DocHandleEvents[typeof type]);
    },
    destroy() {
      destroyed = true;
      handle.doc.off("update", intoMirror);
      mirror.off("update", intoHandle);
    },
  } as EditorProvider;
}
