import { describe, expect, it } from "vitest";
import { EMPTY_TOOLBAR_STATE, sameToolbarState, type ToolbarState } from "./toolbar-state.ts";

describe("sameToolbarState", () => {
  it("treats equal fields as the same state, whatever the object", () => {
    expect(sameToolbarState(EMPTY_TOOLBAR_STATE, { ...EMPTY_TOOLBAR_STATE })).toBe(true);
  });

  it("sees a change in every field the toolbar shows", () => {
    const changes: Partial<ToolbarState>[] = [
      { block: "h1" },
      { bold: true },
      { italic: true },
      { underline: true },
      { strikethrough: true },
      { code: true },
      { link: true },
    ];
    for (const change of changes) expect(sameToolbarState(EMPTY_TOOLBAR_STATE, { ...EMPTY_TOOLBAR_STATE, ...change })).toBe(false);
    // A field added to ToolbarState but not compared would let the toolbar show a stale state.
    expect(changes.flatMap(Object.keys).sort()).toEqual(Object.keys(EMPTY_TOOLBAR_STATE).sort());
  });
});
