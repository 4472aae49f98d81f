/**
 * @module Editor
 * The collaborative rich-text editor for one document. Content lives in the doc's Yjs
 * `root` XmlText (via @lexical/yjs); undo/redo is the collaboration UndoManager, which undoes
 * only this person's edits (no HistoryPlugin next to it). The editor never seeds content
 * (shouldBootstrap=false): an empty doc stays empty until someone types, so no client can
 * duplicate an initial paragraph (yjs#170, lexical#5961).
 */
import { CheckListPlugin } from "@lexical/react/LexicalCheckListPlugin";
import { ClickableLinkPlugin } from "@lexical/react/LexicalClickableLinkPlugin";
import { LexicalCollaboration } from "@lexical/react/LexicalCollaborationContext";
import { CollaborationPlugin } from "@lexical/react/LexicalCollaborationPlugin";
import { type InitialConfigType, LexicalComposer } from "@lexical/react/LexicalComposer";
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { HorizontalRulePlugin } from "@lexical/react/LexicalHorizontalRulePlugin";
import { LinkPlugin } from "@lexical/react/LexicalLinkPlugin";
import { ListPlugin } from "@lexical/react/LexicalListPlugin";
import { MarkdownShortcutPlugin } from "@lexical/react/LexicalMarkdownShortcutPlugin";
import { RichTextPlugin } from "@lexical/react/LexicalRichTextPlugin";
import { TabIndentationPlugin } from "@lexical/react/LexicalTabIndentationPlugin";
import { TablePlugin } from "@lexical/react/LexicalTablePlugin";
import { type JSX, useCallback, useEffect, useMemo, useRef } from "react";
import type * as Y from "yjs";
import type { DocHandle } from "../data/index.ts";
import { EDITOR_NODES } from "./editor-nodes.ts";
import { createEditorProvider, type EditorProvider } from "./editor-provider.ts";
import { EDITOR_THEME } from "./editor-theme.ts";
import { ImagePlugin } from "./ImagePlugin.tsx";
import { isSafeLinkUrl } from "./link-url.ts";
import { LocalEditPlugin } from "./LocalEditPlugin.tsx";
import { EDITOR_TRANSFORMERS } from "./markdown-transformers.ts";
import { Toolbar } from "./Toolbar.tsx";

interface Props {
  handle: DocHandle;
  userName: string;
  color: string;
  colorLight: string;
  readOnly: boolean;
  onError(message: string): void;
  onLocalEdit(): void;
}

export function Editor({ handle, userName, color, colorLight, readOnly, onError, onLocalEdit }: Props): JSX.Element {
  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: "quire",
      nodes: [...EDITOR_NODES],
      theme: EDITOR_THEME,
      // Collaboration owns the content: the editor must start with no state of its own.
      editorState: null,
      editable: !readOnly,
      onError(error: Error) {
        console.error("[quire editor]", error);
      },
    }),
    [readOnly],
  );
  const providers = useRef<EditorProvider[]>([]);
  const providerFactory = useCallback(
    (id: string, yjsDocMap: Map<string, Y.Doc>) => {
      const provider = createEditorProvider(handle, id, yjsDocMap);
      providers.current.push(provider);
      return provider;
    },
    [handle],
  );
  useEffect(
    () => () => {
      for (const provider of providers.current.splice(0)) provider.destroy();
    },
    [],
  );
  const awarenessData = useMemo(() => ({ user: { name: userName, color, colorLight } }), [userName, color, colorLight]);
  const cursors = useRef<HTMLDivElement>(null);

  return (
    <LexicalCollaboration>
      <LexicalComposer initialConfig={initialConfig}>
        <div className={`editor${readOnly ? " is-readonly" : ""}`}>
          {!readOnly && <Toolbar onError={onError} />}
          <div className="editor-page" ref={cursors}>
            <RichTextPlugin
              contentEditable={
                <ContentEditable
                  className="editor-input"
                  aria-label="Document text"
                  aria-placeholder="Start writing…"
                  placeholder={<div className="editor-placeholder">Start writing…</div>}
                  data-testid="editor"
                />
              }
              ErrorBoundary={LexicalErrorBoundary}
            />
          </div>
          <CollaborationPlugin
            id={handle.docName}
            providerFactory={providerFactory}
            shouldBootstrap={false}
            username={userName}
            cursorColor={color}
            cursorsContainerRef={cursors}
            awarenessData={awarenessData}
          />
          <ListPlugin />
          <CheckListPlugin />
          <LinkPlugin validateUrl={isSafeLinkUrl} />
          <ClickableLinkPlugin />
          <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} />
          <HorizontalRulePlugin />
          <TabIndentationPlugin maxIndent={6} />
          <MarkdownShortcutPlugin transformers={EDITOR_TRANSFORMERS} />
          <ImagePlugin />
          <LocalEditPlugin onLocalEdit={onLocalEdit} />
        </div>
      </LexicalComposer>
    </LexicalCollaboration>
  );
}
