/**
 * @module ChecklistDirectionPlugin
 * Lets Lexical's checklist find the check box of a right-to-left item on its right edge (see
 * checklist-direction.ts): a capture-phase listener on the editor's root, so it runs before
 * CheckListPlugin's own listeners on the same root.
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { useEffect } from "react";
import { CHECKLIST_EVENTS, onChecklistPress } from "./checklist-direction.ts";

export function ChecklistDirectionPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerRootListener((root, previous) => {
        for (const type of CHECKLIST_EVENTS) {
          previous?.removeEventListener(type, onChecklistPress, true);
          root?.addEventListener(type, onChecklistPress, true);
        }
      }),
    [editor],
  );
  return null;
}
