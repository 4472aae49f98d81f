import { describe, expect, it } from "vitest";
import { UNTITLED } from "@quire/client";
import { shownTitle } from "./shown-title.ts";

describe("shownTitle", () => {
  it("shows the untitled mark in the reader's language and every other title as written", () => {
    expect(shownTitle(UNTITLED, "Document sans titre")).toBe("Document sans titre");
    expect(shownTitle("Les volcans", "Document sans titre")).toBe("Les volcans");
    expect(shownTitle("", "Document sans titre")).toBe("");
  });
});
