/**
 * @module ViewConsistencyPlugin
 * Safety net for the experimental v2 binding: after each sync (device copy loaded, relay sync
 * done) the text the editor shows is compared with the text in the Yjs doc. Once in a few
 * loaded e2e runs a freshly opened editor showed a paragraph empty although the doc had its
 * text (a link); typing into such a stale view could write the wrong thing back. On a
 * mismatch that persists, the view is rebuilt from the doc (the binding's own full re-render,
 * CLEAR_DIFF_VERSIONS_COMMAND). The check never writes to the doc, and an empty doc is never
 * re-rendered (that re-render would add a paragraph: the seeding trap).
 * It also hands the editor to the provider, which asks for the same full render when the
 * handle's doc already held content before the binding connected (see editor-provider.ts).
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { CLEAR_DIFF_VERSIONS_COMMAND__EXPERIMENTAL } from "@lexical/yjs";
import { $getRoot } from "lexical";
import { useEffect } from "react";
import * as Y from "yjs";
import { EDITOR_ROOT, type EditorProvider } from "./editor-provider.ts";
import { yTreeText } from "./view-text.ts";

/** Delay before comparing, and again before acting: lets in-flight updates settle. */
const SETTLE_MS = 400;

export function ViewConsistencyPlugin({ provider }: { provider: EditorProvider }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    provider.attachEditor(editor);
    const root = provider.doc.get(EDITOR_ROOT, Y.XmlElement);
    const mismatch = () => {
      const docText = yTreeText(root);
      if (docText === "") return false;
      const viewText = editor.getEditorState().read(() =>
        $getRoot()
          .getAllTextNodes()
          .map((n) => n.getTextContent())
          .join(""),
      );
      return viewText !== docText;
    };
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const later = (fn: () => void) => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, SETTLE_MS);
      timers.add(t);
    };
    const onSync = (synced: boolean) => {
      if (!synced) return;
      later(() => {
        if (!mismatch()) return;
        later(() => {
          if (!mismatch()) return;
          console.warn("[quire editor] view differed from the document after sync; re-rendering from the document");
          editor.dispatchCommand(CLEAR_DIFF_VERSIONS_COMMAND__EXPERIMENTAL, undefined);
        });
      });
    };
    provider.on("sync", onSync);
    return () => {
      provider.off("sync", onSync);
      for (const t of timers) clearTimeout(t);
    };
  }, [editor, provider]);
  return null;
}
