/**
 * @module LocalEditPlugin
 * Calls `onLocalEdit` when this person changes the content (not for remote changes arriving
 * through collaboration), so the sidebar can say "edited just now by Ana".
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { COLLABORATION_TAG } from "lexical";
import { useEffect, useRef } from "react";

export function LocalEditPlugin({ onLocalEdit }: { onLocalEdit(): void }): null {
  const [editor] = useLexicalComposerContext();
  const callback = useRef(onLocalEdit);
  callback.current = onLocalEdit;
  useEffect(
    () =>
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, tags, prevEditorState, editorState }) => {
        if (tags.has(COLLABORATION_TAG) || prevEditorState === editorState) return;
        if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
        callback.current();
      }),
    [editor],
  );
  return null;
}
