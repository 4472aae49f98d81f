/**
 * @module EmptyBlockDirectionPlugin
 * Keeps each empty line in the direction of the text before it (see empty-block-direction.ts),
 * after every update — local typing and classmates' changes alike.
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { useEffect } from "react";
import { alignEmptyBlocks } from "./empty-block-direction.ts";

export function EmptyBlockDirectionPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.registerUpdateListener(() => alignEmptyBlocks(editor.getRootElement())), [editor]);
  return null;
}
