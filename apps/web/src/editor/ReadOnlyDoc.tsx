/**
 * @module ReadOnlyDoc
 * A Yjs document rendered read-only as the editor renders it: the same nodes and theme, fed
 * once through @lexical/yjs's v2 binding (`syncYjsStateToLexicalV2__EXPERIMENTAL`), so a
 * version shows headings, lists, tables, links and pictures exactly as they were written.
 *
 * The binding wants a provider only to draw other people's cursors; a version has none, so
 * it gets a real but unconnected Awareness over the version's own doc and never connects.
 * Nothing here writes to the doc: the editor is not editable and no Lexical → Yjs sync is set up.
 *
 * It ships in the editor's chunk (exported by Editor.tsx) and the history panel takes it from
 * there (`loadEditor()`): imported by the panel's own chunk, Lexical became a third chunk shared
 * by both, and the split cost the first visit ~1 KB it does not have (e2e/first-load-bytes).
 */
import { LexicalComposer } from "@lexical/react/LexicalComposer";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { RichTextPlugin } from "@lexical/react/LexicalRichTextPlugin";
import { createBindingV2__EXPERIMENTAL, type Provider, type ProviderAwareness, syncYjsStateToLexicalV2__EXPERIMENTAL } from "@lexical/yjs";
import { type JSX, useEffect } from "react";
import { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { EDITOR_NODES } from "./editor-nodes.ts";
import { EDITOR_THEME } from "./editor-theme.ts";

export function ReadOnlyDoc({ doc, label }: { doc: Y.Doc; label: string }): JSX.Element {
  return (
    <LexicalComposer
      initialConfig={{
        namespace: "quire-version",
        nodes: [...EDITOR_NODES],
        theme: EDITOR_THEME,
        editable: false,
        editorState: null,
        onError(error: Error) {
          console.error("[quire version view]", error);
        },
      }}
    >
      <div className="editor is-readonly history-version-view">
        <div className="editor-page">
          <RichTextPlugin
            contentEditable={<ContentEditable className="editor-input" aria-label={label} aria-readonly="true" data-testid="version-view" />}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <RenderOnce doc={doc} />
      </div>
    </LexicalComposer>
  );
}

function RenderOnce({ doc }: { doc: Y.Doc }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const awareness = new Awareness(doc);
    const provider: Provider = {
      // y-protocols' Awareness is what @lexical/yjs reads; its typing names a narrower state.
      awareness: awareness as unknown as ProviderAwareness,
      connect() {},
      disconnect() {},
      on() {},
      off() {},
    };
    const binding = createBindingV2__EXPERIMENTAL(editor, "version", doc, new Map());
    syncYjsStateToLexicalV2__EXPERIMENTAL(binding, provider);
    return () => awareness.destroy();
  }, [editor, doc]);
  return null;
}
