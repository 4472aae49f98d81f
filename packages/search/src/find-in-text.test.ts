import { describe, expect, it } from "vitest";
import { findAll } from "./find-in-text.ts";

const pieces = (text: string, query: string) => findAll(text, query).map(([s, e]) => text.slice(s, e));

describe("findAll", () => {
  it("finds every occurrence, ignoring case and accents, as offsets into the original text", () => {
    expect(pieces("École, ecole, ÉCOLE et écoles", "ecole")).toEqual(["École", "ecole", "ÉCOLE", "école"]);
    expect(findAll("the river, The River", "river")).toEqual([
      [4, 9],
      [15, 20],
    ]);
  });

  it("keeps combining marks and astral characters whole", () => {
    const decomposed = "cafe\u0301 and cafe";
    expect(pieces(decomposed, "café")).toEqual(["cafe\u0301", "cafe"]);
    expect(pieces("😀 smile 😀", "😀")).toEqual(["😀", "😀"]);
  });

  it("does not overlap and finds nothing for a blank query", () => {
    expect(findAll("aaaa", "aa")).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(findAll("text", "  ")).toEqual([]);
    expect(findAll("مرحبا بالعالم", "بالعالم")).toEqual([[6, 13]]);
  });
});
