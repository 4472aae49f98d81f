// @vitest-environment jsdom
/**
 * The "empty doc" trap, with the editor bound to the handle's own doc (F21): an editor that
 * connects to a doc already holding the document shows it. The Lexical binding renders only
 * the changes it observes after it binds, so without the provider's full render at connect
 * this editor would show an empty page over real content. Real Lexical, real v2 binding, a
 * real DocReplica (fake-indexeddb; its relay is unreachable: port 1 refuses, as offline).
 */
import "fake-indexeddb/auto";
import { LexicalCollaboration } from "@lexical/react/LexicalCollaborationContext";
import { CollaborationPluginV2__EXPERIMENTAL } from "@lexical/react/LexicalCollaborationPlugin";
import { LexicalComposer } from "@lexical/react/LexicalComposer";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { DocReplica } from "@quire/client";
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from "lexical";
import { act } from "preact/test-utils";
import { createElement, type JSX, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { EDITOR_ROOT, type EditorProvider, createEditorProvider } from "./editor-provider.ts";
import { ViewConsistencyPlugin } from "./ViewConsistencyPlugin.tsx";

function Capture({ onEditor }: { onEditor(editor: LexicalEditor): void }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => onEditor(editor), [editor, onEditor]);
  return null;
}

/** The editor's collaboration wiring as Editor.tsx has it, without the page's other plugins. */
function CollabEditor({ provider, docName, onEditor }: { provider: EditorProvider; docName: string; onEditor(editor: LexicalEditor): void }): JSX.Element {
  return createElement(
    LexicalCollaboration,
    null,
    createElement(
      LexicalComposer,
      { initialConfig: { namespace: "test", editorState: null, onError: (error: Error) => { throw error; } } },
      createElement(CollaborationPluginV2__EXPERIMENTAL, { id: docName, doc: provider.doc, provider, username: "Ana", cursorColor: "#000" }),
      createElement(ViewConsistencyPlugin, { provider }),
      createElement(Capture, { onEditor }),
    ),
  );
}

function mount(provider: EditorProvider, docName: string): { editor: () => LexicalEditor; unmount(): void } {
  let editor: LexicalEditor | null = null;
  const host = document.createElement("div");
  const root = createRoot(host);
  const onEditor = (e: LexicalEditor) => {
    editor = e;
  };
  act(() => root.render(createElement(CollabEditor, { provider, docName, onEditor })));
  return {
    editor: () => {
      if (editor === null) throw new Error("no editor");
      return editor;
    },
    unmount: () => act(() => root.unmount()),
  };
}

const shownText = (editor: LexicalEditor) => editor.getEditorState().read(() => $getRoot().getTextContent());

describe("an editor over a doc that already holds the document", () => {
  it("shows it, and an empty doc stays empty", async () => {
    const docName = "wtestexisting/d0000000001";
    const handle = new DocReplica({
      docName,
      relayUrl: "ws://127.0.0.1:1",
      token: "unused",
      start: false,
      disableBc: true,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    try {
      // A first editor writes a paragraph through the binding (the doc's real v2 shape).
      const first = createEditorProvider(handle);
      const writer = mount(first, docName);
      await handle.whenLoaded;
      // Nothing was seeded into the empty doc by connecting.
      expect(handle.doc.get(EDITOR_ROOT, Y.XmlElement).length).toBe(0);
      act(() => {
        writer.editor().update(() => $getRoot().append($createParagraphNode().append($createTextNode("Rivers carry silt."))), { discrete: true });
      });
      expect(handle.doc.get(EDITOR_ROOT, Y.XmlElement).length).toBe(1);
      writer.unmount();
      first.destroy();

      // A second editor binds to the same doc, which holds the paragraph before it connects.
      const second = createEditorProvider(handle);
      const reader = mount(second, docName);
      expect(shownText(reader.editor())).toBe("Rivers carry silt.");
      // The full render did not write anything back (no extra paragraph).
      expect(handle.doc.get(EDITOR_ROOT, Y.XmlElement).length).toBe(1);
      reader.unmount();
      second.destroy();
    } finally {
      handle.release();
    }
  });
});
