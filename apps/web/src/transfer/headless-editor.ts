/**
 * @module headless-editor
 * Export and import work on a document's Yjs doc, not on the editor on screen: the open
 * document and every other document of the workspace (read from the device) go through the
 * same path, and nothing here touches what the student sees.
 *
 * - `readDoc` renders a doc's `root-v2` content into an editor with no root element through
 *   @lexical/yjs's v2 binding — the same binding the on-screen editor uses, so the export sees
 *   exactly the nodes the page shows.
 * - `writeDoc` writes a parsed editor state into a (new, empty) doc through the same binding,
 *   so an imported document is stored as if someone had typed it.
 * Invariant: both register exactly EDITOR_NODES; a node type missing here would be dropped.
 */
import {
  createBindingV2__EXPERIMENTAL,
  type Provider,
  syncLexicalUpdateToYjsV2__EXPERIMENTAL,
  syncYjsStateToLexicalV2__EXPERIMENTAL,
} from "@lexical/yjs";
import { $getRoot, $parseSerializedNode, createEditor, type DOMConversionMap, type LexicalEditor, type SerializedEditorState } from "lexical";
import { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { EDITOR_NODES } from "../editor/editor-nodes.ts";
import { $createImageNode } from "../editor/ImageNode.tsx";
import { EDITOR_THEME } from "../editor/editor-theme.ts";

/**
 * `<img>` → ImageNode, for imports only: the editor's paste keeps its own behaviour. The src
 * is whatever the (already sanitised) markup says; import-nodes.ts checks it once more.
 */
const IMPORT_PICTURES: DOMConversionMap = {
  img: () => ({
    conversion: (element) => ({ node: $createImageNode(element.getAttribute("src") ?? "", element.getAttribute("alt") ?? "") }),
    priority: 0,
  }),
};

/** An editor with every Quire node and no root element (nothing is rendered). */
export function createHeadlessEditor(): LexicalEditor {
  return createEditor({
    namespace: "quire-transfer",
    nodes: [...EDITOR_NODES],
    theme: EDITOR_THEME,
    html: { import: IMPORT_PICTURES },
    onError(error: Error) {
      throw error;
    },
  });
}

/**
 * The binding asks its provider for awareness (remote cursors) only; a headless editor has no
 * cursor to share, so it gets a private Awareness nobody sends anywhere.
 */
function privateProvider(doc: Y.Doc): { provider: Provider; destroy(): void } {
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);
  const provider = {
    awareness,
    connect() {},
    disconnect() {},
    on() {},
    off() {},
  } as unknown as Provider;
  return { provider, destroy: () => awareness.destroy() };
}

/** A headless editor holding `doc`'s content as it is now (later changes are not followed). */
export function readDoc(doc: Y.Doc): LexicalEditor {
  const editor = createHeadlessEditor();
  const binding = createBindingV2__EXPERIMENTAL(editor, "quire-transfer", doc, new Map());
  const { provider, destroy } = privateProvider(doc);
  try {
    syncYjsStateToLexicalV2__EXPERIMENTAL(binding, provider);
  } finally {
    destroy();
  }
  return editor;
}

/**
 * Writes `state` (from an import) into `doc`, which must be a new document: its content is
 * replaced. Runs synchronously; the doc's own update events carry the change to storage.
 */
export function writeDoc(doc: Y.Doc, state: SerializedEditorState): void {
  const editor = createHeadlessEditor();
  const binding = createBindingV2__EXPERIMENTAL(editor, "quire-transfer", doc, new Map());
  const { provider, destroy } = privateProvider(doc);
  const stop = editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjsV2__EXPERIMENTAL(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  try {
    editor.update(
      () => {
        const root = $getRoot();
        root.clear();
        for (const child of state.root.children) root.append($parseSerializedNode(child));
      },
      { discrete: true },
    );
  } finally {
    stop();
    destroy();
  }
}
