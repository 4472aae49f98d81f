import { describe, expect, it } from "vitest";
import { secretFromFragment } from "./share-fragment.ts";

describe("share link fragment", () => {
  it("takes a 43-character base64url secret and nothing else", () => {
    const secret = `${"A".repeat(40)}_-9`;
    expect(secretFromFragment(`#${secret}`)).toBe(secret);
    expect(secretFromFragment(secret)).toBe(secret);
    expect(secretFromFragment(`#${secret}x`)).toBeNull();
    expect(secretFromFragment("#short")).toBeNull();
    expect(secretFromFragment(`#${"A".repeat(42)}%`)).toBeNull();
    expect(secretFromFragment("")).toBeNull();
  });
});
