/**
 * @module EditablePlugin
 * Follows the `editable` prop after the editor was created: LexicalComposer reads its
 * `initialConfig` once, so a document that turns read-only while open (the teacher locked it,
 * the student was removed or made a reader: issue 13) would otherwise stay typeable.
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { useEffect } from "react";

export function EditablePlugin({ editable }: { editable: boolean }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);
  return null;
}
