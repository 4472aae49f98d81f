/**
 * @module ImagePlugin
 * Handles INSERT_IMAGE_COMMAND: puts an ImageNode (data: URL) where the cursor is.
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $insertNodeToNearestRoot } from "@lexical/utils";
import { COMMAND_PRIORITY_EDITOR, createCommand, type LexicalCommand } from "lexical";
import { useEffect } from "react";
import { isImageDataUrl } from "./image-file.ts";
import { $createImageNode } from "./ImageNode.tsx";

export const INSERT_IMAGE_COMMAND: LexicalCommand<{ src: string; altText: string }> = createCommand("INSERT_IMAGE_COMMAND");

export function ImagePlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        INSERT_IMAGE_COMMAND,
        ({ src, altText }) => {
          if (!isImageDataUrl(src)) return false;
          $insertNodeToNearestRoot($createImageNode(src, altText));
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
    [editor],
  );
  return null;
}
