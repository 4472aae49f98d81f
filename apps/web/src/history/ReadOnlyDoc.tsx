/**
 * @module ReadOnlyDoc
 * A Yjs document rendered read-only as the editor renders it: the same nodes and theme, fed
 * once through @lexical/yjs's v2 binding (`syncYjsStateToLexicalV2__EXPERIMENTAL`), so a
 * version shows headings, lists, tables, links and pictures exactly as they were written.
 *
 * The Lexical parts come from the editor's chunk (`READ_ONLY_KIT`, exported by Editor.tsx and
 * already loaded where a document is open): imported here, Lexical became a third chunk shared
 * by the editor and the history panel, and the split cost the first visit bytes it does not
 * have (e2e/first-load-bytes). The binding wants a provider only to draw other people's
 * cursors; a version has none, so it gets a real but unconnected Awareness over the version's
 * own doc. Nothing here writes to the doc: not editable, no Lexical → Yjs sync.
 */
import type { Provider, ProviderAwareness } from "@lexical/yjs";
import { type JSX, useEffect } from "react";
import { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import type { READ_ONLY_KIT } from "../editor/Editor.tsx";

export type ReadOnlyKit = typeof READ_ONLY_KIT;

function RenderOnce({ kit, doc }: { kit: ReadOnlyKit; doc: Y.Doc }): null {
  const [editor] = kit.useLexicalComposerContext();
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
    kit.syncYjsStateToLexicalV2(kit.createBindingV2(editor, "version", doc, new Map()), provider);
    return () => awareness.destroy();
  }, [kit, editor, doc]);
  return null;
}

export function ReadOnlyDoc({ kit, doc, label }: { kit: ReadOnlyKit; doc: Y.Doc; label: string }): JSX.Element {
  const { LexicalComposer, ContentEditable, RichTextPlugin, LexicalErrorBoundary } = kit;
  return (
    <LexicalComposer
      initialConfig={{
        namespace: "quire-version",
        nodes: [...kit.nodes],
        theme: kit.theme,
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
        <RenderOnce kit={kit} doc={doc} />
      </div>
    </LexicalComposer>
  );
}
