import { describe, expect, it } from "vitest";
import { sameItems } from "./same-ranges.ts";

// sameRanges needs DOM Ranges: covered in the browser (e2e/long-document.test.ts).
describe("sameItems", () => {
  class Type {}
  const type = new Type();
  const item = (from: number, name = "Ana") => ({ id: "s1", type, from, to: from + 3, start: new Uint8Array([1, 2]), author: { sub: "u1", name } });

  it("keeps a list whose items were rebuilt with equal fields", () => {
    expect(sameItems([item(4)], [item(4)])).toBe(true);
    expect(sameItems([], [])).toBe(true);
  });

  it("sees a moved range, a renamed author, other bytes, another type and another length", () => {
    expect(sameItems([item(4)], [item(5)])).toBe(false);
    expect(sameItems([item(4)], [item(4, "Bea")])).toBe(false);
    expect(sameItems([item(4)], [{ ...item(4), start: new Uint8Array([1, 3]) }])).toBe(false);
    expect(sameItems([item(4)], [{ ...item(4), type: new Type() }])).toBe(false);
    expect(sameItems([item(4)], [item(4), item(4)])).toBe(false);
  });
});
