/**
 * The local keystroke path of @lexical/yjs's v2 binding (issue 17 item 3, F20). A keystroke
 * marks the root dirty only as the ancestor of the text it changed, yet 0.52.0's
 * $updateYFragment(root) compared every top-level block with its Yjs element on every key:
 * per key, work proportional to the document. The maintained patch
 * (patches/@lexical__yjs@0.52.0.patch) diffs only the changed top-level blocks then, and keeps
 * the full comparison for the root's own changes. Counted here as the binding's mapping
 * lookups (one per block compared) in a headless editor bound to a Yjs doc, the same binding
 * and listener wiring the page's collaboration plugin uses; no timing.
 */
import { createBindingV2__EXPERIMENTAL, type Provider, syncLexicalUpdateToYjsV2__EXPERIMENTAL } from "@lexical/yjs";
import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode, $isTextNode } from "lexical";
import { describe, expect, it } from "vitest";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { createHeadlessEditor } from "../transfer/headless-editor.ts";

const BLOCKS = 300;
const KEYS = 10;

function boundEditor() {
  const doc = new Y.Doc();
  const editor = createHeadlessEditor();
  const binding = createBindingV2__EXPERIMENTAL(editor, "local-sync-scan", doc, new Map());
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);
  const provider = { awareness, connect() {}, disconnect() {}, on() {}, off() {} } as unknown as Provider;
  editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) =>
    syncLexicalUpdateToYjsV2__EXPERIMENTAL(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags),
  );
  let lookups = 0;
  const get = binding.mapping.get.bind(binding.mapping);
  binding.mapping.get = ((type: Parameters<typeof get>[0]) => {
    lookups++;
    return get(type);
  }) as typeof binding.mapping.get;
  const yBlocks = () => doc.get("root-v2", Y.XmlElement).toArray();
  const yText = (i: number) => {
    const block = yBlocks()[i];
    return block instanceof Y.XmlElement ? block.toArray().map((t) => (t instanceof Y.XmlText ? t.toString() : "")).join("") : "";
  };
  return {
    editor,
    lookups: () => lookups,
    resetLookups: () => {
      lookups = 0;
    },
    yBlocks,
    yText,
    destroy: () => awareness.destroy(),
  };
}

describe("local keystrokes through the v2 binding", () => {
  it("diff the block they changed, not every block of the document", () => {
    const bound = boundEditor();
    try {
      bound.editor.update(
        () => {
          for (let i = 0; i < BLOCKS; i++) $getRoot().append($createParagraphNode().append($createTextNode(`Paragraph ${i}`)));
        },
        { discrete: true },
      );
      expect(bound.yBlocks()).toHaveLength(BLOCKS);

      bound.resetLookups();
      for (let k = 0; k < KEYS; k++) {
        bound.editor.update(
          () => {
            const block = $getRoot().getChildAtIndex(BLOCKS / 2);
            const text = $isElementNode(block) ? block.getFirstChild() : null;
            if (!$isTextNode(text)) throw new Error("no text in the middle block");
            text.setTextContent(`${text.getTextContent()}x`);
          },
          { discrete: true },
        );
      }
      expect(bound.yText(BLOCKS / 2)).toBe(`Paragraph ${BLOCKS / 2}${"x".repeat(KEYS)}`);
      // Unpatched: every key compares all BLOCKS blocks (≥ 3,000 lookups for 10 keys).
      expect(bound.lookups(), `mapping lookups for ${KEYS} keys in a ${BLOCKS}-block document`).toBeLessThanOrEqual(KEYS * 4);

      // The root's own change (a new block) still takes the full comparison and lands in Yjs.
      bound.editor.update(() => void $getRoot().append($createParagraphNode().append($createTextNode("The end"))), { discrete: true });
      expect(bound.yBlocks()).toHaveLength(BLOCKS + 1);
      expect(bound.yText(BLOCKS)).toBe("The end");
      // A block removed, then a key typed in the block after it.
      bound.editor.update(() => void $getRoot().getChildAtIndex(0)?.remove(), { discrete: true });
      bound.editor.update(
        () => {
          const block = $getRoot().getChildAtIndex(0);
          const text = $isElementNode(block) ? block.getFirstChild() : null;
          if ($isTextNode(text)) text.setTextContent(`${text.getTextContent()}!`);
        },
        { discrete: true },
      );
      expect(bound.yBlocks()).toHaveLength(BLOCKS);
      expect(bound.yText(0)).toBe("Paragraph 1!");
    } finally {
      bound.destroy();
    }
  });
});
