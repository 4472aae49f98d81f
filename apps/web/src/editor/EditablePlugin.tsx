/**
 * @module EditablePlugin
 * Follows the `editable` prop after the editor was created: LexicalComposer reads its
 * `initialConfig` once, so a document that turns read-only while open (the teacher locked it,
 * the student was removed or made a reader: issue 13) would otherwise stay typeable.
 *
 * The page's `contenteditable` flips in the same task as the editor's own flag. Lexical's
 * ContentEditable only re-renders it from an editable listener through React state, a render
 * later; a keystroke in between (a lock landing mid-keystroke) was inserted by the browser into
 * the page while Lexical, no longer editable, ignored its events: the letter showed on screen
 * but never reached the document or the device copy, and was gone after a reload (e2e
 * class-rules, 2 of 4 loaded runs).
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { useEffect } from "react";

export function EditablePlugin({ editable }: { editable: boolean }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerEditableListener((now) => {
        const root = editor.getRootElement();
        if (root) root.contentEditable = now ? "true" : "false";
      }),
    [editor],
  );
  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);
  return null;
}
