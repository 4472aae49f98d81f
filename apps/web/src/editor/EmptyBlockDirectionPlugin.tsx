/**
 * @module EmptyBlockDirectionPlugin
 * Keeps each empty line in the direction of the text before it (see empty-block-direction.ts),
 * after every update — local typing and classmates' changes alike. Only the top-level blocks
 * an update touched (and the empty lines right after them) are looked at.
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $getNodeByKey, $isRootNode } from "lexical";
import { useEffect } from "react";
import { alignEmptyBlocks, alignEmptyBlocksAfter } from "./empty-block-direction.ts";

/**
 * Above this many changed blocks, every block is walked once instead: sorting them into
 * document order (compareDocumentPosition) cost 338 ms of a B4 load at a 4× CPU throttle.
 */
const WALK_ALL_OVER = 16;

export function EmptyBlockDirectionPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    // Whatever was rendered before this listener existed, once.
    alignEmptyBlocks(editor.getRootElement());
    return editor.registerUpdateListener(({ dirtyElements, editorState }) => {
        if (dirtyElements.size === 0) return; // selection only: no block changed
        // A block added, removed or moved also writes its neighbours (their sibling links),
        // so the block after a removed one is among the changed ones.
        const changed: HTMLElement[] = [];
        editorState.read(() => {
          for (const key of dirtyElements.keys()) {
            const node = $getNodeByKey(key);
            if (!node || !$isRootNode(node.getParent())) continue;
            const element = editor.getElementByKey(key);
            if (element) changed.push(element);
          }
        });
        // Many blocks (a load, a paste): one walk over all of them is cheaper than sorting.
        if (changed.length > WALK_ALL_OVER) return alignEmptyBlocks(editor.getRootElement());
        // In document order, so one walk covers a run of changed blocks.
        changed.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
        alignEmptyBlocksAfter(changed);
      });
  }, [editor]);
  return null;
}
