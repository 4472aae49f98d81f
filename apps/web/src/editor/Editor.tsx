/**
 * @module Editor
 * The collaborative rich-text editor for one document. Content lives in the doc's Yjs
 * `root-v2` XmlElement through @lexical/yjs's v2 binding (CollaborationPluginV2). Why v2: the
 * v1 binding stores a formatting change as delete + re-insert of the text, so undoing your
 * bold after a classmate italicised a word in the same paragraph re-inserted their word a
 * second time (reproduced in e2e/offline.test.ts, the lexical#6614 family); v2 stores formats
 * as attributes on the text, and undo only flips attributes back.
 * Undo/redo is the collaboration UndoManager, which undoes only this person's edits (no
 * HistoryPlugin next to it). The editor never seeds content: an empty doc stays empty until
 * someone types, so no client can duplicate an initial paragraph (yjs#170, lexical#5961).
 */
import { CheckListPlugin } from "@lexical/react/LexicalCheckListPlugin";
import { LexicalCollaboration } from "@lexical/react/LexicalCollaborationContext";
import { CollaborationPluginV2__EXPERIMENTAL } from "@lexical/react/LexicalCollaborationPlugin";
import { type InitialConfigType, LexicalComposer } from "@lexical/react/LexicalComposer";
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { HorizontalRulePlugin } from "@lexical/react/LexicalHorizontalRulePlugin";
import { LinkPlugin } from "@lexical/react/LexicalLinkPlugin";
import { ListPlugin } from "@lexical/react/LexicalListPlugin";
import { MarkdownShortcutPlugin } from "@lexical/react/LexicalMarkdownShortcutPlugin";
import { RichTextPlugin } from "@lexical/react/LexicalRichTextPlugin";
import { TabIndentationPlugin } from "@lexical/react/LexicalTabIndentationPlugin";
import { TablePlugin } from "@lexical/react/LexicalTablePlugin";
import { createBindingV2__EXPERIMENTAL, syncYjsStateToLexicalV2__EXPERIMENTAL } from "@lexical/yjs";
import { type JSX, useEffect, useMemo, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { DocHandle } from "@quire/client";
import { CommentsPlugin } from "../comments/CommentsPlugin.tsx";
import { SuggestionsLoader } from "../suggestions/SuggestionsLoader.tsx";
import { ChecklistDirectionPlugin } from "./ChecklistDirectionPlugin.tsx";
import { EDITOR_NODES } from "./editor-nodes.ts";
import { EmptyBlockDirectionPlugin } from "./EmptyBlockDirectionPlugin.tsx";
import { createEditorProvider } from "./editor-provider.ts";
import { EDITOR_THEME } from "./editor-theme.ts";
import { ImagePlugin } from "./ImagePlugin.tsx";
import { isSafeLinkUrl } from "./link-url.ts";
import { EditablePlugin } from "./EditablePlugin.tsx";
import { LocalEditPlugin } from "./LocalEditPlugin.tsx";
import { PictureFilesPlugin } from "./PictureFilesPlugin.tsx";
import { SafeLinksPlugin } from "./SafeLinksPlugin.tsx";
import { EDITOR_TRANSFORMERS } from "./markdown-transformers.ts";
import { Toolbar } from "./Toolbar.tsx";
import { ViewConsistencyPlugin } from "./ViewConsistencyPlugin.tsx";
import type { RelayAccess } from "../history/relay-access.ts";

/**
 * What the history panel's read-only version view (src/history/ReadOnlyDoc.tsx) builds from:
 * handed over from this chunk so Lexical stays one chunk (see that module).
 */
export const READ_ONLY_KIT = {
  LexicalComposer,
  ContentEditable,
  RichTextPlugin,
  LexicalErrorBoundary,
  useLexicalComposerContext,
  createBindingV2: createBindingV2__EXPERIMENTAL,
  syncYjsStateToLexicalV2: syncYjsStateToLexicalV2__EXPERIMENTAL,
  nodes: EDITOR_NODES,
  theme: EDITOR_THEME,
};

/**
 * Export/import (src/transfer/transfer.ts) is part of this chunk on purpose; see
 * load-transfer.ts. Only its Lexical-free heavy parts (docx, mammoth, fflate) load later.
 */
export const importTransfer = () => import("../transfer/transfer-chunk.ts");

interface Props {
  handle: DocHandle;
  userName: string;
  color: string;
  colorLight: string;
  readOnly: boolean;
  /** The member as comments name her (issue 15): her id (`sub`) and display name. */
  author: { sub: string; name: string };
  /** May add, answer and resolve comments (commenters may, with `readOnly` text; viewers not). */
  canComment: boolean;
  /** For comments' times and mentions from the relay. */
  relay: RelayAccess;
  onError(message: string): void;
  onLocalEdit(): void;
}

export function Editor({ handle, userName, color, colorLight, readOnly, author, canComment, relay, onError, onLocalEdit }: Props): JSX.Element {
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
  // One provider per handle, bound to its doc (the Editor is keyed per handle by its parent).
  const provider = useMemo(() => createEditorProvider(handle), [handle]);
  useEffect(() => () => provider.destroy(), [provider]);
  const awarenessData = useMemo(() => ({ user: { name: userName, color, colorLight } }), [userName, color, colorLight]);
  // Remote cursors are drawn inside the page so they scroll with the text. The V2 plugin reads
  // the container when it first renders, so it mounts only once the page element exists.
  const [page, setPage] = useState<HTMLDivElement | null>(null);
  const { t } = useTranslation();
  const cursors = useMemo(() => ({ current: page }), [page]);

  return (
    <LexicalCollaboration>
      <LexicalComposer initialConfig={initialConfig}>
        <div className={`editor${readOnly ? " is-readonly" : ""}`}>
          {!readOnly && <Toolbar onError={onError} />}
          <CommentsPlugin
            doc={provider.doc}
            docName={handle.docName}
            relay={relay}
            author={author}
            canComment={canComment}
            barStart={<SuggestionsLoader doc={provider.doc} author={author} canEdit={!readOnly} onError={onError} />}
            onError={onError}
          />
          <div className="editor-page" ref={setPage}>
            <RichTextPlugin
              contentEditable={
                <ContentEditable
                  className="editor-input"
                  aria-label={t("editor.label")}
                  aria-placeholder={t("editor.placeholder")}
                  placeholder={<div className="editor-placeholder">{t("editor.placeholder")}</div>}
                  data-testid="editor"
                />
              }
              ErrorBoundary={LexicalErrorBoundary}
            />
          </div>
          {page !== null && (
            <CollaborationPluginV2__EXPERIMENTAL
              id={handle.docName}
              doc={provider.doc}
              provider={provider}
              username={userName}
              cursorColor={color}
              cursorsContainerRef={cursors}
              awarenessData={awarenessData}
            />
          )}
          <ListPlugin />
          <CheckListPlugin />
          <ChecklistDirectionPlugin />
          <LinkPlugin validateUrl={isSafeLinkUrl} />
          <SafeLinksPlugin />
          <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} />
          <HorizontalRulePlugin />
          <TabIndentationPlugin maxIndent={6} />
          <MarkdownShortcutPlugin transformers={EDITOR_TRANSFORMERS} />
          <ImagePlugin />
          {!readOnly && <PictureFilesPlugin onError={onError} />}
          <LocalEditPlugin onLocalEdit={onLocalEdit} />
          <EditablePlugin editable={!readOnly} />
          <EmptyBlockDirectionPlugin />
          <ViewConsistencyPlugin provider={provider} />
        </div>
      </LexicalComposer>
    </LexicalCollaboration>
  );
}
