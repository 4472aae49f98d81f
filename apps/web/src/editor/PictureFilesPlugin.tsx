/**
 * @module PictureFilesPlugin
 * Pictures pasted or dropped into the page. Lexical's rich-text plugin turns a paste or drop
 * that carries files (and no text) into DRAG_DROP_PASTE, placing the caret at the drop point
 * first; nothing handled that command, so such pictures vanished without a word (issue 10).
 * Each file now goes through `insertImageFile`, exactly as one picked with the picture button:
 * same checks, same messages. Files are handled one after another so several land in order.
 * A browser's "Copy image" puts the file on the clipboard next to HTML naming the original
 * (`<img src="https://…">`); Lexical then takes the HTML path, where a picture has no place,
 * and dropped it. A paste with files and no plain text is therefore taken as files. A paste
 * with text (Word and Excel add a picture *of* the copied text) stays a text paste.
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { DRAG_DROP_PASTE } from "@lexical/rich-text";
import { mergeRegister } from "@lexical/utils";
import { COMMAND_PRIORITY_LOW, DRAGOVER_COMMAND, PASTE_COMMAND } from "lexical";
import { useEffect } from "react";
import { insertImageFile } from "./insert-image-file.ts";

interface Props {
  onError(message: string): void;
}

export function PictureFilesPlugin({ onError }: Props): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const insertAll = (files: readonly File[]) => {
      void (async () => {
        for (const file of files) await insertImageFile(editor, file, onError);
      })();
    };
    return mergeRegister(
      editor.registerCommand(
        DRAG_DROP_PASTE,
        (files) => {
          insertAll(files);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = "clipboardData" in event ? event.clipboardData : null;
          if (!data || data.files.length === 0 || data.getData("text/plain").trim() !== "") return false;
          event.preventDefault();
          insertAll([...data.files]);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        DRAGOVER_COMMAND,
        (event) => {
          // A page must cancel dragover to be offered the drop; for text drags Lexical
          // leaves the browser's own caret handling alone, so only files are claimed here.
          if (!event.dataTransfer?.types.includes("Files")) return false;
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor, onError]);
  return null;
}
