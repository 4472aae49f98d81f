/**
 * @module LocalEditPlugin
 * Calls `onLocalEdit` when this person changes the content (not for remote changes arriving
 * through collaboration), so the sidebar can say "edited just now by Ana".
 *
 * The index throttles these "touches" (one per 10 s), so one more call follows
 * the last edit after that interval: the entry's updatedAt then reflects the final edit, which
 * is what makes other devices' background sync fetch the final version of the document.
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { COLLABORATION_TAG } from "lexical";
import { useEffect, useRef } from "react";

/**
 * Delay of the trailing touch: just over the index's 10 s touch throttle (TOUCH_INTERVAL_MS in
 * data/WorkspaceIndex.ts, not exported from the data layer's index).
 */
const TRAILING_TOUCH_MS = 10_500;

export function LocalEditPlugin({ onLocalEdit }: { onLocalEdit(): void }): null {
  const [editor] = useLexicalComposerContext();
  const callback = useRef(onLocalEdit);
  callback.current = onLocalEdit;
  useEffect(() => {
    let trailing: ReturnType<typeof setTimeout> | undefined;
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, tags, prevEditorState, editorState }) => {
      if (tags.has(COLLABORATION_TAG) || prevEditorState === editorState) return;
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      callback.current();
      clearTimeout(trailing);
      trailing = setTimeout(() => callback.current(), TRAILING_TOUCH_MS);
    });
    return () => {
      clearTimeout(trailing);
      unregister();
    };
  }, [editor]);
  return null;
}
