/**
 * @module editor-provider
 * The one adapter between a DocHandle (@quire/client, which knows nothing of Lexical) and what
 * @lexical/yjs's collaboration binding expects of a provider.
 *
 * - The binding works on the handle's own Y.Doc: every update (relay, device copy, another
 *   tab) is decoded and integrated once. Until issue 17 the editor bound to a second "mirror"
 *   doc and every update was re-encoded and decoded again into it (`intoMirror`: ~0.6 s of B4's
 *   load at 4× throttle and 3.6 % of the page's time with 29 typists; bench/FINDINGS.md F16,
 *   F17, F21).
 * - `connect()` first shows what the doc already holds (below), then `handle.start()`: the
 *   device copy loads, and only then the relay socket connects — nothing syncs an empty doc first.
 * - `sync` is true once the device copy is applied (content shows offline) and again on every
 *   relay sync; `status` mirrors the websocket (both are the handle's own events).
 * - `disconnect()` does nothing: the socket belongs to the DocHandle, closed by `release()`.
 * - `update` and `reload` are never emitted ('reload' would make Lexical swap its doc).
 *
 * Why content already in the doc needs a render of its own: the Lexical binding renders only
 * the Yjs *changes* it observes after it is created. A handle's doc may hold the document
 * before the editor connects (a sibling tab's or a sync file's edits shared into the replica
 * before `start()`), and the editor would then show an empty page over real content — the
 * "empty doc" trap the mirror used to avoid by replaying the whole state into a fresh doc. Now
 * `connect()` asks the binding for its own full render (CLEAR_DIFF_VERSIONS_COMMAND, as the
 * ViewConsistencyPlugin does) when the doc's root holds blocks. An empty root is never rendered
 * that way: that render adds a paragraph to an empty doc, which would be written back (the
 * seeding trap, yjs#170).
 *
 * Edits made in the editor are transactions of the handle's doc whose origin is the binding:
 * the replica counts them as local edits (ack counting, device writes, sibling tabs) exactly as
 * it did the mirror's forwarded copies, and the undo manager tracks only them and untagged
 * local transactions — the relay's, the device copy's and other tabs' origins stay untracked.
 */
import type { Provider, ProviderAwareness } from "@lexical/yjs";
import { CLEAR_DIFF_VERSIONS_COMMAND__EXPERIMENTAL } from "@lexical/yjs";
import type { LexicalEditor } from "lexical";
import * as Y from "yjs";
import type { DocHandle, DocHandleEvents } from "@quire/client";

type ProviderEvent = "sync" | "status" | "update" | "reload";
type Listener = (...args: never[]) => void;

/** The events a DocHandle emits itself; the binding's other subscriptions never fire. */
const forwarded = (type: ProviderEvent): type is keyof DocHandleEvents => type === "sync" || type === "status";

/** The XmlElement @lexical/yjs's v2 binding keeps the document in (its default root name). */
export const EDITOR_ROOT = "root-v2";

export interface EditorProvider extends Provider {
  /** The doc the editor binds to: the handle's own doc. */
  readonly doc: Y.Doc;
  /**
   * The editor whose binding `connect()` asks to render content already in the doc. Called
   * from inside the composer (ViewConsistencyPlugin) before or after the binding connects.
   */
  attachEditor(editor: LexicalEditor): void;
  /** Forgets the editor (when it unmounts). */
  destroy(): void;
}

export function createEditorProvider(handle: DocHandle): EditorProvider {
  const root = handle.doc.get(EDITOR_ROOT, Y.XmlElement);
  let editor: LexicalEditor | null = null;
  let connected = false;
  let renderPending = false;
  let destroyed = false;

  /** Only once the binding connected: its command handler is registered before connect(). */
  const renderExisting = () => {
    if (!renderPending || !connected || editor === null || destroyed) return;
    renderPending = false;
    editor.dispatchCommand(CLEAR_DIFF_VERSIONS_COMMAND__EXPERIMENTAL, undefined);
  };

  return {
    doc: handle.doc,
    // The same y-protocols Awareness @lexical/yjs uses with y-websocket; its declared type
    // names the state fields Lexical writes, which y-protocols types as a plain record.
    awareness: handle.awareness as unknown as ProviderAwareness,
    attachEditor(next: LexicalEditor) {
      editor = next;
      renderExisting();
    },
    connect() {
      if (!connected) {
        connected = true;
        renderPending = root.length > 0;
        renderExisting();
      }
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
      editor = null;
    },
  } as EditorProvider;
}
