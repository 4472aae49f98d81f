/**
 * @module SafeLinksPlugin
 * Links in a shared document open in a new tab that cannot reach back into Quire (security
 * finding S7: a synced link moved the Quire tab to another page). Invariants:
 *
 * - A click opens the link with `window.open(url, "_blank", "noopener,noreferrer")`, so the
 *   new page gets `window.opener === null` and no Referer. Lexical's ClickableLinkPlugin,
 *   which this replaces, calls `window.open(url, "_blank")`: the opened page could navigate
 *   the Quire tab (`window.opener.location = …`), whatever the link's `rel` said.
 * - Only http(s) and mailto URLs open (link-url.ts), whatever a peer wrote into the doc.
 * - Every rendered anchor carries `rel="noopener noreferrer"`, for the browser's own handling
 *   (middle click, "open in new tab"). A link's `rel` and `target` are synced attributes any
 *   editor can rewrite; the DOM is fixed after each render, the shared doc is never written.
 * - A click that ends a selection inside a link selects, it does not navigate.
 */
import { $isAutoLinkNode, $isLinkNode, AutoLinkNode, LinkNode } from "@lexical/link";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $findMatchingParent, mergeRegister } from "@lexical/utils";
import { $getNearestNodeFromDOMNode, $getSelection, $isRangeSelection, type LexicalEditor, type NodeKey, type NodeMutation } from "lexical";
import { useEffect } from "react";
import { isSafeLinkUrl } from "./link-url.ts";

export const SAFE_LINK_REL = "noopener noreferrer";

export function SafeLinksPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const fixRel = (mutations: Map<NodeKey, NodeMutation>) => {
      for (const [key, mutation] of mutations) {
        if (mutation === "destroyed") continue;
        editor.getElementByKey(key)?.setAttribute("rel", SAFE_LINK_REL);
      }
    };
    return mergeRegister(
      editor.registerMutationListener(LinkNode, fixRel, { skipInitialization: false }),
      editor.registerMutationListener(AutoLinkNode, fixRel, { skipInitialization: false }),
      editor.registerRootListener((root) => {
        if (!root) return;
        const onClick = (event: MouseEvent) => openLink(editor, event);
        root.addEventListener("click", onClick);
        root.addEventListener("auxclick", onClick);
        return () => {
          root.removeEventListener("click", onClick);
          root.removeEventListener("auxclick", onClick);
        };
      }),
    );
  }, [editor]);
  return null;
}

function openLink(editor: LexicalEditor, event: MouseEvent): void {
  // `auxclick` also fires for the right and history buttons: only the middle one follows.
  if (event.type === "auxclick" && event.button !== 1) return;
  const target = event.target;
  if (!(target instanceof Node)) return;
  let url: string | null = null;
  editor.read(() => {
    const node = $getNearestNodeFromDOMNode(target);
    const link = node === null ? null : $findMatchingParent(node, $isLinkNode);
    if (!$isLinkNode(link) || ($isAutoLinkNode(link) && link.getIsUnlinked())) return;
    url = link.getURL();
  });
  if (url === null) return;
  // "latest": the click's own selection change may still be pending (as Lexical's plugin does).
  const selection = editor.read("latest", $getSelection);
  if ($isRangeSelection(selection) && !selection.isCollapsed()) {
    event.preventDefault();
    return;
  }
  event.preventDefault();
  if (!isSafeLinkUrl(url)) return;
  window.open(url, "_blank", "noopener,noreferrer");
}
